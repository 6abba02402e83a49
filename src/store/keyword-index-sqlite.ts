// The keyword index on SQLite FTS5 (tables from migration 0004). Writes run as prepared
// better-sqlite3 statements in one IMMEDIATE transaction per batch, under Kysely's connection lock
// (as papers-bulk.ts does), so indexing costs no per-row async overhead.
// Rowids are bound through cast(? as integer): a JS number binds as REAL, and FTS5 silently
// ignores a REAL rowid constraint.
import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from './db.js';
import { matchExpression, positiveExpression, type KeywordMatch } from './fts-match.js';
import type { Highlighted, KeywordDoc, KeywordIndex, KeywordQuery, KeywordRow } from './keyword-index.js';
import { buildKeywordSql, MARK_CLOSE, MARK_OPEN, parseMarked } from './keyword-sql.js';

/** Tokens in an abstract snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 40;

/** The highlight markers (keyword-sql.ts) must never come from the text itself. */
const clean = (text: string) => text.replaceAll(MARK_OPEN, ' ').replaceAll(MARK_CLOSE, ' ');

export class SqliteKeywordIndex implements KeywordIndex {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly store: Store,
    private readonly sqlite: BetterSqlite3.Database,
  ) {}

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` holding Kysely's only connection, so no Kysely query interleaves with it. */
  private locked<T>(fn: () => T): Promise<T> {
    return this.store.db.connection().execute(async () => fn());
  }

  private writeDoc(doc: KeywordDoc): void {
    const found = this.stmt('select id from search_docs where doc_key = ?').get(doc.key) as { id: number } | undefined;
    const id = found?.id ?? (this.stmt('insert into search_docs (doc_key) values (?) returning id').get(doc.key) as { id: number }).id;
    if (found) this.stmt('delete from search_fts where rowid = cast(? as integer)').run(id);
    this.stmt('insert into search_fts (rowid, title, abstract, authors) values (cast(? as integer), ?, ?, ?)').run(
      id,
      clean(doc.title),
      clean(doc.abstract),
      clean(doc.authors.join(', ')),
    );
  }

  async write(docs: readonly KeywordDoc[]): Promise<void> {
    await this.locked(() => this.sqlite.transaction(() => docs.forEach((d) => this.writeDoc(d))).immediate());
  }

  /**
   * Set-based, one batch per transaction: ~125 µs per paper (an abstract with its authors), most
   * of it FTS5 tokenizing; per-row statements cost half as much again. Papers gone from the
   * catalog leave the index.
   */
  async indexPending(max: number): Promise<number> {
    const text = (column: string) => `replace(replace(${column}, char(2), ' '), char(3), ' ')`;
    return this.locked(() =>
      this.sqlite
        .transaction(() => {
          this.sqlite.exec('create temp table if not exists search_batch (doc_key text primary key) without rowid; delete from search_batch');
          const n = this.stmt('insert into search_batch select doc_key from search_pending limit ?').run(max).changes;
          if (n === 0) return 0;
          this.stmt('delete from search_fts where rowid in (select d.id from search_docs d join search_batch b on b.doc_key = d.doc_key)').run();
          this.stmt('delete from search_docs where doc_key in (select doc_key from search_batch) and doc_key not in (select id from papers)').run();
          this.stmt('insert or ignore into search_docs (doc_key) select b.doc_key from search_batch b join papers p on p.id = b.doc_key').run();
          this.stmt(
            `insert into search_fts (rowid, title, abstract, authors)
             select d.id, ${text('p.title')}, ${text('p.abstract')},
               ${text(`coalesce((select group_concat(a.name, ', ' order by a.position) from paper_authors a where a.paper_id = p.id), '')`)}
             from search_batch b join papers p on p.id = b.doc_key join search_docs d on d.doc_key = b.doc_key`,
          ).run();
          this.stmt('delete from search_pending where doc_key in (select doc_key from search_batch)').run();
          return n;
        })
        .immediate(),
    );
  }

  async pending(): Promise<number> {
    return this.locked(() => (this.stmt('select count(*) as n from search_pending').get() as { n: number }).n);
  }

  async query(q: KeywordQuery): Promise<KeywordRow[]> {
    return this.locked(() => {
      const boundary = q.depth === undefined ? null : buildKeywordSql(q, { kind: 'floor', n: q.depth });
      const floor = boundary ? ((this.stmt(boundary.sql).get(...boundary.params) as { floor: number } | undefined)?.floor ?? null) : null;
      const built = buildKeywordSql(q, { kind: 'rows', floor });
      return built ? (this.stmt(built.sql).all(...built.params) as KeywordRow[]) : [];
    });
  }

  async count(q: KeywordQuery, cap: number): Promise<number> {
    const built = buildKeywordSql(q, { kind: 'count', cap });
    if (!built) return 0;
    return this.locked(() => (this.stmt(built.sql).get(...built.params) as { n: number }).n);
  }

  async documentFrequency(term: string, cap: number): Promise<number> {
    const expression = matchExpression({ required: [term], optional: [], authors: [], excluded: [] });
    if (expression === null) return 0;
    const sql = 'select count(*) as n from (select 1 from search_fts where search_fts match ? limit ?)';
    return this.locked(() => (this.stmt(sql).get(expression, cap) as { n: number }).n);
  }

  async size(): Promise<number> {
    return this.locked(() => (this.stmt('select coalesce(max(id), 0) as n from search_docs').get() as { n: number }).n);
  }

  async highlight(match: KeywordMatch, keys: readonly string[]): Promise<Map<string, Highlighted>> {
    const result = new Map<string, Highlighted>();
    const expression = positiveExpression(match);
    if (expression === null || keys.length === 0) return result;
    // char(2) and char(3) are MARK_OPEN and MARK_CLOSE.
    const sql = `select highlight(search_fts, 0, char(2), char(3)) as title,
        snippet(search_fts, 1, char(2), char(3), '…', ${SNIPPET_TOKENS}) as snippet
      from search_fts where search_fts match ? and rowid = cast(? as integer)`;
    return this.locked(() => {
      for (const key of keys) {
        const doc = this.stmt('select id from search_docs where doc_key = ?').get(key) as { id: number } | undefined;
        const row = doc ? (this.stmt(sql).get(expression, doc.id) as { title: string; snippet: string } | undefined) : undefined;
        if (row) result.set(key, { title: parseMarked(row.title), snippet: parseMarked(row.snippet) });
      }
      return result;
    });
  }
}
