// Votes, on both dialects (issue 5, items 4 and 10):
//   votes            one row per (paper, user): the primary key is the uniqueness rule, so voting
//                    twice is one row. Counts are read with count(*) over the key's paper prefix,
//                    never kept in a counter, so the shown count is the number of rows by
//                    construction. The imported HF baseline stays in upvote_baselines.
//   rate_limit_hits  one row per limited action (action, subject, time), so a limit holds across
//                    web processes and restarts; a vote then unvote then vote again is two hits.
//                    Subject is text: a user id here, an IP or address key for later limits.
import { sql, type Kysely } from 'kysely';
import { withoutRowid } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('votes')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['paper_id', 'user_id'])
    .modifyEnd(withoutRowid(db))
    .execute();
  // A user's votes (which of these papers did I vote for; how many today).
  await db.schema.createIndex('votes_user').on('votes').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('action', 'text', (c) => c.notNull().check(sql`length(action) between 1 and 40`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_subject').on('rate_limit_hits').columns(['action', 'subject', 'at']).execute();
}
