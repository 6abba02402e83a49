// Two-factor authentication and log-in state, on both dialects (issue 5, item 1):
//   totp_credentials  one per account: the TOTP secret encrypted with the server key (AES-256-GCM,
//                     commands/accounts/secret-box.ts; never stored in plain), enabled_at null while
//                     enrolment waits for its first code, and the last accepted time step (a code of
//                     that step or an earlier one is refused: RFC 6238 §5.2, no reuse)
//   recovery_codes    single-use codes, as SHA-256 (hex) of the code (80 random bits each)
//   pending_logins    a password accepted, the second factor not yet: SHA-256 of the cookie token,
//                     5 minutes, wrong codes counted. Not a session: it grants nothing else.
//   sessions.mfa_at   when this session passed the second factor (null: password only)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('mfa_at', 'text').execute();

  await db.schema
    .createTable('totp_credentials')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('pending_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failures >= 0`))
    .execute();
  await db.schema.createIndex('pending_logins_expires').on('pending_logins').column('expires_at').execute();
}
