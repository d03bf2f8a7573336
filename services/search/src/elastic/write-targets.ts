import { isNotFound, type Elastic } from "./connect.ts";
import type { IndexNames } from "./index-layout.ts";

/**
 * How long a handler may keep using the list of indices it writes to. A reindex waits
 * twice this after adding or removing a write target, so every handler has seen the change.
 */
export const writeTargetsTtlMs = 1_000;

export interface WriteTargets {
  /** Every index an event must reach: the live one and any being built. */
  current(): Promise<string[]>;
}

export function writeTargets(es: Elastic, names: IndexNames, ttlMs = writeTargetsTtlMs): WriteTargets {
  let cached: { indices: string[]; until: number } | undefined;
  let pending: Promise<string[]> | undefined;
  const load = async () => {
    const aliases = await es.indices.getAlias({ name: names.write }).catch((error: unknown) => {
      // Without a target an event would be acknowledged and lost: fail, so Dapr redelivers it.
      if (isNotFound(error)) throw new Error(`no index behind the write alias ${names.write}`);
      throw error;
    });
    const indices = Object.keys(aliases).sort();
    cached = { indices, until: Date.now() + ttlMs };
    return indices;
  };
  return {
    async current() {
      if (cached && Date.now() < cached.until) return cached.indices;
      pending ??= load().finally(() => (pending = undefined));
      return pending;
    },
  };
}
