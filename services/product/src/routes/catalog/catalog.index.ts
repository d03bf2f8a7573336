import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { listSnapshots } from "./catalog.handlers.ts";

/** For services (by Dapr service invocation) and admins, never routed by the ingress. */
export function catalogRouter(deps: Deps) {
  return new Hono<AppEnv>().get("/snapshots", (c) => listSnapshots(deps, c));
}
