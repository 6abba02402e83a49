// The digest send log (issue 6), on both dialects:
//   digest_sends  one row per (subscription, period key): the uniqueness rule that makes digest
//                 runs idempotent. A run claims the row (status 'claimed', with its runner id and a
//                 lease), hands the mail to the relay, then marks it 'sent'; a period with nothing
//                 for the subscriber is recorded as 'empty' and sends nothing; a refused recipient
//                 is 'bounced' (5xx, for good) or 'deferred' (4xx or relay trouble: a later run of
//                 the same period tries again). A run killed between the relay's 250 and the mark
//                 leaves a 'claimed' row, which the next run takes over and sends again with the
//                 same Message-ID (message_id is fixed at the first claim).
import { sql, type Kysely } from 'kysely';
import { idColumnType } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_sends')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('period_key', 'text', (c) => c.notNull().check(sql`length(period_key) between 14 and 20`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('claimed', 'sent', 'empty', 'bounced', 'deferred')`))
    .addColumn('message_id', 'text', (c) => c.notNull())
    // Papers in the mail (0 for 'empty').
    .addColumn('papers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('digest_sends_subscription_period').unique().on('digest_sends').columns(['subscription_id', 'period_key']).execute();
  // Per-period reads: which subscribers are done, the run's summary.
  await db.schema.createIndex('digest_sends_period').on('digest_sends').columns(['period_key', 'status']).execute();
}
