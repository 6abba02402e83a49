// Accounts, on both dialects. The `users` table of 0001 (id, display_name, created_at; referenced by
// daily_entries.submitter_user_id) gains the account columns rather than being replaced:
//   users         email as typed, email_key (domain/account.ts emailKey) unique, the Argon2id PHC
//                 string, email_verified_at, role, deleted_at. Account columns are nullable: rows
//                 from before accounts, and deleted accounts (which keep their row so what they
//                 submitted keeps its reference) have no e-mail or password.
//   sessions      one row per logged-in browser; id = SHA-256 (hex) of the cookie's random token, so
//                 a leaked database does not give working cookies; the CSRF synchronizer token
//   email_tokens  single-use links (verify, reset, change of address), stored as SHA-256 too
// Later: a totp_secret column on users and an mfa time on sessions slot in beside these.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const column of ['email', 'email_key', 'password_hash', 'email_verified_at', 'deleted_at']) {
    await db.schema.alterTable('users').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('users')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user').check(sql`role in ('user', 'moderator', 'admin')`))
    .execute();
  // NULLs never collide in a unique index (both dialects), so address-less rows are fine.
  await db.schema.createIndex('users_email_key').unique().on('users').column('email_key').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('email_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password', 'change_email')`))
    // The address the link was sent to: the one it verifies, or the new one it changes to.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('email_tokens_user').on('email_tokens').columns(['user_id', 'purpose']).execute();
}
