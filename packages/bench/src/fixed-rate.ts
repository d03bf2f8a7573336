// A constant-rate load generator: `rate` requests per second spread over `connections`
// keep-alive connections for `seconds`, each latency measured from its *scheduled* start
// (so a slow server cannot hide queueing: no coordinated omission). Prints one JSON line.
import { Pool } from "undici";

const [url, rateArg, secondsArg, connectionsArg, token] = process.argv.slice(2);
if (!url) throw new Error("usage: fixed-rate.ts URL RATE SECONDS CONNECTIONS [TOKEN]");
const rate = Number(rateArg ?? 200);
const seconds = Number(secondsArg ?? 10);
const connections = Number(connectionsArg ?? 50);
const target = new URL(url);
const pool = new Pool(target.origin, { connections, pipelining: 1 });
const headers = token ? { authorization: `Bearer ${token}` } : {};

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
      .request({ method: "GET", path: target.pathname + target.search, headers })
      .then(async (res) => {
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) failed++;
        latencies.push(performance.now() - scheduled);
      })
      .catch(() => void failed++),
  );
}
await Promise.all(inflight);
await pool.close();
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rate, achieved: Math.round(latencies.length / elapsed), p50: +at(0.5).toFixed(2), p90: +at(0.9).toFixed(2), p99: +at(0.99).toFixed(2), failed }));
