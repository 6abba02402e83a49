// Use-case: search the catalog. The search page, its JSON twin and the Hugging Face-compatible
// /api/papers/search all come from this one command. A query that is only an arXiv id or paper URL
// of a paper in the catalog answers with that paper, for the page to jump to.
import type { ArxivId } from '../domain/arxiv-id.js';
import { notImplemented, unavailable } from '../domain/errors.js';
import type { Paper } from '../domain/paper.js';
import { formatQuery, hasConstraints, parseQuery, type ParsedQuery } from '../domain/query-parser.js';
import type { SearchFilters, SearchMode, SearchSort, TextSegment } from '../domain/search.js';
import { MAX_RESULTS, type HitTier, type SearchRequest, type SearchResult } from '../search/engine.js';
import { SemanticUnavailableError } from '../search/semantic-index.js';
import { nearest } from '../search/semantic.js';
import { searchEngine } from '../search/engines.js';
import type { Store } from '../store/db.js';
import { KeywordSearchUnsupportedError } from '../store/keyword-index.js';
import { hiddenAmong } from '../store/hidden-papers.js';
import { findPaper, loadPapers } from '../store/papers-read.js';

export type { HitTier };

export interface PaperSearchQuery {
  readonly q: string;
  readonly filters: SearchFilters;
  readonly sort: SearchSort;
  readonly mode: SearchMode;
  /** From 0. */
  readonly page: number;
  readonly limit: number;
  /** Marked titles and abstract snippets (pages and Paperboy's JSON; the HF shape needs none). */
  readonly highlight: boolean;
  /** Count papers matching every word (capped), for "N results". */
  readonly count: boolean;
  /** A pasted text (an abstract): papers nearest to it in meaning, instead of the query's words. */
  readonly like?: string;
}

export interface PaperHit {
  readonly paper: Paper;
  readonly tier: HitTier;
  readonly score: number;
  readonly title: readonly TextSegment[] | null;
  readonly snippet: readonly TextSegment[] | null;
}

export interface PaperSearch {
  readonly kind: 'results';
  readonly query: PaperSearchQuery;
  readonly parsed: ParsedQuery;
  /** The query in canonical syntax, as it was understood. */
  readonly understood: string;
  /** Nothing to search for: no words and no filters. */
  readonly empty: boolean;
  /** An arXiv id the query named that is not in this catalog. */
  readonly missingReference: ArxivId | null;
  readonly hits: readonly PaperHit[];
  readonly hasMore: boolean;
  readonly matchedAll: SearchResult['matchedAll'];
}

export type PaperSearchOutcome = PaperSearch | { readonly kind: 'paper'; readonly id: ArxivId };

function hasFilters(f: SearchFilters): boolean {
  return f.from !== null || f.to !== null || f.categories.length > 0 || f.hasCode;
}

/** "Papers like this abstract": the nearest papers to a pasted text, passing the filters. */
async function nearestToText(store: Store, text: string, request: SearchRequest): Promise<SearchResult> {
  const end = Math.min(request.offset + request.limit, MAX_RESULTS);
  const { hits } = await nearest(store, text, request, Math.min(end + 1, MAX_RESULTS));
  return {
    mode: 'semantic',
    hits: hits.slice(request.offset, end).map((h) => ({ key: h.key, score: h.score, tier: 'meaning' as const })),
    hasMore: hits.length > end,
    matchedAll: null,
  };
}

export async function searchPapers(store: Store, query: PaperSearchQuery): Promise<PaperSearchOutcome> {
  const parsed = parseQuery(query.q);
  let missingReference: ArxivId | null = null;
  if (parsed.reference) {
    if (await findPaper(store.db, parsed.reference.id)) return { kind: 'paper', id: parsed.reference.id };
    missingReference = parsed.reference.id;
  }
  const like = query.like?.trim() ?? '';
  // A pasted text is always searched by meaning, whatever the mode control says.
  const base = { kind: 'results' as const, query: like === '' ? query : { ...query, mode: 'semantic' as const }, parsed, understood: formatQuery(parsed), missingReference };
  if (like === '' && !hasConstraints(parsed) && !hasFilters(query.filters)) return { ...base, empty: true, hits: [], hasMore: false, matchedAll: null };
  const request = {
    query: parsed,
    filters: query.filters,
    sort: query.sort,
    limit: query.limit,
    offset: query.page * query.limit,
    highlight: query.highlight,
    count: query.count,
  };
  let result: SearchResult;
  try {
    result = like !== '' ? await nearestToText(store, like, request) : await searchEngine(store, query.mode).search(request);
  } catch (err) {
    if (err instanceof KeywordSearchUnsupportedError) throw notImplemented(err.message);
    if (err instanceof SemanticUnavailableError) throw unavailable(err.message);
    throw err;
  }
  const keys = result.hits.map((h) => h.key);
  const [papers, hidden] = await Promise.all([loadPapers(store.db, keys), hiddenAmong(store.db, keys)]);
  const hits: PaperHit[] = [];
  for (const h of result.hits) {
    // A paper deleted since it was indexed drops out until the indexer catches up; papers hidden by
    // moderators are left out here (the engines know document keys only), so such a page is shorter.
    const paper = papers.get(h.key as ArxivId);
    if (paper && !hidden.has(h.key)) hits.push({ paper, tier: h.tier, score: h.score, title: h.title ?? null, snippet: h.snippet ?? null });
  }
  return { ...base, empty: false, hits, hasMore: result.hasMore, matchedAll: result.matchedAll };
}
