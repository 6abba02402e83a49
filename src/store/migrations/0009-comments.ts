// Comments, on both dialects (issue 5, item 6):
//   comments  one row per comment on a paper. parent_id makes the thread (null for a top-level
//             comment); depth is stored (0 at the top) so the depth limit is checked without
//             walking the chain. The Markdown source is kept for editing; body_html is the
//             sanitized rendering made once when the comment is written or edited (rendering a
//             hostile comment can take ~50 ms, too slow for every page view). A deleted comment
//             with replies keeps its row (deleted_at set, source and HTML emptied) so the thread
//             still hangs together; one without replies is removed.
// A paper's local comment count is count(*) of its live rows; nothing else stores it.
import type { Kysely } from 'kysely';
import { idColumnType } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  // A paper's thread in posting order; a comment's replies (does it have any?).
  await db.schema.createIndex('comments_paper').on('comments').columns(['paper_id', 'id']).execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
}
