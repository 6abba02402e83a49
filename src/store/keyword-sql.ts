// SQL of keyword queries on the FTS5 index, with the catalog filters. Ranking is FTS5's bm25()
// with per-column weights, set through `rank MATCH 'bm25(…)'` so FTS5 sorts by it internally
// (ORDER BY rank is consumed by the virtual table). FTS5's bm25 has fixed k1 = 1.2, b = 0.75.
import type { TextSegment } from '../domain/search.js';
import { excludedExpression, matchExpression, unrankedExpression } from './fts-match.js';
import type { CatalogFilter, ColumnWeights, KeywordQuery } from './keyword-index.js';

/** Marks around matched terms in highlight() and snippet() output (stripped from indexed text). */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

export interface BuiltSql {
  readonly sql: string;
  readonly params: (string | number)[];
}

function weightsArg(w: ColumnWeights): string {
  const num = (x: number) => (Number.isFinite(x) && x >= 0 ? x : 1).toFixed(3);
  return `bm25(${num(w.title)}, ${num(w.abstract)}, ${num(w.authors)})`;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** WHERE conditions on the papers row `p`. */
function catalogConditions(f: CatalogFilter, params: (string | number)[]): string[] {
  const where: string[] = [];
  if (f.from !== null) {
    where.push('p.published_at >= ?');
    params.push(f.from);
  }
  if (f.until !== null) {
    where.push('p.published_at < ?');
    params.push(f.until);
  }
  if (f.categories.length > 0) {
    const any = f.categories.map((c) => {
      params.push(c);
      if (c.includes('.')) return 'c.category = ? collate nocase';
      params.push(`${likeEscape(c)}.%`);
      return `(c.category = ? collate nocase or c.category like ? escape '\\')`;
    });
    where.push(`exists (select 1 from paper_categories c where c.paper_id = p.id and (${any.join(' or ')}))`);
  }
  if (f.hasCode) where.push(`exists (select 1 from paper_links l where l.paper_id = p.id and l.kind = 'code')`);
  return where;
}

function hasFilter(f: CatalogFilter): boolean {
  return f.from !== null || f.until !== null || f.categories.length > 0 || f.hasCode;
}

/**
 * What to select: ranked rows; a count of matches up to a cap; or the rowid of the `n`th newest
 * match (the floor below which a depth-limited query does not rank).
 */
export type KeywordSqlKind = { kind: 'rows'; floor: number | null } | { kind: 'count'; cap: number } | { kind: 'floor'; n: number };

/**
 * The SQL for a keyword query. Null when it can match nothing: no positive terms and (for catalog
 * queries) no filter either.
 */
export function buildKeywordSql(q: KeywordQuery, what: KeywordSqlKind): BuiltSql | null {
  const params: (string | number)[] = [];
  const ranked = matchExpression(q.match);
  const unranked = unrankedExpression(q.match);
  const excluded = excludedExpression(q.match);
  // Only unranked terms: match them all, list newest first (their bm25 would be ~0 anyway).
  const byRecency = ranked === null && unranked !== null;
  const expression = byRecency ? (excluded === null ? unranked : `${unranked} NOT ${excluded}`) : ranked;
  let from: string;
  let order: string;
  let key: string;
  if (expression !== null) {
    params.push(expression);
    const where = ['search_fts match ?'];
    if (!byRecency && unranked !== null) {
      // Checked per candidate: FTS5 seeks the rowid in each term's posting list.
      for (const term of q.match.unranked ?? []) {
        const one = unrankedExpression({ ...q.match, unranked: [term] });
        if (one === null) continue;
        where.push('exists (select 1 from search_fts u where u.search_fts match ? and u.rowid = search_fts.rowid)');
        params.push(one);
      }
    }
    if (what.kind === 'rows' && !byRecency) {
      where.push('search_fts.rank match ?');
      params.push(weightsArg(q.weights));
      if (what.floor !== null) {
        where.push('search_fts.rowid >= cast(? as integer)');
        params.push(what.floor);
      }
    }
    if (q.catalog) where.push(...catalogConditions(q.catalog, params));
    if (q.skipKeys && q.skipKeys.length > 0) {
      where.push('d.doc_key not in (select value from json_each(?))');
      params.push(JSON.stringify(q.skipKeys));
    }
    const join = q.catalog ? 'join papers p on p.id = d.doc_key' : '';
    from = `search_fts join search_docs d on d.id = search_fts.rowid ${join} where ${where.join(' and ')}`;
    const tieBreak = byRecency ? 'search_fts.rowid desc' : 'search_fts.rank';
    order = q.sort === 'date' && q.catalog ? `p.published_at desc, ${tieBreak}` : tieBreak;
    key = byRecency ? 'd.doc_key as key, 0 as score' : 'd.doc_key as key, -search_fts.rank as score';
  } else {
    // Filters alone (cat:cs.LG year:2025): the catalog's papers that pass, newest first.
    if (!q.catalog || !hasFilter(q.catalog) || what.kind === 'floor') return null;
    const where = catalogConditions(q.catalog, params);
    if (excluded !== null) {
      where.push('p.id not in (select d.doc_key from search_fts join search_docs d on d.id = search_fts.rowid where search_fts match ?)');
      params.push(excluded);
    }
    if (q.skipKeys && q.skipKeys.length > 0) {
      where.push('p.id not in (select value from json_each(?))');
      params.push(JSON.stringify(q.skipKeys));
    }
    from = `papers p where ${where.join(' and ')}`;
    order = 'p.published_at desc, p.id desc';
    key = 'p.id as key, 0 as score';
  }
  switch (what.kind) {
    case 'count':
      // Unordered, so FTS5 computes no bm25 while counting.
      return { sql: `select count(*) as n from (select 1 from ${from} limit ?)`, params: [...params, what.cap] };
    case 'floor':
      // FTS5 walks matches in rowid order without scoring them, so this costs little.
      return { sql: `select search_fts.rowid as floor from ${from} order by search_fts.rowid desc limit 1 offset ?`, params: [...params, what.n - 1] };
    case 'rows':
      return { sql: `select ${key} from ${from} order by ${order} limit ? offset ?`, params: [...params, q.limit, q.offset] };
  }
}

/** Splits highlight()/snippet() output into plain and matched runs. */
export function parseMarked(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  let text = '';
  for (const ch of marked) {
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      if (text) segments.push({ text, match });
      text = '';
      match = ch === MARK_OPEN;
    } else {
      text += ch;
    }
  }
  if (text) segments.push({ text, match });
  return segments;
}
