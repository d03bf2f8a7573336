import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { autocomplete, searchProducts } from "./search.handlers.ts";

/** Public reads: no token needed; suspended vendors and inactive products never show. */
export function searchRouter(deps: Deps) {
  return new Hono<AppEnv>().get("/products", (c) => searchProducts(deps, c)).get("/autocomplete", (c) => autocomplete(deps, c));
}
