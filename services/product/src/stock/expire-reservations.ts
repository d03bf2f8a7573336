import type { Deps } from "../deps.ts";
import { expireHeldReservations } from "./move-stock.ts";

/** One pass of the background sweeper: returns how many reservations it expired. */
export async function expireReservations(deps: Pick<Deps, "db" | "relay">): Promise<number> {
  const count = await deps.db.transaction((tx) => expireHeldReservations(tx));
  if (count > 0) deps.relay.kick();
  return count;
}
