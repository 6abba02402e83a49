// Submissions by readers, on both dialects (issue 5, item 7). A submitted paper is a daily_entries
// row (0001) with submitter_user_id set and no source, on the UTC day it was submitted:
//   daily_entries_user_paper   a paper is submitted by readers at most once, ever (a partial unique
//                              index: imported entries, source_id set, are not concerned). The
//                              submit transaction checks first and answers "already there"; the
//                              index makes a racing second insert fail instead of doubling a row.
//   daily_entries_submitter    a reader's submissions, newest first (public profiles)
//   users_display_name         profiles are also found by display name (/users/<name>)
// The new-account submission limit counts rows of rate_limit_hits (0008) with action 'submit'.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('daily_entries_user_paper')
    .unique()
    .on('daily_entries')
    .column('paper_id')
    .where(sql.ref('submitter_user_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('daily_entries_submitter').on('daily_entries').columns(['submitter_user_id', 'created_at']).execute();
  await db.schema.createIndex('users_display_name').on('users').column('display_name').execute();
}
