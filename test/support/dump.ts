// A comparable snapshot of every catalog table, for "nothing changed" and "same result" assertions.
import path from 'node:path';
import { openMigratedStore, type Store } from '../../src/store/db.js';

export async function dumpCatalog(store: Store) {
  const db = store.db;
  return {
    papers: await db.selectFrom('papers').select(['id', 'title', 'abstract', 'published_at', 'ai_summary', 'ai_keywords', 'content_hash', 'modified_at']).orderBy('id').execute(),
    authors: await db.selectFrom('paper_authors').selectAll().orderBy('paper_id').orderBy('position').execute(),
    links: await db.selectFrom('paper_links').selectAll().orderBy('paper_id').orderBy('kind').execute(),
    entries: await db.selectFrom('daily_entries').select(['day', 'paper_id', 'source_id', 'submitter_user_id']).orderBy('day').orderBy('paper_id').execute(),
    baselines: await db.selectFrom('upvote_baselines').selectAll().orderBy('paper_id').execute(),
  };
}

/** The catalog of the SQLite file in a data dir, without write times (they differ between runs by design). */
export async function dataDirCatalog(dataDir: string) {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    const dump = await dumpCatalog(store);
    return { ...dump, papers: dump.papers.map(({ modified_at: _m, ...rest }) => rest) };
  } finally {
    await store.close();
  }
}
