import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { getOwnProfile, getProfileById, registerProfile } from "./profiles.handlers.ts";

export function profilesRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/me", (c) => registerProfile(deps, c))
    .get("/me", (c) => getOwnProfile(deps, c))
    .get("/:id", (c) => getProfileById(deps, c));
}
