// The keyword index behind one interface: SQLite FTS5 today (keyword-index-sqlite.ts); on
// PostgreSQL keyword search is not built yet, so that implementation indexes nothing and answers
// queries with KeywordSearchUnsupportedError (a tsvector/ts_rank version can slot in here later).
import type { TextSegment } from '../domain/search.js';
import type { Store } from './db.js';
import type { KeywordMatch } from './fts-match.js';
import { SqliteKeywordIndex } from './keyword-index-sqlite.js';

export type { KeywordMatch };

/** One document of any corpus: a catalog paper (key = arXiv id) or a benchmark document. */
export interface KeywordDoc {
  readonly key: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
}

/** Filters on catalog papers; dates are YYYY-MM-DD, `from` inclusive and `until` exclusive. */
export interface CatalogFilter {
  readonly from: string | null;
  readonly until: string | null;
  /** Any of these categories (cs.LG) or archives (cs). */
  readonly categories: readonly string[];
  readonly hasCode: boolean;
}

/** BM25 weight of each indexed column (FTS5 multiplies each column's term frequency by it). */
export interface ColumnWeights {
  readonly title: number;
  readonly abstract: number;
  readonly authors: number;
}

export interface KeywordQuery {
  readonly match: KeywordMatch;
  /** null: any corpus, no catalog join (and no filters); else only catalog papers that pass. */
  readonly catalog: CatalogFilter | null;
  readonly sort: 'relevance' | 'date';
  readonly weights: ColumnWeights;
  readonly limit: number;
  readonly offset: number;
  /** Keys to leave out (documents an earlier tier of the same search already returned). */
  readonly skipKeys?: readonly string[];
  /**
   * Rank only the newest this-many matches (by index order). FTS5 scores every match before it
   * can sort, 2–5 µs each, so a query of common words matching most of a million papers would
   * take seconds; a depth bounds that, and is exact whenever fewer documents match.
   */
  readonly depth?: number;
}

export interface KeywordRow {
  readonly key: string;
  /** BM25; larger is better. 0 for filter-only listings. */
  readonly score: number;
}

export interface Highlighted {
  readonly title: readonly TextSegment[];
  readonly snippet: readonly TextSegment[];
}

export interface KeywordIndex {
  /** Adds or replaces documents, in one transaction. */
  write(docs: readonly KeywordDoc[]): Promise<void>;
  /** Indexes up to `max` catalog papers written since they were last indexed; returns how many. */
  indexPending(max: number): Promise<number>;
  /** Catalog papers waiting to be indexed. */
  pending(): Promise<number>;
  /** Ranked keys. With no positive match, catalog queries list filtered papers newest first. */
  query(q: KeywordQuery): Promise<KeywordRow[]>;
  /** How many documents match, counting at most `cap` (counting every match is the slow part). */
  count(q: KeywordQuery, cap: number): Promise<number>;
  /** Documents holding `term` (a word or phrase), counted up to `cap`. */
  documentFrequency(term: string, cap: number): Promise<number>;
  /** Documents in the index, estimated from the largest key number (an overestimate after deletions). */
  size(): Promise<number>;
  /** Title and abstract snippet of the given documents with the matched terms marked. */
  highlight(match: KeywordMatch, keys: readonly string[]): Promise<Map<string, Highlighted>>;
}

export class KeywordSearchUnsupportedError extends Error {
  constructor() {
    super('Keyword search is not supported yet on PostgreSQL; it needs the default SQLite store (FTS5).');
  }
}

const unsupported = async (): Promise<never> => {
  throw new KeywordSearchUnsupportedError();
};

/** PostgreSQL: nothing is indexed (so writers and the indexer loop work), queries say why not. */
const POSTGRES_INDEX: KeywordIndex = {
  write: unsupported,
  indexPending: async () => 0,
  pending: async () => 0,
  query: unsupported,
  count: unsupported,
  documentFrequency: unsupported,
  size: unsupported,
  highlight: unsupported,
};

const indexes = new WeakMap<Store, KeywordIndex>();

export function keywordIndex(store: Store): KeywordIndex {
  let index = indexes.get(store);
  if (!index) {
    index = store.sqlite ? new SqliteKeywordIndex(store, store.sqlite) : POSTGRES_INDEX;
    indexes.set(store, index);
  }
  return index;
}
