import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { listOwnFeed } from "./feed.handlers.ts";

export function feedRouter(deps: Deps) {
  return new Hono<AppEnv>().get("/feed", (c) => listOwnFeed(deps, c));
}
