// Log-in sessions: a random token in the cookie, its SHA-256 in the sessions table, a CSRF token
// beside it. A session ends at log-out, after SESSION_IDLE_MINUTES without a request, or
// SESSION_ABSOLUTE_HOURS after log-in, whichever comes first.
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES, SESSION_TOUCH_INTERVAL_S, hoursAfter, minutesBefore, type Role } from '../../domain/account.js';
import type { Db } from '../../store/db.js';
import { deleteExpiredSessions, deleteSession, insertSession, sessionById, touchSession } from '../../store/sessions.js';
import { isSecretShaped, newSecret, secretId } from './context.js';

export interface Session {
  /** The sessions-table id (SHA-256 of the cookie token). */
  readonly id: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly role: Role;
  readonly displayName: string;
  /** The session passed the second factor (log-in with a code, or enrolment in it) and two-factor is still on. */
  readonly mfa: boolean;
  /** The account has two-factor authentication on. */
  readonly totpEnabled: boolean;
}

export interface StartedSession {
  /** The cookie value: shown to the browser once, never stored. */
  readonly token: string;
  readonly id: string;
  readonly csrfToken: string;
}

/**
 * A new session; the user's expired ones are deleted on the way (found by the user index, so
 * cheap). `mfa`: it starts having passed the second factor.
 */
export async function startSession(db: Db, userId: number, now: Date, mfa = false): Promise<StartedSession> {
  await purgeExpiredSessions(db, now, userId);
  const token = newSecret();
  const id = secretId(token);
  const csrfToken = newSecret();
  await insertSession(db, { id, userId, csrfToken, now: now.toISOString(), mfaAt: mfa ? now.toISOString() : null });
  return { token, id, csrfToken };
}

function expired(createdAt: string, lastSeenAt: string, now: Date): boolean {
  return lastSeenAt < minutesBefore(now, SESSION_IDLE_MINUTES).toISOString() || hoursAfter(new Date(createdAt), SESSION_ABSOLUTE_HOURS) <= now;
}

/** The live session of a cookie token, or null; an expired one is deleted, a live one marked seen. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Session | null> {
  if (!isSecretShaped(token)) return null;
  const row = await sessionById(db, secretId(token));
  if (!row) return null;
  if (expired(row.createdAt, row.lastSeenAt, now)) {
    await deleteSession(db, row.id);
    return null;
  }
  if (new Date(row.lastSeenAt).getTime() + SESSION_TOUCH_INTERVAL_S * 1000 <= now.getTime()) await touchSession(db, row.id, now.toISOString());
  return {
    id: row.id,
    userId: row.userId,
    csrfToken: row.csrfToken,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    role: row.role,
    displayName: row.displayName,
    mfa: row.mfaAt !== null && row.totpEnabled,
    totpEnabled: row.totpEnabled,
  };
}

/** Ends the session of a cookie token (nothing happens for an unknown one). */
export async function endSession(db: Db, token: string): Promise<void> {
  if (isSecretShaped(token)) await deleteSession(db, secretId(token));
}

/** Deletes every expired session (of one user, when given). Returns how many. */
export async function purgeExpiredSessions(db: Db, now: Date, userId?: number): Promise<number> {
  return deleteExpiredSessions(db, minutesBefore(now, SESSION_IDLE_MINUTES).toISOString(), hoursAfter(now, -SESSION_ABSOLUTE_HOURS).toISOString(), userId);
}
