// A constant-rate load generator: `rate` requests per second spread over `connections`
// keep-alive connections for `seconds`, each latency measured from its *scheduled* start
// (so a slow server cannot hide queueing: no coordinated omission). As a command it prints
// one JSON line; `runFixedRate` is the same loop for scripts that send a mix of paths.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";

export interface FixedRateOptions {
  origin: string;
  /** Request paths (with their query), sent in turn, round robin. */
  paths: readonly string[];
  rate: number;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
  /** A response header whose values are counted (e.g. a cache's hit/miss marker). */
  countHeader?: string;
}

export interface FixedRateResult {
  rate: number;
  achieved: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  failed: number;
  /** Values of `countHeader` ("" = absent) → how many answers carried each, and their latency. */
  byHeader: Record<string, { count: number; p50: number; p99: number }>;
}

/** The q-quantile of sorted latencies, to 0.01 ms. */
const quantile = (sorted: readonly number[], q: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2);

export async function runFixedRate(options: FixedRateOptions): Promise<FixedRateResult> {
  const { rate, seconds, paths } = options;
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1 });
  const headers = options.headers ?? {};
  const latenciesByHeader = new Map<string, number[]>();
  const latencies: number[] = [];
  let failed = 0;
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = started + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      pool
        .request({ method: "GET", path: paths[i % paths.length]!, headers })
        .then(async (res) => {
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) failed++;
          const latency = performance.now() - scheduled;
          latencies.push(latency);
          if (options.countHeader) {
            const value = String(res.headers[options.countHeader] ?? "");
            const list = latenciesByHeader.get(value) ?? [];
            if (!list.length) latenciesByHeader.set(value, list);
            list.push(latency);
          }
        })
        .catch(() => void failed++),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  const elapsed = (performance.now() - started) / 1000;
  const byHeader: FixedRateResult["byHeader"] = {};
  for (const [value, list] of latenciesByHeader) {
    list.sort((a, b) => a - b);
    byHeader[value] = { count: list.length, p50: quantile(list, 0.5), p99: quantile(list, 0.99) };
  }
  return { rate, achieved: Math.round(latencies.length / elapsed), p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: at(1), failed, byHeader };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [url, rateArg, secondsArg, connectionsArg, token] = process.argv.slice(2);
  if (!url) throw new Error("usage: fixed-rate.ts URL RATE SECONDS CONNECTIONS [TOKEN]");
  const target = new URL(url);
  const r = await runFixedRate({
    origin: target.origin,
    paths: [target.pathname + target.search],
    rate: Number(rateArg ?? 200),
    seconds: Number(secondsArg ?? 10),
    connections: Number(connectionsArg ?? 50),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  console.log(JSON.stringify({ rate: r.rate, achieved: r.achieved, p50: r.p50, p90: r.p90, p99: r.p99, failed: r.failed }));
}
