import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { editOwnApplication, getOwnApplication, getVendor, startApplication, submitOwnApplication } from "./vendors.handlers.ts";

/** The applicant's side of onboarding. `/me` comes before `/:id` so it is not read as an id. */
export function vendorsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/", (c) => startApplication(deps, c))
    .get("/me", (c) => getOwnApplication(deps, c))
    .patch("/me", (c) => editOwnApplication(deps, c))
    .post("/me/submit", (c) => submitOwnApplication(deps, c))
    .get("/:id", (c) => getVendor(deps, c));
}
