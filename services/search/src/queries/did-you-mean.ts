import type { estypes } from "@elastic/elasticsearch";
import type { IndexNames } from "../elastic/index-layout.ts";

/** Below this many hits a query is worth a correction. */
export const fewHits = 3;

/**
 * The phrase suggester over title word pairs (shingles): candidates per word from the title's
 * terms, ranked by how likely the whole phrase is. Collate would check each candidate finds
 * something, but it needs mustache, which the bare server lacks.
 */
export function didYouMeanRequest(names: IndexNames, text: string): estypes.SearchRequest {
  return {
    index: names.read,
    size: 0,
    suggest: {
      text,
      phrase: {
        phrase: {
          field: "title.shingles",
          size: 1,
          max_errors: 3,
          confidence: 1,
          gram_size: 2,
          direct_generator: [{ field: "title", suggest_mode: "always", min_word_length: 3 }],
        },
      },
    },
  };
}

export function didYouMeanOf(response: estypes.SearchResponse, text: string): string | undefined {
  const entries = (response.suggest?.phrase ?? []) as Array<{ options: Array<{ text: string }> | { text: string } }>;
  const first = entries[0]?.options;
  const option = Array.isArray(first) ? first[0]?.text : first?.text;
  if (!option || option.toLowerCase() === text.trim().toLowerCase()) return undefined;
  return option;
}
