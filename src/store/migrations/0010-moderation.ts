// Moderation, on both dialects (issue 5, item 9):
//   comments.hidden_at/hidden_reason  a comment hidden by a moderator keeps its row and text (so it
//                    can be restored) but is shown as a placeholder with the reason
//   hidden_papers    papers hidden by a moderator (their page answers 404 with the reason); a table
//                    of its own rather than columns on papers, which ingestion rewrites
//   flags            a reader's report of a comment or paper, one per (target, reader); resolved
//                    when a moderator hides or restores the target
//   moderation_log   the audit log: every hide, restore and role grant, who did it (null: the CLI),
//                    on what, why, when. Rows are only ever inserted.
import { sql, type Kysely } from 'kysely';
import { idColumnType } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('comments').addColumn('hidden_at', 'text').execute();
  await db.schema.alterTable('comments').addColumn('hidden_reason', 'text').execute();

  await db.schema
    .createTable('hidden_papers')
    .addColumn('paper_id', 'text', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('moderator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('hidden_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('flags')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('comment', 'paper')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('flags_target_user').unique().on('flags').columns(['target_kind', 'target_id', 'user_id']).execute();
  await db.schema.createIndex('flags_open').on('flags').columns(['resolved_at', 'created_at']).execute();

  await db.schema
    .createTable('moderation_log')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('hide', 'restore', 'grant_moderator')`))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('comment', 'paper', 'user')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_target').on('moderation_log').columns(['target_kind', 'target_id']).execute();
}
