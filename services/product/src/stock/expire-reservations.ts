import type { Deps } from "../deps.ts";
import { committed } from "../products/change-product.ts";
import { expireHeldReservations } from "./move-stock.ts";

/** One pass of the background sweeper: returns how many reservations it expired. */
export async function expireReservations(deps: Pick<Deps, "db" | "relay" | "cache">): Promise<number> {
  const productIds = await deps.db.transaction((tx) => expireHeldReservations(tx));
  if (productIds.length > 0) await committed(deps, productIds);
  return productIds.length;
}
