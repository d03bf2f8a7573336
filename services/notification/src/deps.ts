import type { Dapr, Database, Logger, Verifier } from "@market/kit";

export interface Deps {
  db: Database;
  dapr: Dapr;
  verify: Verifier;
  log: Logger;
  pubsubName: string;
  /** Wakes the email dispatcher after new deliveries commit. */
  emailsQueued(): void;
}
