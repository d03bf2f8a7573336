import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { adjustStock, commitReservation, getReservation, getStock, releaseReservation, reserveStock, setStock } from "./stock.handlers.ts";

/** A variant's stock and its audit trail, for its vendor and admins. */
export function stockRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:id/variants/:variantId/stock", (c) => getStock(deps, c))
    .put("/:id/variants/:variantId/stock", (c) => setStock(deps, c))
    .post("/:id/variants/:variantId/stock/adjustments", (c) => adjustStock(deps, c));
}

/** Holds on stock that checkout takes and then commits or releases. */
export function reservationsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/", (c) => reserveStock(deps, c))
    .get("/:id", (c) => getReservation(deps, c))
    .post("/:id/commit", (c) => commitReservation(deps, c))
    .post("/:id/release", (c) => releaseReservation(deps, c));
}
