import type { Dapr, Database, Logger, Verifier } from "@market/kit";

/** What the user service's handlers need; tests pass their own. */
export interface Deps {
  db: Database;
  dapr: Dapr;
  verify: Verifier;
  log: Logger;
  pubsubName: string;
}
