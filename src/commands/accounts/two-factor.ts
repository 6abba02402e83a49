// Two-factor authentication with TOTP (RFC 6238) and recovery codes, optional for readers and
// required for moderators and admins (commands/moderation.ts). Enrolment: a new secret is sealed
// into the database (never in plain: secret-box.ts) and shown once as an otpauth:// URI, base32
// and QR code; it takes effect when a code from it is typed with the current password, which also
// issues RECOVERY_CODE_COUNT recovery codes (shown once, stored hashed). Turning it off asks for
// the password and a code. Every accepted TOTP step is recorded, so a code works once.
import { randomBytes } from 'node:crypto';
import { badRequest, forbidden } from '../../domain/errors.js';
import { RECOVERY_CODE_CHARS, RECOVERY_CODE_COUNT, normalizeRecoveryCode, recoveryCodeFromBytes } from '../../domain/recovery-codes.js';
import { matchTotpStep, newTotpSecret, normalizeTotpInput, totpUri } from '../../domain/totp.js';
import type { Db } from '../../store/db.js';
import {
  acceptTotpStep,
  deleteTwoFactor,
  enableTotp,
  putPendingTotp,
  replaceRecoveryCodes,
  totpCredential,
  unusedRecoveryCodes,
  useRecoveryCode,
} from '../../store/two-factor.js';
import { secretId, type AccountContext } from './context.js';
import { reauthenticate } from './reauthenticate.js';
import { open, seal } from './secret-box.js';

export const WRONG_CODE = 'That code is not right (or was already used). Type the current code from your authenticator app, or an unused recovery code.';

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  readonly secret: string;
  /** otpauth://totp/…, for the QR code. */
  readonly uri: string;
}

export interface TwoFactorStatus {
  readonly enabled: boolean;
  /** The secret awaiting its first code, while enrolment is under way. */
  readonly pending: Enrolment | null;
  readonly recoveryCodesLeft: number;
}

/** Additional data binding a sealed secret to its account's row. */
const sealContext = (userId: number) => `totp_credentials:${userId}`;

function enrolmentOf(ctx: AccountContext, secret: string, email: string): Enrolment {
  return { secret, uri: totpUri(secret, `Paperboy (${ctx.baseUrl.host})`, email) };
}

export async function twoFactorStatus(ctx: AccountContext, userId: number, email: string): Promise<TwoFactorStatus> {
  const cred = await totpCredential(ctx.store.db, userId);
  if (!cred) return { enabled: false, pending: null, recoveryCodesLeft: 0 };
  if (cred.enabledAt !== null) return { enabled: true, pending: null, recoveryCodesLeft: await unusedRecoveryCodes(ctx.store.db, userId) };
  return { enabled: false, pending: enrolmentOf(ctx, open(ctx.secretKey(), cred.secretEnc, sealContext(userId)), email), recoveryCodesLeft: 0 };
}

/** A new secret awaiting confirmation (a second start replaces the first). 400 when already on. */
export async function startTotpEnrolment(ctx: AccountContext, userId: number, email: string): Promise<Enrolment> {
  const secret = newTotpSecret();
  if (!(await putPendingTotp(ctx.store.db, userId, seal(ctx.secretKey(), secret, sealContext(userId)), ctx.now().toISOString()))) {
    throw badRequest('Two-factor authentication is already on. Turn it off first to set up another authenticator.');
  }
  return enrolmentOf(ctx, secret, email);
}

/** New recovery codes: the codes to show once, and their hashes to store. */
function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(RECOVERY_CODE_CHARS)));
  return { codes, hashes: codes.map((c) => secretId(normalizeRecoveryCode(c) ?? c)) };
}

/**
 * Confirms enrolment with the password and a code of the pending secret; the session that did it
 * counts as having passed the second factor. Returns the recovery codes (shown once).
 */
export async function confirmTotpEnrolment(ctx: AccountContext, userId: number, sessionId: string, input: { currentPassword: string; code: string }): Promise<string[]> {
  await reauthenticate(ctx, userId, input.currentPassword);
  const cred = await totpCredential(ctx.store.db, userId);
  if (!cred || cred.enabledAt !== null) throw badRequest(cred ? 'Two-factor authentication is already on.' : 'Start the set-up first: it shows the secret to add to your app.');
  const now = ctx.now();
  const step = matchTotpStep(open(ctx.secretKey(), cred.secretEnc, sealContext(userId)), normalizeTotpInput(input.code), now);
  if (step === null) throw badRequest(WRONG_CODE);
  const { codes, hashes } = newRecoveryCodes();
  if (!(await enableTotp(ctx.store.db, { userId, secretEnc: cred.secretEnc, step, codeHashes: hashes, sessionId, now: now.toISOString() }))) {
    throw badRequest('The set-up changed meanwhile (started again in another window?). Reload the page and try again.');
  }
  return codes;
}

/**
 * Checks a typed second factor: a 6-digit TOTP code (its step is then used up) or an unused
 * recovery code (then used). `db` may be a transaction. Returns which kind passed, or null.
 */
export async function checkSecondFactor(ctx: AccountContext, db: Db, userId: number, typed: string): Promise<'totp' | 'recovery' | null> {
  const code = normalizeTotpInput(typed);
  if (/^\d{6}$/.test(code)) {
    const cred = await totpCredential(db, userId);
    if (!cred || cred.enabledAt === null) return null;
    const step = matchTotpStep(open(ctx.secretKey(), cred.secretEnc, sealContext(userId)), code, ctx.now());
    return step !== null && (await acceptTotpStep(db, userId, step)) ? 'totp' : null;
  }
  const recovery = normalizeRecoveryCode(typed);
  if (recovery === null) return null;
  return (await useRecoveryCode(db, userId, secretId(recovery), ctx.now().toISOString())) ? 'recovery' : null;
}

/** Turns two-factor off after the password and a code (403 for either wrong). */
export async function disableTwoFactor(ctx: AccountContext, userId: number, input: { currentPassword: string; code: string }): Promise<void> {
  await reauthenticate(ctx, userId, input.currentPassword);
  const cred = await totpCredential(ctx.store.db, userId);
  if (!cred) throw badRequest('Two-factor authentication is not on.');
  // While enrolment is only pending there is nothing to prove: the half-done set-up is dropped.
  if (cred.enabledAt !== null && (await checkSecondFactor(ctx, ctx.store.db, userId, input.code)) === null) throw forbidden(WRONG_CODE);
  await deleteTwoFactor(ctx.store.db, userId);
}

/** Replaces the recovery codes (the old ones stop working) after the password; returns the new ones. */
export async function regenerateRecoveryCodes(ctx: AccountContext, userId: number, input: { currentPassword: string }): Promise<string[]> {
  await reauthenticate(ctx, userId, input.currentPassword);
  const { codes, hashes } = newRecoveryCodes();
  if (!(await replaceRecoveryCodes(ctx.store.db, userId, hashes, ctx.now().toISOString()))) throw badRequest('Two-factor authentication is not on.');
  return codes;
}
