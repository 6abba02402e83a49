// Log-in in one or two steps. Step one checks the password; an account without two-factor gets
// its session at once. With two-factor on, it gets a pending log-in instead: a random token in
// its own cookie, its hash in pending_logins for PENDING_LOGIN_MINUTES, good for nothing but step
// two. Step two takes a TOTP or recovery code; on success the pending log-in is deleted and a new
// session (a new random id, never the pending token) starts, marked as having passed the second
// factor. Both steps count against the client's log-in limit (LOGIN_ATTEMPTS_PER_WINDOW per
// LOGIN_WINDOW_MS, failed or not); wrong codes also count against the account
// (SECOND_FACTOR_FAILURES_PER_WINDOW) and the pending log-in (MAX_PENDING_FAILURES, then it ends).
import { unauthorized } from '../../domain/errors.js';
import { ipLimitSubject } from '../../domain/client-ip.js';
import {
  LOGIN_ATTEMPTS_PER_WINDOW,
  LOGIN_WINDOW_MS,
  RATE_LIMIT_ACTIONS,
  SECOND_FACTOR_FAILURES_PER_WINDOW,
  SECOND_FACTOR_FAILURE_WINDOW_MS,
} from '../../domain/rate-limits.js';
import { takeRateLimit, withinRateLimits } from '../../store/rate-limits.js';
import { consumePendingLogin, countPendingFailure, insertPendingLogin, pendingLogin, totpCredential } from '../../store/two-factor.js';
import { valueOrRateLimited, waitText } from '../rate-limit.js';
import { isSecretShaped, newSecret, secretId, type AccountContext } from './context.js';
import { logIn } from './log-in.js';
import { WRONG_CODE, checkSecondFactor } from './two-factor.js';

/** How long the second step may take after the password (minutes). */
export const PENDING_LOGIN_MINUTES = 5;
/** Wrong codes one pending log-in takes before it ends (the password must be typed again). */
export const MAX_PENDING_FAILURES = 5;

export const PENDING_DEAD = `This log-in has expired (the code must follow the password within ${PENDING_LOGIN_MINUTES} minutes) or was ended after too many wrong codes. Log in again with your password.`;

export type PasswordStep = { readonly kind: 'session'; readonly userId: number } | { readonly kind: 'second_factor'; readonly pendingToken: string };

/** One log-in attempt from `clientIp`, or 429. */
async function countLogInAttempt(ctx: AccountContext, clientIp: string): Promise<void> {
  const now = ctx.now();
  const limit = { action: RATE_LIMIT_ACTIONS.login, subject: ipLimitSubject(clientIp), limit: LOGIN_ATTEMPTS_PER_WINDOW, windowMs: LOGIN_WINDOW_MS };
  valueOrRateLimited(await takeRateLimit(ctx.store, limit, now), now, (s) => `Too many log-in attempts from your network. Try again in ${waitText(s)}.`);
}

/** Step one: the password (401 LOGIN_FAILED when wrong, 429 over the limit). */
export async function passwordStep(ctx: AccountContext, input: { email: string; password: string }, clientIp: string): Promise<PasswordStep> {
  await countLogInAttempt(ctx, clientIp);
  const userId = await logIn(ctx, input);
  const cred = await totpCredential(ctx.store.db, userId);
  if (!cred || cred.enabledAt === null) return { kind: 'session', userId };
  const pendingToken = newSecret();
  const now = ctx.now();
  await insertPendingLogin(ctx.store.db, {
    id: secretId(pendingToken),
    userId,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + PENDING_LOGIN_MINUTES * 60_000).toISOString(),
  });
  return { kind: 'second_factor', pendingToken };
}

/** Step two: a code for the pending log-in. Returns the user id to start a session for. */
export async function secondFactorStep(ctx: AccountContext, pendingToken: string | undefined, code: string, clientIp: string): Promise<number> {
  await countLogInAttempt(ctx, clientIp);
  const now = ctx.now();
  const id = pendingToken !== undefined && isSecretShaped(pendingToken) ? secretId(pendingToken) : undefined;
  const pending = id === undefined ? undefined : await pendingLogin(ctx.store.db, id, now.toISOString());
  if (id === undefined || !pending) throw unauthorized(PENDING_DEAD);
  const failures = { action: RATE_LIMIT_ACTIONS.secondFactorFailure, subject: String(pending.userId), limit: SECOND_FACTOR_FAILURES_PER_WINDOW, windowMs: SECOND_FACTOR_FAILURE_WINDOW_MS };
  const passed = valueOrRateLimited(
    await withinRateLimits(ctx.store, [failures], now, (tx) => checkSecondFactor(ctx, tx, pending.userId, code), { counts: (kind) => kind === null }),
    now,
    (s) => `Too many wrong codes for this account. Try again in ${waitText(s)}.`,
  );
  if (passed === null) {
    const count = await countPendingFailure(ctx.store.db, id, MAX_PENDING_FAILURES);
    throw unauthorized(count >= MAX_PENDING_FAILURES ? PENDING_DEAD : WRONG_CODE);
  }
  if (!(await consumePendingLogin(ctx.store.db, id, now.toISOString()))) throw unauthorized(PENDING_DEAD);
  return pending.userId;
}
