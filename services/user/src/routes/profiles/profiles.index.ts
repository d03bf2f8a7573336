import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { addressesRouter } from "../addresses/addresses.index.ts";
import { preferencesRouter } from "../preferences/preferences.index.ts";
import { getOwnProfile, getProfileById, getUserSummary, updateOwnProfile } from "./profiles.handlers.ts";

export function profilesRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/me", (c) => getOwnProfile(deps, c))
    .patch("/me", (c) => updateOwnProfile(deps, c))
    .route("/me/preferences", preferencesRouter(deps))
    .route("/me/addresses", addressesRouter(deps))
    .get("/:id", (c) => getProfileById(deps, c))
    .get("/:id/summary", (c) => getUserSummary(deps, c));
}
