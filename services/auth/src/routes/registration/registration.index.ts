import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { registerAccount } from "./registration.handlers.ts";

export function registrationRouter(deps: Deps) {
  return new Hono<AppEnv>().post("/register", (c) => registerAccount(deps, c));
}
