import type { Dapr, Database, Logger, OutboxRelay, Verifier } from "@market/kit";

/** What the product service's handlers need; tests pass their own. */
export interface Deps {
  db: Database;
  dapr: Dapr;
  relay: Pick<OutboxRelay, "kick">;
  verify: Verifier;
  log: Logger;
}
