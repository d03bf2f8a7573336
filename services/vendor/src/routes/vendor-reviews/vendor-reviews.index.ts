import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { approve, listReviewQueue, reinstate, reject, suspend } from "./vendor-reviews.handlers.ts";

/** The admins' side: the review queue and every decision on a vendor. */
export function vendorReviewsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", (c) => listReviewQueue(deps, c))
    .post("/:id/approve", (c) => approve(deps, c))
    .post("/:id/reject", (c) => reject(deps, c))
    .post("/:id/suspend", (c) => suspend(deps, c))
    .post("/:id/reinstate", (c) => reinstate(deps, c));
}
