// Personal API tokens (0014): rows keyed by the token's SHA-256; lifetimes and scopes are checked
// by the caller (commands/accounts/api-tokens.ts).
import type { Role } from '../domain/account.js';
import type { Db } from './db.js';

export interface ApiTokenRow {
  readonly id: number;
  readonly name: string;
  readonly shownPrefix: string;
  readonly scopes: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** A live token with its live account: what a request made with it acts as. */
export interface ApiTokenOwnerRow extends ApiTokenRow {
  readonly userId: number;
  readonly email: string;
  readonly emailVerifiedAt: string | null;
  readonly role: Role;
  readonly displayName: string;
}

/**
 * Inserts a token unless the user already holds `limit` live ones (null then), in one transaction
 * (SQLite's is IMMEDIATE, so two requests cannot both pass the count there).
 */
export async function insertApiTokenLimited(
  db: Db,
  t: { userId: number; name: string; tokenHash: string; shownPrefix: string; scopes: string; now: string },
  limit: number,
): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    if ((await countLiveApiTokens(tx, t.userId)) >= limit) return null;
    const row = await tx
      .insertInto('api_tokens')
      .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, shown_prefix: t.shownPrefix, scopes: t.scopes, created_at: t.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

/** A user's live (not revoked) tokens, newest first. */
export async function liveApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .select(['id', 'name', 'shown_prefix', 'scopes', 'created_at', 'last_used_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, shownPrefix: r.shown_prefix, scopes: r.scopes, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function countLiveApiTokens(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revokes one of the user's live tokens; false when it has no such live token. */
export async function revokeApiToken(db: Db, userId: number, id: number, now: string): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The live token with this hash and its live account, or undefined (unknown, revoked, account gone). */
export async function liveApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenOwnerRow | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.deleted_at', 'is', null)
    .select(['t.id', 't.name', 't.shown_prefix', 't.scopes', 't.created_at', 't.last_used_at', 't.user_id', 'u.email', 'u.email_verified_at', 'u.role', 'u.display_name'])
    .executeTakeFirst();
  if (!row || row.email === null) return undefined;
  return {
    id: Number(row.id),
    name: row.name,
    shownPrefix: row.shown_prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    userId: row.user_id,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    role: row.role,
    displayName: row.display_name,
  };
}

export async function touchApiToken(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
