import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { infra } from "./infra.ts";
import { freePort } from "./ports.ts";
import { waitFor } from "./wait.ts";

// Sidecars still running when the test process ends (a failed beforeAll, a crash) are
// killed with it: left behind, they would stay registered under their app id.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface Sidecar {
  appId: string;
  httpPort: number;
  /** SIGKILL: the sidecar dies mid-flight, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again with the same app id and ports. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface SidecarOptions {
  appId: string;
  appPort: number;
  pubsub?: "kafka" | "redis";
  logLevel?: string;
  /** The app must know its sidecar's port before the sidecar starts. */
  httpPort?: number;
}

/**
 * A real daprd beside an app, loading the repository's components (common + the chosen
 * pub/sub folder), Configuration and Resiliency, exactly as the platform does.
 */
export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const httpPort = options.httpPort ?? (await freePort());
  const pubsub = options.pubsub ?? infra.pubsub;
  const logDir = path.join(infra.repoRoot, ".data/logs/test-sidecars");
  mkdirSync(logDir, { recursive: true });
  let child: ChildProcess | undefined;

  let [grpcPort, metricsPort] = await Promise.all([freePort(), freePort()]);
  const logFile = path.join(logDir, `${options.appId}-${httpPort}.log`);

  const launchOnce = async () => {
    const log = createWriteStream(logFile, { flags: "a" });
    child = spawn(
      infra.daprd,
      [
        "--app-id", options.appId,
        "--app-port", String(options.appPort),
        "--app-protocol", "http",
        "--dapr-http-port", String(httpPort),
        "--dapr-grpc-port", String(grpcPort),
        "--metrics-port", String(metricsPort),
        "--resources-path", "components/common",
        "--resources-path", `components/pubsub-${pubsub}`,
        "--resources-path", "dapr/resources",
        "--config", "dapr/config.yaml",
        "--log-level", options.logLevel ?? "warn",
        "--dapr-listen-addresses", "127.0.0.1",
      ],
      // DAPR_HOST_IP: the address daprd announces to other sidecars (mDNS); without it, the
      // machine's network interface, and invocations would leave loopback.
      { cwd: infra.repoRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DAPR_HOST_IP: "127.0.0.1" } },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    running.add(child);
    child.once("exit", () => running.delete(child!));
    const exited = new Promise<never>((_, reject) => child!.once("exit", (code) => reject(new Error(`daprd for ${options.appId} exited with ${code}; see ${logDir}`))));
    exited.catch(() => undefined);
    await Promise.race([
      waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/v1.0/healthz`)).status === 204, { what: `daprd ${options.appId} healthy`, timeoutMs: 60_000 }),
      exited,
    ]);
  };

  // Another process can take a probed port before daprd binds it: try again on fresh ports.
  const launch = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launchOnce();
      } catch (error) {
        const clash = readFileSync(logFile, "utf8").includes("address already in use");
        if (!clash || attempt === 3) throw error;
        [grpcPort, metricsPort] = await Promise.all([freePort(), freePort()]);
      }
    }
  };

  const terminate = async (signal: NodeJS.Signals) => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const gone = new Promise((resolve) => current.once("exit", resolve));
    current.kill(signal);
    await gone;
  };

  await launch();
  return {
    appId: options.appId,
    httpPort,
    kill: () => terminate("SIGKILL"),
    restart: launch,
    stop: () => terminate("SIGTERM"),
  };
}
