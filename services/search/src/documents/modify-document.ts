import { indexMissing, isConflict, isNotFound, type Elastic } from "../elastic/connect.ts";

/** How often a read-modify-write retries after another writer got there first (409). */
const maxAttempts = 20;

/**
 * Read-modify-write of one document under optimistic concurrency (if_seq_no/if_primary_term;
 * op_type create when it did not exist): without scripts on the bare server, this is how two
 * events about the same document, handled at once, both take effect. `change` sees the
 * latest version each attempt and answers "unchanged" when the event is old or repeated.
 * Answers "missing-index" when the index is gone (a reindex deleted it meanwhile).
 */
export async function modifyDocument<T>(
  es: Elastic,
  index: string,
  id: string,
  change: (current: T | undefined) => T | "unchanged",
): Promise<"applied" | "unchanged" | "missing-index"> {
  for (let attempt = 1; ; attempt++) {
    let found: { doc: T; seqNo: number; primaryTerm: number } | undefined;
    try {
      const got = await es.get<T>({ index, id });
      found = { doc: got._source!, seqNo: got._seq_no!, primaryTerm: got._primary_term! };
    } catch (error) {
      if (indexMissing(error)) return "missing-index";
      if (!isNotFound(error)) throw error;
    }
    const next = change(found?.doc);
    if (next === "unchanged") return "unchanged";
    try {
      if (found) await es.index({ index, id, document: next, if_seq_no: found.seqNo, if_primary_term: found.primaryTerm });
      else await es.create({ index, id, document: next });
      return "applied";
    } catch (error) {
      if (!isConflict(error) || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
