// Two-factor rows (0011): TOTP credentials, recovery codes, pending log-ins, a session's second
// factor. Every "use once" rule is a conditional UPDATE or DELETE, so two requests racing with
// the same code or pending log-in cannot both succeed.
import type { Db } from './db.js';

export interface TotpCredential {
  readonly secretEnc: string;
  readonly enabledAt: string | null;
  readonly lastStep: number | null;
}

export async function totpCredential(db: Db, userId: number): Promise<TotpCredential | undefined> {
  const row = await db.selectFrom('totp_credentials').select(['secret_enc', 'enabled_at', 'last_step']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { secretEnc: row.secret_enc, enabledAt: row.enabled_at, lastStep: row.last_step === null ? null : Number(row.last_step) } : undefined;
}

/** Stores a new secret awaiting its first code; false (nothing changes) when two-factor is already on. */
export async function putPendingTotp(db: Db, userId: number, secretEnc: string, now: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('totp_credentials').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
    if (current?.enabled_at) return false;
    await tx.deleteFrom('totp_credentials').where('user_id', '=', userId).execute();
    await tx.insertInto('totp_credentials').values({ user_id: userId, secret_enc: secretEnc, created_at: now, enabled_at: null, last_step: null }).execute();
    return true;
  });
}

/**
 * Turns two-factor on with the pending secret (whose code of `step` was just typed), replaces the
 * recovery codes and marks `sessionId` as having passed the second factor. False if no enrolment
 * was pending (already on, or never started).
 */
export async function enableTotp(db: Db, e: { userId: number; secretEnc: string; step: number; codeHashes: readonly string[]; sessionId: string; now: string }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('totp_credentials')
      .set({ enabled_at: e.now, last_step: e.step })
      .where('user_id', '=', e.userId)
      .where('secret_enc', '=', e.secretEnc)
      .where('enabled_at', 'is', null)
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) return false;
    await writeRecoveryCodes(tx, e.userId, e.codeHashes, e.now);
    await tx.updateTable('sessions').set({ mfa_at: e.now }).where('id', '=', e.sessionId).where('user_id', '=', e.userId).execute();
    return true;
  });
}

/** Records `step` as used if it is later than the last accepted one; false: reused (or not enabled). */
export async function acceptTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('totp_credentials')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

async function writeRecoveryCodes(tx: Db, userId: number, codeHashes: readonly string[], now: string): Promise<void> {
  await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0) {
    await tx.insertInto('recovery_codes').values(codeHashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now, used_at: null }))).execute();
  }
}

/** Replaces every recovery code of the account (used or not) with new ones; false if two-factor is off. */
export async function replaceRecoveryCodes(db: Db, userId: number, codeHashes: readonly string[], now: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const on = await tx.selectFrom('totp_credentials').select('user_id').where('user_id', '=', userId).where('enabled_at', 'is not', null).executeTakeFirst();
    if (!on) return false;
    await writeRecoveryCodes(tx, userId, codeHashes, now);
    return true;
  });
}

/** Uses a recovery code: true once, false for an unknown or used one. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function unusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Turns two-factor off: the secret, codes and pending log-ins go; no session counts as passed any more. */
export async function deleteTwoFactor(db: Db, userId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('totp_credentials').where('user_id', '=', userId).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await tx.deleteFrom('pending_logins').where('user_id', '=', userId).execute();
    await tx.updateTable('sessions').set({ mfa_at: null }).where('user_id', '=', userId).execute();
  });
}

export async function insertPendingLogin(db: Db, p: { id: string; userId: number; now: string; expiresAt: string }): Promise<void> {
  await db.insertInto('pending_logins').values({ id: p.id, user_id: p.userId, created_at: p.now, expires_at: p.expiresAt }).execute();
}

export interface PendingLogin {
  readonly userId: number;
  readonly failures: number;
}

/** The live (unexpired) pending log-in. */
export async function pendingLogin(db: Db, id: string, now: string): Promise<PendingLogin | undefined> {
  const row = await db.selectFrom('pending_logins').select(['user_id', 'failures']).where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  return row ? { userId: row.user_id, failures: Number(row.failures) } : undefined;
}

/** Counts a wrong code; the pending log-in is deleted once it has `maxFailures`. Returns the count. */
export async function countPendingFailure(db: Db, id: string, maxFailures: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.updateTable('pending_logins').set((eb) => ({ failures: eb('failures', '+', 1) })).where('id', '=', id).returning('failures').executeTakeFirst();
    const failures = row ? Number(row.failures) : maxFailures;
    if (failures >= maxFailures) await tx.deleteFrom('pending_logins').where('id', '=', id).execute();
    return failures;
  });
}

/** Ends the pending log-in (on success); false if it was already gone or expired. */
export async function consumePendingLogin(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db.deleteFrom('pending_logins').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function deletePendingLogin(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pending_logins').where('id', '=', id).execute();
}

/** Deletes pending log-ins expired at `now`; returns how many. */
export async function deleteExpiredPendingLogins(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('pending_logins').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
