// Runs the apps of dapr/dapr.yaml, each beside its own daprd: `up`, `down`, `list`.
// It reads the same multi-app run file as `dapr run -f`, so the two never drift apart.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const repo = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const runFile = path.join(repo, "dapr/dapr.yaml");
const state = process.env.MARKET_STATE_DIR ?? path.join(repo, ".data");
const daprd = process.env.DAPRD ?? path.join(process.env.MARKET_CACHE_DIR ?? path.join(homedir(), ".cache/marketplace"), "dapr/1.18.0/bin/daprd");
const pubsub = process.env.PUBSUB ?? "kafka";
mkdirSync(path.join(state, "logs"), { recursive: true });
mkdirSync(path.join(state, "pids"), { recursive: true });

const spec = parse(readFileSync(runFile, "utf8"));
const fromRunFile = (p) => path.resolve(path.dirname(runFile), p);
const pidFile = (name) => path.join(state, "pids", `app-${name}.pid`);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const readPid = (name) => (existsSync(pidFile(name)) ? Number(readFileSync(pidFile(name), "utf8")) : undefined);

function start(name, command, args, options) {
  const log = openSync(path.join(state, "logs", `${name}.log`), "a");
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  writeFileSync(pidFile(name), String(child.pid));
  child.unref();
}

async function waitHealthy(url, what, processName, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pid = readPid(processName);
    if (!pid || !alive(pid)) {
      const log = readFileSync(path.join(state, "logs", `${processName}.log`), "utf8").split("\n").slice(-15).join("\n");
      throw new Error(`${what} exited while starting; the end of its log:\n${log}`);
    }
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become healthy at ${url} within ${timeoutMs / 1000}s (logs: ${path.join(state, "logs")})`);
}

async function up() {
  if (!existsSync(daprd)) throw new Error(`daprd is missing at ${daprd}; run: npm run infra -- fetch`);
  const resources = spec.common.resourcesPaths.map((p) => (pubsub === "redis" ? p.replace("pubsub-kafka", "pubsub-redis") : p)).map(fromRunFile);
  for (const app of spec.apps) {
    const appDir = fromRunFile(app.appDirPath);
    const env = { ...process.env, ...spec.common.env, ...app.env, APP_PORT: String(app.appPort), DAPR_HTTP_PORT: String(app.daprHTTPPort), DAPR_GRPC_PORT: String(app.daprGRPCPort) };
    if (readPid(app.appID) && alive(readPid(app.appID))) {
      console.log(`${app.appID}: already running`);
      continue;
    }
    const [command, ...args] = app.command;
    start(app.appID, command, args, { cwd: appDir, env });
    start(`${app.appID}-daprd`, daprd, [
      "--app-id", app.appID,
      "--app-port", String(app.appPort),
      "--app-protocol", spec.common.appProtocol ?? "http",
      "--dapr-http-port", String(app.daprHTTPPort),
      "--dapr-grpc-port", String(app.daprGRPCPort),
      "--metrics-port", String(app.metricsPort),
      "--dapr-listen-addresses", "127.0.0.1",
      "--config", fromRunFile(spec.common.configFilePath),
      ...resources.flatMap((r) => ["--resources-path", r]),
      ...(spec.common.enableAppHealthCheck
        ? ["--enable-app-health-check", "--app-health-check-path", spec.common.appHealthCheckPath,
           "--app-health-probe-timeout", String(spec.common.appHealthProbeTimeout ?? 500), "--app-health-threshold", String(spec.common.appHealthThreshold ?? 3)]
        : []),
      "--log-level", "info",
    ], { cwd: repo, env: { ...process.env, DAPR_HOST_IP: "127.0.0.1" } }); // announce loopback to other sidecars, not eth0
  }
  try {
    await Promise.all(spec.apps.flatMap((app) => [
      waitHealthy(`http://127.0.0.1:${app.appPort}/readyz`, app.appID, app.appID),
      waitHealthy(`http://127.0.0.1:${app.daprHTTPPort}/v1.0/healthz`, `${app.appID}'s daprd`, `${app.appID}-daprd`),
    ]));
  } catch (error) {
    // Leave nothing half-started behind.
    await down();
    throw error;
  }
  await list();
}

async function down() {
  for (const app of [...spec.apps].reverse()) {
    for (const name of [app.appID, `${app.appID}-daprd`]) {
      const pid = readPid(name);
      if (pid && alive(pid)) {
        process.kill(-pid, "SIGTERM");
        for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
        if (alive(pid)) process.kill(-pid, "SIGKILL");
        console.log(`stopped ${name}`);
      }
      rmSync(pidFile(name), { force: true });
    }
  }
}

/** Like `dapr list`: each app as its sidecar reports itself (/v1.0/metadata). */
async function list() {
  const rows = [["APP ID", "HTTP PORT", "GRPC PORT", "APP PORT", "RUNTIME", "COMPONENTS", "SUBSCRIPTIONS", "PID"]];
  for (const app of spec.apps) {
    let meta;
    try {
      meta = await (await fetch(`http://127.0.0.1:${app.daprHTTPPort}/v1.0/metadata`, { signal: AbortSignal.timeout(1000) })).json();
    } catch {
      rows.push([app.appID, "-", "-", String(app.appPort), "not running", "", "", ""]);
      continue;
    }
    rows.push([
      meta.id,
      String(app.daprHTTPPort),
      String(app.daprGRPCPort),
      String(meta.appConnectionProperties?.port ?? app.appPort),
      meta.runtimeVersion,
      (meta.components ?? []).map((c) => `${c.name}(${c.type})`).join(" "),
      (meta.subscriptions ?? []).map((s) => s.topic).join(" "),
      String(readPid(`${app.appID}-daprd`) ?? ""),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  "));
}

const commands = { up, down, list };
const command = commands[process.argv[2]];
if (!command) {
  console.error("usage: platform.mjs up|down|list");
  process.exit(2);
}
await command().catch((error) => {
  console.error(`platform: ${error.message}`);
  process.exit(1);
});
