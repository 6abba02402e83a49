// A comparable snapshot of every catalog table, for "nothing changed" and "same result" assertions.
import type { Store } from '../../src/store/db.js';

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
