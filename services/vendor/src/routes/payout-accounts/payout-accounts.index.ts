import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { openPayoutAccount } from "./payout-accounts.handlers.ts";

export function payoutAccountsRouter(deps: Deps) {
  return new Hono<AppEnv>().post("/me/payout-account", (c) => openPayoutAccount(deps, c));
}
