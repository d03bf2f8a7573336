import type { Dapr, Logger } from "@market/kit";
import type { Elastic } from "./elastic/connect.ts";
import type { IndexNames } from "./elastic/index-layout.ts";
import type { WriteTargets } from "./elastic/write-targets.ts";

/** What the search service's handlers need; tests pass their own. */
export interface Deps {
  es: Elastic;
  names: IndexNames;
  targets: WriteTargets;
  dapr: Dapr;
  log: Logger;
  pubsubName: string;
}
