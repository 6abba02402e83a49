// Author claims, on both dialects (issue 5, item 8):
//   author_claims    a reader's claim to be an author of a paper, one per (paper, reader), with an
//                    optional note; a moderator approves or rejects it with a reason (decided_*).
//                    Approved claimants are marked as the paper's authors on its page and comments.
//   moderation_log   its checks (0010) learn the claim decisions: actions approve_claim and
//                    reject_claim on target kind 'claim'. PostgreSQL swaps the check constraints;
//                    SQLite cannot alter a check, so the table is rebuilt with its rows, ids kept.
import { sql, type Kysely } from 'kysely';
import { idColumnType, isPostgres } from './helpers.js';

const ACTIONS = sql`action in ('hide', 'restore', 'grant_moderator', 'approve_claim', 'reject_claim')`;
const TARGET_KINDS = sql`target_kind in ('comment', 'paper', 'user', 'claim')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('author_claims')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('author_claims_paper_user').unique().on('author_claims').columns(['paper_id', 'user_id']).execute();
  // The moderators' queue (pending, oldest first) and a reader's authored papers.
  await db.schema.createIndex('author_claims_status').on('author_claims').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('author_claims_user').on('author_claims').columns(['user_id', 'status']).execute();

  if (isPostgres(db)) {
    // 0010 declared the checks on the columns, so PostgreSQL named them <table>_<column>_check.
    await sql`alter table moderation_log drop constraint if exists moderation_log_action_check`.execute(db);
    await sql`alter table moderation_log drop constraint if exists moderation_log_target_kind_check`.execute(db);
    await sql`alter table moderation_log add constraint moderation_log_action_check check (${ACTIONS})`.execute(db);
    await sql`alter table moderation_log add constraint moderation_log_target_kind_check check (${TARGET_KINDS})`.execute(db);
    return;
  }
  await db.schema
    .createTable('moderation_log_0013')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull().check(ACTIONS))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(TARGET_KINDS))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into moderation_log_0013 (id, actor_id, action, target_kind, target_id, reason, created_at)
    select id, actor_id, action, target_kind, target_id, reason, created_at from moderation_log`.execute(db);
  await db.schema.dropTable('moderation_log').execute();
  await sql`alter table moderation_log_0013 rename to moderation_log`.execute(db);
  await db.schema.createIndex('moderation_log_target').on('moderation_log').columns(['target_kind', 'target_id']).execute();
}
