// The vocabulary shared by the search engines, the use-cases and the pages.
import type { Day } from './period.js';

/** How results are found: by shared words (BM25), by meaning (embeddings), or both fused. */
export const SEARCH_MODES = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/**
 * The search box's mode: the best on SciFact dev (150 queries, nDCG@10): hybrid 0.700, keyword
 * 0.687, semantic 0.508 (README, Search quality).
 */
export const DEFAULT_SEARCH_MODE: SearchMode = 'hybrid';

/** Longest pasted text for "papers like this abstract" (characters). */
export const MAX_LIKE_CHARS = 5000;

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A run of text, marked when it matched the query (for highlighting, escaped by the view). */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/** Filters the page's controls add to what the query syntax says (dates are YYYY-MM-DD, inclusive). */
export interface SearchFilters {
  readonly from: Day | null;
  readonly to: Day | null;
  readonly categories: readonly string[];
  readonly hasCode: boolean;
}

export const NO_FILTERS: SearchFilters = { from: null, to: null, categories: [], hasCode: false };

/** No search serves results past this rank: deep pages cost the most and nobody reads them. */
export const MAX_RESULTS = 1000;
