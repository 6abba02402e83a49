// E-mail subscriptions to the digest (issue 6), on both dialects:
//   subscriptions         one row per address (email_key unique, domain/account.ts emailKey), with or
//                         without an account (user_id, set null when the account is deleted: the
//                         subscription belongs to the address, not the account). status follows
//                         pending -> active -> unsubscribed | suspended. Preferences are columns;
//                         categories and keywords are JSON arrays of strings. unsubscribe_token is
//                         the opaque random capability in every mail (manage + unsubscribe links),
//                         stored as is because the sender puts it into each mail. The confirmation
//                         link's token is stored as SHA-256 (hex) with its expiry and cleared on use.
//   subscription_bounces  one row per counted bounce, keyed by the report's Message-ID (or a hash of
//                         the report, or of the refused send), so a report ingested twice counts once.
import { sql, type Kysely } from 'kysely';
import { idColumnType } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active', 'unsubscribed', 'suspended')`))
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('daily', 'weekly')`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('send_hour', 'integer', (c) => c.notNull().check(sql`send_hour between 0 and 23`))
    .addColumn('send_weekday', 'integer', (c) => c.notNull().check(sql`send_weekday between 1 and 7`))
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('confirm_expires_at', 'text')
    .addColumn('hard_bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('soft_bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The sender pages through active subscriptions by id.
  await db.schema.createIndex('subscriptions_status').on('subscriptions').columns(['status', 'id']).execute();
  await db.schema.createIndex('subscriptions_user').on('subscriptions').column('user_id').execute();

  await db.schema
    .createTable('subscription_bounces')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('hard', 'soft')`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('dsn', 'smtp')`))
    // The enhanced status code (RFC 3463), e.g. 5.1.1, when known.
    .addColumn('status_code', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscription_bounces_subscription').on('subscription_bounces').columns(['subscription_id', 'at']).execute();
}
