// Personal API tokens (issue 6, item 8), on both dialects:
//   api_tokens  one row per token: its owner, a name, the SHA-256 (hex) of the token (unique; a
//               leaked database gives no working token), the first characters shown in lists
//               (`pbt_` + 8), its scopes (space-separated: vote comment submit), when it was made
//               and last used, and when it was revoked (a revoked token answers 401; the row stays
//               so the list of what existed is kept until the account goes).
import { sql, type Kysely } from 'kysely';
import { idColumnType } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('shown_prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull().check(sql`length(scopes) between 1 and 40`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'created_at']).execute();
}
