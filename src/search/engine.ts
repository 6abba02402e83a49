// The interface every search mode implements. Keyword search (keyword.ts) is the first; semantic
// (an Embedder plus a vector index) and hybrid (a fusion of the two result lists) slot in behind
// the same request and result, keyed by the same generic document keys.
import type { ParsedQuery } from '../domain/query-parser.js';
import type { SearchFilters, SearchMode, SearchSort, TextSegment } from '../domain/search.js';

export interface SearchRequest {
  readonly query: ParsedQuery;
  /** Catalog filters; null searches a bare corpus (e.g. a benchmark) with no catalog join. */
  readonly filters: SearchFilters | null;
  readonly sort: SearchSort;
  readonly limit: number;
  readonly offset: number;
  /** Mark matched terms in the title and an abstract snippet of each hit. */
  readonly highlight: boolean;
  /** Count the documents that match every word (capped); costs one more query. */
  readonly count: boolean;
}

/**
 * How a hit matched: every word ('all'), only some words, after the AND tier ran out ('some'), or
 * only the filters of a query with no words ('filter'), or by meaning alone: semantic search found
 * it, and it holds none of the words or fewer than the keyword tiers needed ('meaning').
 */
export type HitTier = 'all' | 'some' | 'filter' | 'meaning';

export interface SearchHit {
  readonly key: string;
  /** Larger is better; comparable within one result list only. */
  readonly score: number;
  readonly tier: HitTier;
  readonly title?: readonly TextSegment[];
  readonly snippet?: readonly TextSegment[];
}

export interface SearchResult {
  readonly mode: SearchMode;
  readonly hits: readonly SearchHit[];
  /** Whether a next page exists. */
  readonly hasMore: boolean;
  /** Documents matching every word, counted up to `cap` (when the request asked for a count). */
  readonly matchedAll: { readonly count: number; readonly capped: boolean } | null;
}

export interface SearchEngine {
  readonly mode: SearchMode;
  search(request: SearchRequest): Promise<SearchResult>;
}

export { MAX_RESULTS } from '../domain/search.js';
