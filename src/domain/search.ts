// The vocabulary shared by the search engines, the use-cases and the pages.
import type { Day } from './period.js';

/** How results are found. 'semantic' and 'hybrid' join when their engines exist (issue 4). */
export const SEARCH_MODES = ['keyword'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

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
