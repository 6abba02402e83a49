// Semantic search: the query's words and phrases are embedded and compared with every paper's
// stored vector (semantic-index.ts). Query syntax still holds: author: and quoted phrases narrow
// the candidates to the keyword index's matches of them (ranked here by meaning), and the catalog
// filters (dates, categories, code) are checked for the nearest candidates. Exclusions (-word)
// need the keyword index too: such queries rank the keyword matches by meaning.
import type { ParsedQuery } from '../domain/query-parser.js';
import { catalogFilter } from './keyword.js';
import { MAX_RESULTS, type SearchEngine, type SearchHit, type SearchRequest, type SearchResult } from './engine.js';
import type { Store } from '../store/db.js';
import { isFiltering, keysPassing, publishedDates } from '../store/catalog-filter.js';
import type { KeywordIndex } from '../store/keyword-index.js';
import { readySnapshot, type SemanticSnapshot } from './semantic-index.js';
import type { VectorHit } from './vectors/flat-index.js';
import { KeywordEngine } from './keyword.js';
import { queryTerms } from './terms.js';

/** Sorted by date, semantic search lists this many nearest papers (at least), newest first. */
const DATE_DEPTH = 100;
/** With catalog filters, this many nearest papers are checked against them (at least). */
const FILTER_DEPTH = 2_000;

export function queryText(q: ParsedQuery): string {
  return [...q.words, ...q.phrases].join(' ');
}

/** Queries whose words the keyword index must check (authors, phrases, exclusions). */
export function isConstrained(q: ParsedQuery): boolean {
  return q.authors.length + q.phrases.length + q.excluded.length > 0;
}

export interface Neighbours {
  readonly snapshot: SemanticSnapshot;
  readonly query: Float32Array;
  readonly hits: readonly VectorHit[];
}

/** Sorts ranked hits by publication date, newest first (ties by score), in place. */
export async function newestFirst(store: Store, hits: { readonly key: string; readonly score: number }[]): Promise<void> {
  const dates = await publishedDates(store, hits.map((h) => h.key));
  hits.sort((a, b) => (dates.get(b.key) ?? '').localeCompare(dates.get(a.key) ?? '') || b.score - a.score);
}

/** The nearest `k` papers passing the request's filters (every document when filters are null). */
export async function nearest(store: Store, text: string, request: SearchRequest, k: number): Promise<Neighbours> {
  const snapshot = await readySnapshot(store);
  const query = await snapshot.embedder.embedQuery(text);
  const catalog = request.filters ? catalogFilter(request.filters, request.query) : null;
  if (!catalog || !isFiltering(catalog)) return { snapshot, query, hits: snapshot.search(query, k) };
  const candidates = snapshot.search(query, Math.max(FILTER_DEPTH, k * 4));
  const passing = await keysPassing(
    store,
    candidates.map((c) => c.key),
    catalog,
  );
  return { snapshot, query, hits: candidates.filter((c) => passing.has(c.key)).slice(0, k) };
}

export class SemanticEngine implements SearchEngine {
  readonly mode = 'semantic' as const;
  private readonly keyword: KeywordEngine;

  constructor(
    private readonly store: Store,
    private readonly keywordIndex: KeywordIndex,
  ) {
    this.keyword = new KeywordEngine(keywordIndex);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const text = queryText(request.query);
    // Filters alone (or only authors) list papers as keyword search does: there is nothing to embed.
    if (text.trim() === '' || (request.query.authors.length > 0 && request.query.words.length === 0)) return { ...(await this.keyword.search(request)), mode: this.mode };
    const end = Math.min(request.offset + request.limit, MAX_RESULTS);
    const wanted = Math.min(end + 1, MAX_RESULTS);
    if (request.offset >= end) return { mode: this.mode, hits: [], hasMore: false, matchedAll: null };

    let ranked: { key: string; score: number }[];
    if (isConstrained(request.query)) {
      const snapshot = await readySnapshot(this.store);
      const query = await snapshot.embedder.embedQuery(text);
      const matches = await this.keyword.search({ ...request, limit: MAX_RESULTS, offset: 0, highlight: false, count: false });
      ranked = matches.hits
        .map((h) => ({ key: h.key, score: snapshot.index.score(query, h.key) ?? -1 }))
        .sort((a, b) => b.score - a.score);
    } else {
      const k = request.sort === 'date' ? Math.max(DATE_DEPTH, wanted) : wanted;
      ranked = (await nearest(this.store, text, request, k)).hits.map((h) => ({ key: h.key, score: h.score }));
    }
    // "Newest first" lists the nearest papers (at least DATE_DEPTH of them) by date.
    if (request.sort === 'date') await newestFirst(this.store, ranked);
    const page = ranked.slice(request.offset, end);
    const marks = request.highlight ? await this.marks(request, page.map((h) => h.key)) : null;
    const hits: SearchHit[] = page.map((h) => {
      const m = marks?.get(h.key);
      return { key: h.key, score: h.score, tier: 'meaning', ...(m ? { title: m.title, snippet: m.snippet } : {}) };
    });
    return { mode: this.mode, hits, hasMore: ranked.length > end, matchedAll: null };
  }

  private async marks(request: SearchRequest, keys: readonly string[]) {
    const t = queryTerms(request.query);
    try {
      return await this.keywordIndex.highlight({ required: [], optional: [...t.words, ...t.phrases], authors: t.authors, excluded: [] }, keys);
    } catch {
      // No keyword index (PostgreSQL): results are shown without marks.
      return null;
    }
  }
}
