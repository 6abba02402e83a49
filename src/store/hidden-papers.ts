// Papers hidden by moderators (hidden_papers, 0010) leave every listing: the daily, week and month
// feeds, /new, trending, author and category pages (a condition in their SQL), and search results
// and similar papers (filtered by id after the search engines, which know only document keys).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './db.js';

/** Ids per `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const IN_CHUNK = 500;

/** SQL condition: the paper whose id is in `column` (e.g. 'p.id') is not hidden by moderators. */
export function notHiddenPaper(column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from hidden_papers hp where hp.paper_id = ${sql.ref(column)})`;
}

/** Which of `ids` moderators have hidden. */
export async function hiddenAmong(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const hidden = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const rows = await db.selectFrom('hidden_papers').select('paper_id').where('paper_id', 'in', unique.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) hidden.add(r.paper_id);
  }
  return hidden;
}

/** Every hidden paper's id (moderators hide few papers, so the whole set is small). */
export async function allHiddenPaperIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('hidden_papers').select('paper_id').execute();
  return new Set(rows.map((r) => r.paper_id));
}
