// Bundles one service (run from its folder) into dist/index.js: our workspace packages are
// compiled in, npm dependencies stay external and load from node_modules.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const root = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
// A service may declare a dependency only it uses (search: @elastic/elasticsearch); keep it external too.
const own = JSON.parse(readFileSync("package.json", "utf8"));
await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  external: [...Object.keys(root.dependencies ?? {}), ...Object.keys(own.dependencies ?? {})].flatMap((name) => [name, `${name}/*`]),
  logLevel: "warning",
});
