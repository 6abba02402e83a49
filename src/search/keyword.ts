// Keyword search: BM25 over title, abstract and authors (SQLite FTS5), title weighted up.
// Query plan, for speed and for precision: documents that hold every word come first (an AND
// query, usually far fewer matches to rank than an OR); only when they run out before the page is
// full does an OR query fill the rest with documents that hold some of the words, leaving out
// those already shown. Each tier ranks a bounded number of matches (rankDepth). A query of filters
// alone lists the filtered papers, newest first.
import type { ParsedQuery } from '../domain/query-parser.js';
import { addDays, type Day } from '../domain/period.js';
import type { SearchFilters } from '../domain/search.js';
import type { CatalogFilter, ColumnWeights, KeywordIndex, KeywordMatch, KeywordQuery, KeywordRow } from '../store/keyword-index.js';
import { MAX_RESULTS, type HitTier, type SearchEngine, type SearchHit, type SearchRequest, type SearchResult } from './engine.js';
import { STOPWORDS } from './stopwords.js';
import { ubiquitousWords } from './term-stats.js';
import { allOf, queryTerms, someOf } from './terms.js';

export interface KeywordTuning {
  /** BM25 weight per column: a word in the title says more about the paper than one in the abstract. */
  readonly weights: ColumnWeights;
  readonly stopwords: ReadonlySet<string>;
  /** Fill a page with some-words matches when the every-word matches run out. */
  readonly orFallback: boolean;
  /**
   * Each tier ranks at most this many of its newest matches (early termination). FTS5 scores every
   * match before it sorts, 2–5 µs each, so a query of common words matching most of a million
   * papers would take seconds. Every-word matches are many only for short, common queries, where
   * the best of the newest 2,000 serves a discovery site well; some-word matches of a long query
   * are many more, and cutting them hurts quality (SciFact nDCG@10 0.687 → 0.565 at 2,000), so
   * that tier keeps a deeper cut: exact for any corpus where fewer papers match.
   */
  readonly rankDepth: { readonly all: number; readonly some: number };
  /**
   * From this many documents on, words in at least half of them are matched but not ranked
   * (term-stats.ts): their idf is ~0, but FTS5 walks their whole posting list to compute it.
   */
  readonly unrankedFromDocs: number;
}

/** Tuned on the SciFact dev queries (see README, Search quality). */
export const DEFAULT_TUNING: KeywordTuning = {
  weights: { title: 2, abstract: 1, authors: 1 },
  stopwords: STOPWORDS,
  orFallback: true,
  rankDepth: { all: 2_000, some: 10_000 },
  unrankedFromDocs: 50_000,
};

/** Counting every-word matches stops here; pages say "1000+". */
const COUNT_CAP = MAX_RESULTS;

const yearStart = (year: number) => `${year}-01-01` as Day;

function maxDay(a: Day | null, b: Day | null): Day | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

/** The catalog filter from the page's controls and the query's own cat: and year: parts. */
export function catalogFilter(filters: SearchFilters, q: ParsedQuery): CatalogFilter {
  const yearFrom = q.years?.from != null ? yearStart(q.years.from) : null;
  const yearUntil = q.years?.to != null ? yearStart(q.years.to + 1) : null;
  const toUntil = filters.to ? addDays(filters.to, 1) : null;
  const until = yearUntil === null ? toUntil : toUntil === null ? yearUntil : yearUntil < toUntil ? yearUntil : toUntil;
  return {
    from: maxDay(filters.from, yearFrom),
    until,
    categories: [...new Set([...filters.categories, ...q.categories])],
    hasCode: filters.hasCode,
  };
}

type Tiered = KeywordRow & { readonly tier: HitTier };

const EMPTY_MATCH: KeywordMatch = { required: [], optional: [], authors: [], excluded: [] };

export class KeywordEngine implements SearchEngine {
  readonly mode = 'keyword' as const;

  constructor(
    private readonly index: KeywordIndex,
    private readonly tuning: KeywordTuning = DEFAULT_TUNING,
  ) {}

  async search(request: SearchRequest): Promise<SearchResult> {
    const terms = queryTerms(request.query, this.tuning.stopwords);
    const ubiquitous = await ubiquitousWords(this.index, terms.words, this.tuning.unrankedFromDocs);
    const every = allOf(terms, ubiquitous);
    const some = this.tuning.orFallback ? someOf(terms, ubiquitous) : null;
    const positive = every.required.length + every.authors.length + (every.unranked?.length ?? 0) > 0;
    const catalog = request.filters ? catalogFilter(request.filters, request.query) : null;
    const base = { catalog, sort: request.sort, weights: this.tuning.weights };
    const depth = this.tuning.rankDepth;
    const end = Math.min(request.offset + request.limit, MAX_RESULTS);
    // One row past the page says whether another page exists.
    const wanted = Math.min(end + 1, MAX_RESULTS);
    if (request.offset >= end) return { mode: this.mode, hits: [], hasMore: false, matchedAll: null };

    if (!positive) {
      const match = { ...EMPTY_MATCH, excluded: every.excluded };
      const rows = await this.index.query({ ...base, match, limit: wanted - request.offset, offset: request.offset });
      return this.finish(request, rows.map((r) => ({ ...r, tier: 'filter' })), end, { ...base, match }, null);
    }

    // Matched terms are marked in every hit, whichever tier it came from.
    const marked: KeywordMatch = { required: [], optional: [...terms.words, ...terms.phrases], authors: terms.authors, excluded: [] };
    const allRows = await this.index.query({ ...base, match: every, depth: depth.all, limit: wanted, offset: 0 });
    const page: Tiered[] = allRows.slice(request.offset).map((r) => ({ ...r, tier: 'all' }));
    if (allRows.length < wanted && some) {
      // Every-word matches ran out before this page ended: some-word matches follow them.
      const skipped = Math.max(request.offset - allRows.length, 0);
      const rest = await this.index.query({
        ...base,
        match: some,
        depth: depth.some,
        skipKeys: allRows.map((r) => r.key),
        limit: wanted - allRows.length - skipped,
        offset: skipped,
      });
      page.push(...rest.map((r) => ({ ...r, tier: 'some' as const })));
    }
    return this.finish(request, page, end, { ...base, match: every }, marked);
  }

  private async finish(
    request: SearchRequest,
    rows: readonly Tiered[],
    end: number,
    countQuery: Omit<KeywordQuery, 'limit' | 'offset'>,
    marked: KeywordMatch | null,
  ): Promise<SearchResult> {
    const page = rows.slice(0, end - request.offset);
    const [marks, counted] = await Promise.all([
      request.highlight && marked ? this.index.highlight(marked, page.map((r) => r.key)) : null,
      request.count ? this.index.count({ ...countQuery, limit: 0, offset: 0 }, COUNT_CAP) : null,
    ]);
    const hits: SearchHit[] = page.map((r) => {
      const m = marks?.get(r.key);
      return { key: r.key, score: r.score, tier: r.tier, ...(m ? { title: m.title, snippet: m.snippet } : {}) };
    });
    return {
      mode: this.mode,
      hits,
      hasMore: rows.length > page.length,
      matchedAll: counted === null ? null : { count: counted, capped: counted >= COUNT_CAP },
    };
  }
}
