// Server-side sessions (0007): any web process can serve any session. Rows are keyed by the SHA-256
// of the cookie token; lifetimes are checked by the caller (commands/accounts/sessions.ts).
import type { Role } from '../domain/account.js';
import type { Db } from './db.js';

export interface SessionRow {
  readonly id: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly email: string;
  readonly emailVerifiedAt: string | null;
  readonly role: Role;
  readonly displayName: string;
  /** When the session passed the second factor (0011), or null. */
  readonly mfaAt: string | null;
  /** Whether the account has two-factor on. */
  readonly totpEnabled: boolean;
}

/** `mfaAt`: the session starts having passed the second factor at that time (a two-step log-in). */
export async function insertSession(db: Db, s: { id: string; userId: number; csrfToken: string; now: string; mfaAt?: string | null }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, last_seen_at: s.now, mfa_at: s.mfaAt ?? null })
    .execute();
}

/** The session with its live account, or undefined (no such session, or the account is gone). */
export async function sessionById(db: Db, id: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('totp_credentials as t', 't.user_id', 's.user_id')
    .where('s.id', '=', id)
    .where('u.deleted_at', 'is', null)
    .select(['s.id', 's.user_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.mfa_at', 't.enabled_at as totp_enabled_at', 'u.email', 'u.email_verified_at', 'u.role', 'u.display_name'])
    .executeTakeFirst();
  if (!row || row.email === null) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    role: row.role,
    displayName: row.display_name,
    mfaAt: row.mfa_at,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, or every one but `keep`. */
export async function deleteUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '!=', keep);
  await q.execute();
}

/** Deletes sessions (of one user, when given) idle since before `idleBefore` or created before `createdBefore`; returns how many. */
export async function deleteExpiredSessions(db: Db, idleBefore: string, createdBefore: string, userId?: number): Promise<number> {
  let q = db.deleteFrom('sessions').where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]));
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countUserSessions(db: Db, userId: number): Promise<number> {
  const row = await db.selectFrom('sessions').where('user_id', '=', userId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
