import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { completeLogin, describeCaller, endSession, refreshSession, startLogin } from "./sessions.handlers.ts";

export function sessionsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/login", (c) => startLogin(deps, c))
    .get("/callback", (c) => completeLogin(deps, c))
    .post("/refresh", (c) => refreshSession(deps, c))
    .post("/logout", (c) => endSession(deps, c))
    .get("/me", (c) => describeCaller(c));
}
