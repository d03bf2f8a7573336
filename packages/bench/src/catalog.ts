// The catalog at scale (`npm run bench:catalog`), after `npm run seed:catalog`:
//   1. indexing: a timed `npm run reindex` (the product service's export → a new Elasticsearch
//      index, swapped in by alias); docs/s;
//   2. latency at a fixed rate through the public ingress (src/fixed-rate.ts: from the
//      scheduled send, no coordinated omission), after a warm-up with other requests:
//      searches (text + two filters, facets always computed), autocomplete (prefixes of 2–6
//      characters), and GET /api/product/products/<id> cached (a few ids, over and over) and
//      uncached (every id once, picked at random among a million, so no cache has it);
//   3. throughput: the cached product-by-id at 50 connections with wrk (saturation), and its
//      latency at the target's 2,000 requests/s with the fixed-rate generator.
// Queries come from the seeded catalog itself: titles, categories and prices sampled from
// the product database, so their words follow the seed's Zipf skew.
//
// The platform must run with the ingress rate limit lifted; when none runs, this starts one
// (`RATE_LIMIT_PER_MINUTE=1000000000 node packages/infra/platform.mjs up`) and stops it after.
// Settings from the environment: DURATION (s per measurement, 20), WARM_UP (s, 5),
// SEARCH_RATE (30/s), AUTOCOMPLETE_RATE (60/s), PRODUCT_RATE (200/s), PRODUCT_TARGET_RATE
// (2000/s: the cached product-by-id at the target's throughput), UNCACHED_RATE (50/s),
// CONNECTIONS (50), DATABASE_URL (the product database). `-- --skip-reindex` measures the
// index as it is. Prints Markdown and writes results/catalog.md.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { runFixedRate, type FixedRateResult } from "./fixed-rate.ts";

const SECONDS = Number(process.env.DURATION ?? 20);
const WARM_UP = Number(process.env.WARM_UP ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const rates = {
  search: Number(process.env.SEARCH_RATE ?? 30),
  autocomplete: Number(process.env.AUTOCOMPLETE_RATE ?? 60),
  product: Number(process.env.PRODUCT_RATE ?? 200),
  /** The target's rate: p99 is judged here, not at saturation, where queueing sets the tail. */
  productTarget: Number(process.env.PRODUCT_TARGET_RATE ?? 2_000),
  uncached: Number(process.env.UNCACHED_RATE ?? 50),
};
const API = process.env.API_URL ?? "http://127.0.0.1:8080";
const ES = process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:19200";
const PRODUCT_METRICS = process.env.PRODUCT_METRICS_URL ?? "http://127.0.0.1:3105/metrics";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:15432/product";
const skipReindex = process.argv.includes("--skip-reindex");
const repo = fileURLToPath(new URL("../../..", import.meta.url));
const out = fileURLToPath(new URL("../results/catalog.md", import.meta.url));
const targets = { searchP95: 100, autocompleteP95: 30, cachedRps: 2_000, cachedP99: 50 };

const exec = promisify(execFile);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");
const say = (line: string) => console.error(`bench:catalog: ${line}`);

// ---- the platform ------------------------------------------------------------------------------

async function ingressRateLimit(): Promise<number | undefined> {
  try {
    const response = await fetch(`${API}/api/product/categories`, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return Number(response.headers.get("ratelimit-limit") ?? Number.POSITIVE_INFINITY);
  } catch {
    return undefined;
  }
}

/** Uses the running platform, or starts one (and says to stop it) when none answers. */
async function ensurePlatform(): Promise<{ startedHere: boolean }> {
  const limit = await ingressRateLimit();
  if (limit !== undefined) {
    if (limit < 1_000_000) {
      throw new Error(
        `the running platform's ingress allows ${limit} requests a minute per client; restart it with the limit lifted: ` +
          "node packages/infra/platform.mjs down && RATE_LIMIT_PER_MINUTE=1000000000 node packages/infra/platform.mjs up",
      );
    }
    return { startedHere: false };
  }
  say("no platform answers; building and starting one with the rate limit lifted");
  await exec("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: repo, maxBuffer: 64 << 20 });
  await exec("node", ["packages/infra/platform.mjs", "up"], { cwd: repo, env: { ...process.env, RATE_LIMIT_PER_MINUTE: "1000000000", LOG_LEVEL: "warn" }, maxBuffer: 16 << 20 });
  return { startedHere: true };
}

// ---- what to ask ---------------------------------------------------------------------------

interface Sample {
  id: string;
  title: string;
  categoryPath: string[];
  price: number;
}

const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Active products of sellable sellers, a random block of the table each run (TABLESAMPLE: no full scan). */
async function sampleCatalog(client: pg.ClientBase, wanted: number): Promise<Sample[]> {
  const [{ n }] = (await client.query("select reltuples::bigint as n from pg_class where oid = 'products'::regclass")).rows as [{ n: string }];
  const percent = Math.min(100, Math.max(0.05, ((wanted * 3) / Math.max(1, Number(n))) * 100));
  const { rows } = await client.query<{ id: string; title: string; path: string[]; price: number }>(
    `select p.id, p.title, array_remove(array[g.parent_id, c.parent_id, c.id], null) as path,
            (select min(price_amount) from variants v where v.product_id = p.id and v.price_currency = 'EUR')::int as price
       from products p tablesample system (${percent.toFixed(3)})
       join categories c on c.id = p.category_id
       left join categories g on g.id = c.parent_id
       join sellers s on s.vendor_id = p.vendor_id and s.status = 'approved' and s.payouts_enabled
      where p.status = 'active' and p.deleted_at is null
      limit ${wanted}`,
  );
  return shuffle(rows.filter((r) => r.price !== null).map((r) => ({ id: r.id, title: r.title, categoryPath: r.path, price: r.price })));
}

/** Words of a title a shopper would type: the brand, the product noun, a material or adjective with it. */
function searchText(title: string): string {
  const words = title.replace(/,.*$/, "").split(" ").filter((w) => !/^\d+$/.test(w));
  const noun = words.at(-1)!;
  const options = [noun, `${words[0]} ${noun}`, words.length > 2 ? `${words.at(-2)} ${noun}` : noun, words[0]!, words.slice(1).join(" ")];
  return pick(options).toLowerCase();
}

/** Text plus two of: category (root or group), price band, in stock, minimum rating. */
function searchPath(sample: Sample): string {
  const filters = shuffle([
    () => ({ category: pick(sample.categoryPath.slice(0, 2)) }),
    () => ({ minPrice: String(Math.floor(sample.price / 2)), maxPrice: String(sample.price * 2) }),
    () => ({ inStock: "true" }),
    () => ({ minRating: pick(["3", "3.5", "4"]) }),
  ]).slice(0, 2);
  const query = new URLSearchParams({ q: searchText(sample.title), ...Object.assign({}, ...filters.map((f) => f())) });
  return `/api/search/search/products?${query}`;
}

/** 2–6 characters of a title word, sometimes after a whole first word ("nordvik ru"). */
function autocompletePath(sample: Sample): string {
  const words = sample.title.replace(/,.*$/, "").toLowerCase().split(" ");
  const word = pick(words.filter((w) => w.length >= 2 && !/^\d+$/.test(w)));
  const prefix = word.slice(0, 2 + Math.floor(Math.random() * Math.min(5, word.length - 1)));
  const q = Math.random() < 0.3 && words.length > 1 && word !== words[0] ? `${words[0]} ${prefix}` : prefix;
  return `/api/search/search/autocomplete?${new URLSearchParams({ q })}`;
}

const productPath = (id: string) => `/api/product/products/${id}`;

// ---- measuring ----------------------------------------------------------------------------

interface Row {
  what: string;
  result: FixedRateResult;
  load: string;
  note: string;
}

async function productCacheCounters(): Promise<{ hits: number; misses: number }> {
  try {
    const text = await (await fetch(PRODUCT_METRICS, { signal: AbortSignal.timeout(3000) })).text();
    const value = (name: string) => Number(new RegExp(`^${name}\\{[^}]*cache="product"[^}]*\\} (\\S+)`, "m").exec(text)?.[1] ?? 0);
    return { hits: value("product_cache_hits_total"), misses: value("product_cache_misses_total") };
  } catch {
    return { hits: Number.NaN, misses: Number.NaN };
  }
}

/** CPU seconds a process of the platform has used so far (utime + stime, in clock ticks of 1/100 s). */
function platformCpuSeconds(app: string): number {
  try {
    const pid = readFileSync(path.join(repo, ".data/pids", `app-${app}.pid`), "utf8").trim();
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Warm-up with `warmPaths`, then the measurement with `paths`; the product cache's hits and misses in the note. */
async function measure(what: string, rate: number, warmPaths: string[], paths: string[]): Promise<Row> {
  say(`${what}: warming up ${WARM_UP} s, then ${SECONDS} s at ${rate}/s`);
  await runFixedRate({ origin: API, paths: warmPaths, rate, seconds: WARM_UP, connections: CONNECTIONS });
  const before = await productCacheCounters();
  const atStart = load();
  // Who used the cores meanwhile: on a small machine the tail is often the ingress's event loop or the generator itself.
  const ingressCpu = platformCpuSeconds("ingress");
  const ownCpu = process.cpuUsage();
  const started = performance.now();
  const result = await runFixedRate({ origin: API, paths, rate, seconds: SECONDS, connections: CONNECTIONS, countHeader: "x-edge-cache" });
  const wall = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownCpu);
  const cores = `ingress ${((platformCpuSeconds("ingress") - ingressCpu) / wall).toFixed(2)} cores, load generator ${((own.user + own.system) / 1e6 / wall).toFixed(2)} cores; `;
  const after = await productCacheCounters();
  // Where the tail comes from: answers the ingress kept (hit), and those that went to the service.
  const edge = Object.entries(result.byHeader)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, r]) => `${value || "not stored"} ${r.count} (p50 ${r.p50} / p99 ${r.p99} ms)`)
    .join(", ");
  const productCache = paths[0]!.startsWith("/api/product/") && Number.isFinite(before.hits) ? `; product cache ${after.hits - before.hits} hits, ${after.misses - before.misses} misses` : "";
  return { what, result, load: `${atStart} → ${load()}`, note: `${cores}edge cache: ${edge}${productCache}` };
}

async function wrkSaturation(paths: string[]): Promise<{ rps: number; p50: string; p90: string; p99: string; non2xx: number; load: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-catalog-"));
  const script = path.join(dir, "paths.lua");
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(", ")}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`,
  );
  try {
    say(`cached product by id: wrk ${WARM_UP} s warm-up, then ${SECONDS} s at ${CONNECTIONS} connections`);
    await exec("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${WARM_UP}s`, "-s", script, API]);
    const atStart = load();
    const { stdout } = await exec("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "--latency", "-s", script, API]);
    const percentile = (p: number) => new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(stdout)?.[1] ?? "?";
    return {
      rps: Math.round(Number(/Requests\/sec:\s+(\S+)/.exec(stdout)?.[1] ?? 0)),
      p50: percentile(50),
      p90: percentile(90),
      p99: percentile(99),
      non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
      load: `${atStart} → ${load()}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reindex(): Promise<{ line: string; documents: number; seconds: number; docsPerSecond: number; load: string }> {
  say("reindexing (npm run reindex) …");
  const atStart = load();
  const started = performance.now();
  const child = spawn("node", ["--import", "tsx", "services/search/src/reindex.ts"], { cwd: repo, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split("\n").find((l) => l.startsWith("reindexed")) ?? "";
  if (code !== 0 || !line) throw new Error(`the reindex failed (exit ${code}): ${stdout.slice(-2000)}`);
  const documents = Number(/reindexed (\d+)/.exec(line)?.[1]);
  return { line, documents, seconds, docsPerSecond: Math.round(documents / seconds), load: `${atStart} → ${load()}` };
}

async function indexFacts(): Promise<{ docs: number; size: string; heap: string }> {
  const stats = (await (await fetch(`${ES}/products/_stats/docs,store`)).json()) as { _all: { primaries: { docs: { count: number }; store: { size_in_bytes: number } } } };
  const nodes = (await (await fetch(`${ES}/_nodes/stats/jvm`)).json()) as { nodes: Record<string, { jvm: { mem: { heap_used_in_bytes: number; heap_max_in_bytes: number } } }> };
  const jvm = Object.values(nodes.nodes)[0]!.jvm.mem;
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
  return { docs: stats._all.primaries.docs.count, size: gb(stats._all.primaries.store.size_in_bytes), heap: `${gb(jvm.heap_used_in_bytes)} of ${gb(jvm.heap_max_in_bytes)}` };
}

// ---- the run ------------------------------------------------------------------------------

const { startedHere } = await ensurePlatform();
const stopPlatform = async () => {
  if (startedHere) await exec("node", ["packages/infra/platform.mjs", "down"], { cwd: repo }).catch(() => undefined);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopPlatform().finally(() => process.exit(130)));

try {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const [catalog] = (
    await db.query(
      `select (select count(*) from products)::int as products, (select count(*) from products where status = 'active')::int as active,
              (select count(*) from variants)::int as variants, (select count(*) from reviews)::int as reviews,
              (select count(*) from categories)::int as categories, (select count(*) from sellers)::int as sellers`,
    )
  ).rows as [{ products: number; active: number; variants: number; reviews: number; categories: number; sellers: number }];
  const uncachedCount = rates.uncached * (SECONDS + WARM_UP);
  const samples = await sampleCatalog(db, Math.max(4_000, uncachedCount + 500));
  await db.end();
  if (samples.length < uncachedCount + 200) throw new Error(`only ${samples.length} sellable active products sampled; seed the catalog first (npm run seed:catalog)`);

  const indexing = skipReindex ? undefined : await reindex();
  const facts = await indexFacts();

  const searches = samples.slice(0, 3_000).map(searchPath);
  const prefixes = samples.slice(0, 3_000).map(autocompletePath);
  const hot = samples.slice(0, 100).map((s) => productPath(s.id));
  const cold = samples.slice(200, 200 + uncachedCount).map((s) => productPath(s.id));
  const rows: Row[] = [];
  rows.push(await measure("search: text + 2 filters, facets", rates.search, searches.slice(1_500), searches.slice(0, 1_500)));
  rows.push(await measure("autocomplete: prefix of 2–6 characters", rates.autocomplete, prefixes.slice(1_500), prefixes.slice(0, 1_500)));
  rows.push(await measure("product by id, cached (100 ids, repeated)", rates.product, hot, hot));
  rows.push(await measure(`product by id, cached, at the target's ${rates.productTarget.toLocaleString("en")}/s`, rates.productTarget, hot, hot));
  rows.push(await measure("product by id, uncached (each id once)", rates.uncached, cold.slice(rates.uncached * SECONDS), cold.slice(0, rates.uncached * SECONDS)));
  const saturation = await wrkSaturation(hot);

  const [search, autocomplete, , atTarget] = rows;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const lines = [
    "# Catalog at scale",
    "",
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, shared by the load generator, the`,
    "platform (ingress, product, search and their sidecars), Postgres, Elasticsearch and whatever else runs on the machine: the load",
    "average (1 / 5 / 15 min) is given beside each figure. Every request goes through the public ingress and two Dapr sidecars.",
    "",
    `Catalog (\`npm run seed:catalog\`): ${catalog.products.toLocaleString("en")} products (${catalog.active.toLocaleString("en")} active), ${catalog.variants.toLocaleString("en")} variants, ` +
      `${catalog.reviews.toLocaleString("en")} reviews, ${catalog.categories} categories, ${catalog.sellers.toLocaleString("en")} sellers. ` +
      `Index \`products\`: ${facts.docs.toLocaleString("en")} documents, ${facts.size} (primaries); Elasticsearch heap ${facts.heap}.`,
    "",
    "## Indexing (`npm run reindex`: the product service's export → a new index, swapped in by alias)",
    "",
    ...(indexing
      ? ["| documents | seconds | docs/s | load |", "|---|---|---|---|", `| ${indexing.documents.toLocaleString("en")} | ${indexing.seconds.toFixed(1)} | ${indexing.docsPerSecond.toLocaleString("en")} | ${indexing.load} |`, "", `The reindex's own line: \`${indexing.line}\``]
      : ["Not measured in this run (`--skip-reindex`)."]),
    "",
    `## Latency at a fixed rate (${SECONDS} s per row after a ${WARM_UP} s warm-up with other requests; ${CONNECTIONS} connections; from the scheduled send)`,
    "",
    "| request | rate/s | achieved/s | p50 ms | p95 ms | p99 ms | max ms | failed | load | CPU and caches |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.what} | ${r.result.rate} | ${r.result.achieved} | ${r.result.p50} | ${r.result.p95} | ${r.result.p99} | ${r.result.max} | ${r.result.failed} | ${r.load} | ${r.note} |`),
    "",
    `## Throughput: cached product by id (wrk -t2 -c${CONNECTIONS}, ${SECONDS} s after a ${WARM_UP} s warm-up, 100 ids in turn)`,
    "",
    "| requests/s | p50 | p90 | p99 | non-2xx | load |",
    "|---|---|---|---|---|---|",
    `| ${saturation.rps.toLocaleString("en")} | ${saturation.p50} | ${saturation.p90} | ${saturation.p99} | ${saturation.non2xx} | ${saturation.load} |`,
    "",
    "## Against the targets",
    "",
    "| target | measured | |",
    "|---|---|---|",
    `| search p95 < ${targets.searchP95} ms | ${search!.result.p95} ms | ${verdict(search!.result.p95 < targets.searchP95)} |`,
    `| autocomplete p95 < ${targets.autocompleteP95} ms | ${autocomplete!.result.p95} ms | ${verdict(autocomplete!.result.p95 < targets.autocompleteP95)} |`,
    `| cached product by id ≥ ${targets.cachedRps.toLocaleString("en")} req/s at ${CONNECTIONS} connections | ${saturation.rps.toLocaleString("en")} req/s | ${verdict(saturation.rps >= targets.cachedRps)} |`,
    `| … with p99 < ${targets.cachedP99} ms at ${rates.productTarget.toLocaleString("en")} req/s | ${atTarget!.result.p99} ms (achieved ${atTarget!.result.achieved.toLocaleString("en")}/s, ${atTarget!.result.failed} failed; at saturation: ${saturation.p99}) | ${verdict(atTarget!.result.p99 < targets.cachedP99 && atTarget!.result.achieved >= targets.cachedRps * 0.98 && atTarget!.result.failed === 0)} |`,
    "",
  ];
  const markdown = lines.join("\n");
  writeFileSync(out, markdown);
  console.log(markdown);
} finally {
  await stopPlatform();
}
