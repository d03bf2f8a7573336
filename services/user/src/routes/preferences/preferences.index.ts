import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { getOwnPreferences, replaceOwnPreferences } from "./preferences.handlers.ts";

export function preferencesRouter(deps: Deps) {
  return new Hono<AppEnv>().get("/", (c) => getOwnPreferences(deps, c)).put("/", (c) => replaceOwnPreferences(deps, c));
}
