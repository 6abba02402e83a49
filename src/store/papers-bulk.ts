// Bulk upserts for whole-arXiv loads (millions of records): the same merge rules as
// papers-write.ts, with the import's progress row committed in the same transaction, so a killed
// import resumes exactly where its last committed batch ended. On SQLite the batch runs as
// prepared better-sqlite3 statements inside one IMMEDIATE transaction (Kysely's per-query async
// overhead would cap it near 3,000 papers/s); PostgreSQL takes the Kysely path.
import type BetterSqlite3 from 'better-sqlite3';
import { authorKey } from '../domain/author-name.js';
import type { PaperRecord } from '../domain/paper.js';
import type { Store } from './db.js';
import { contentHash, jsonOrNull, upsertPapersIn, type UpsertCounts } from './papers-write.js';

export interface ImportProgress {
  readonly key: string;
  readonly source: string;
  /** Lines of the input fully handled once this batch commits. */
  readonly linesDone: number;
  readonly completed: boolean;
}

const PAPER_COLUMNS = ['title', 'abstract', 'primary_category', 'published_at', 'updated_at', 'comments', 'journal_ref', 'doi', 'license', 'withdrawn', 'ai_summary', 'ai_keywords'] as const;
type PaperColumn = (typeof PAPER_COLUMNS)[number];

function columnValues(r: PaperRecord): Record<PaperColumn, string | number | null | undefined> {
  return {
    title: r.title,
    abstract: r.abstract,
    primary_category: r.categories === undefined ? undefined : (r.categories[0] ?? null),
    published_at: r.publishedAt,
    updated_at: r.updatedAt,
    comments: r.comments,
    journal_ref: r.journalRef,
    doi: r.doi,
    license: r.license,
    withdrawn: r.withdrawn === undefined ? undefined : Number(r.withdrawn),
    ai_summary: r.aiSummary,
    ai_keywords: jsonOrNull(r.aiKeywords),
  };
}

class SqliteBulkWriter {
  private readonly updates = new Map<string, BetterSqlite3.Statement>();
  private readonly stmt;

  constructor(private readonly db: BetterSqlite3.Database) {
    const s = (sql: string) => db.prepare(sql);
    const cols = ['id', ...PAPER_COLUMNS, 'content_hash', 'created_at', 'modified_at'];
    this.stmt = {
      insertPaper: s(`insert into papers (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) on conflict (id) do nothing returning id`),
      deleteAuthors: s('delete from paper_authors where paper_id = ?'),
      insertAuthor: s('insert into paper_authors (paper_id, position, name, name_key) values (?, ?, ?, ?)'),
      deleteCategories: s('delete from paper_categories where paper_id = ?'),
      insertCategory: s('insert into paper_categories (paper_id, position, category) values (?, ?, ?)'),
      deleteVersions: s('delete from paper_versions where paper_id = ?'),
      insertVersion: s('insert into paper_versions (paper_id, version, submitted_at) values (?, ?, ?)'),
      upsertLink: s(
        'insert into paper_links (paper_id, kind, url, stars, stars_read_at) values (?, ?, ?, ?, ?) on conflict (paper_id, kind) do update set url = excluded.url, stars = excluded.stars, stars_read_at = excluded.stars_read_at',
      ),
      progress: s(
        'insert into import_progress (key, source, lines_done, completed_at, updated_at) values (?, ?, ?, ?, ?) on conflict (key) do update set lines_done = excluded.lines_done, completed_at = excluded.completed_at, updated_at = excluded.updated_at',
      ),
    };
  }

  /** One update statement per set of known columns; it writes only when the content hash differs. */
  private updateFor(known: readonly PaperColumn[]): BetterSqlite3.Statement {
    const key = known.join(',');
    let stmt = this.updates.get(key);
    if (!stmt) {
      const set = [...known, 'content_hash', 'modified_at'].map((c) => `${c} = ?`).join(', ');
      stmt = this.db.prepare(`update papers set ${set} where id = ? and content_hash <> ? returning id`);
      this.updates.set(key, stmt);
    }
    return stmt;
  }

  write(records: readonly PaperRecord[], hashes: readonly string[] | undefined, progress: ImportProgress | null, nowIso: string): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const run = this.db.transaction(() => {
      for (const [i, r] of records.entries()) {
        const values = columnValues(r);
        const hash = hashes?.[i] ?? contentHash(r);
        const inserted = this.stmt.insertPaper.get(
          r.id,
          ...PAPER_COLUMNS.map((c) => values[c] ?? (c === 'withdrawn' ? 0 : null)),
          hash,
          nowIso,
          nowIso,
        );
        if (inserted) {
          counts.inserted += 1;
          this.children(r, true);
          continue;
        }
        const known = PAPER_COLUMNS.filter((c) => values[c] !== undefined);
        const updated = this.updateFor(known).get(...known.map((c) => values[c]), hash, nowIso, r.id, hash);
        if (!updated) {
          counts.unchanged += 1;
          continue;
        }
        counts.updated += 1;
        this.children(r, false);
      }
      if (progress) this.stmt.progress.run(progress.key, progress.source, progress.linesDone, progress.completed ? nowIso : null, nowIso);
    });
    run.immediate();
    return counts;
  }

  /** A paper inserted just now has no child rows yet, so nothing needs deleting first. */
  private children(r: PaperRecord, inserted: boolean): void {
    const { stmt } = this;
    if (r.authors !== undefined) {
      if (!inserted) stmt.deleteAuthors.run(r.id);
      r.authors.forEach((name, i) => stmt.insertAuthor.run(r.id, i, name, authorKey(name)));
    }
    if (r.categories !== undefined) {
      if (!inserted) stmt.deleteCategories.run(r.id);
      r.categories.forEach((c, i) => stmt.insertCategory.run(r.id, i, c));
    }
    if (r.versions !== undefined && r.versions.length > 0) {
      if (!inserted) stmt.deleteVersions.run(r.id);
      for (const v of r.versions) stmt.insertVersion.run(r.id, v.version, v.submittedAt);
    }
    for (const l of r.links ?? []) stmt.upsertLink.run(r.id, l.kind, l.url, l.stars, l.starsReadAt);
  }
}

const writers = new WeakMap<BetterSqlite3.Database, SqliteBulkWriter>();

/**
 * Upserts a batch and records the import's progress, atomically. `hashes` may carry each record's
 * contentHash, computed elsewhere (e.g. on the reader's thread).
 */
export async function upsertPapersBulk(
  store: Store,
  records: readonly PaperRecord[],
  progress: ImportProgress | null,
  now = new Date(),
  hashes?: readonly string[],
): Promise<UpsertCounts> {
  const nowIso = now.toISOString();
  const sqlite = store.sqlite;
  if (sqlite) {
    let writer = writers.get(sqlite);
    if (!writer) {
      writer = new SqliteBulkWriter(sqlite);
      writers.set(sqlite, writer);
    }
    const w = writer;
    // Hold Kysely's connection lock so no Kysely query interleaves with the raw transaction.
    return store.db.connection().execute(async () => w.write(records, hashes, progress, nowIso));
  }
  return store.db.transaction().execute(async (trx) => {
    const counts = await upsertPapersIn(trx, records, now);
    if (progress) {
      await trx
        .insertInto('import_progress')
        .values({ key: progress.key, source: progress.source, lines_done: progress.linesDone, completed_at: progress.completed ? nowIso : null, updated_at: nowIso })
        .onConflict((oc) => oc.column('key').doUpdateSet({ lines_done: progress.linesDone, completed_at: progress.completed ? nowIso : null, updated_at: nowIso }))
        .execute();
    }
    return counts;
  });
}

export async function importProgress(store: Store, key: string): Promise<{ linesDone: number; completed: boolean } | null> {
  const row = await store.db.selectFrom('import_progress').select(['lines_done', 'completed_at']).where('key', '=', key).executeTakeFirst();
  return row ? { linesDone: row.lines_done, completed: row.completed_at !== null } : null;
}
