// Two-factor rows (0011) on both dialects: a TOTP step is accepted once and never an earlier one,
// recovery codes work once, enrolment needs a pending secret, pending log-ins end after their
// failures or once used, a session's second factor ends with two-factor, and deleting an account
// takes its second factor with it. The secret is sealed (AES-256-GCM) in the row, never plain.
import { expect, it } from 'vitest';
import { startSession, resolveSession } from '../../src/commands/accounts/sessions.js';
import { open, seal } from '../../src/commands/accounts/secret-box.js';
import { newTotpSecret } from '../../src/domain/totp.js';
import {
  acceptTotpStep,
  consumePendingLogin,
  countPendingFailure,
  deleteTwoFactor,
  enableTotp,
  insertPendingLogin,
  pendingLogin,
  putPendingTotp,
  replaceRecoveryCodes,
  totpCredential,
  unusedRecoveryCodes,
  useRecoveryCode,
} from '../../src/store/two-factor.js';
import { softDeleteAccount } from '../../src/store/users.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount } from '../support/votes.js';

const T0 = '2026-11-30T10:00:00.000Z';
const KEY = Buffer.alloc(32, 3);

describeEachDialect('two-factor store', (ctx) => {
  it('enrols with a sealed secret, accepts each TOTP step once and no earlier step after it', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const secret = newTotpSecret();
    const sealed = seal(KEY, secret, `totp_credentials:${ann}`);
    expect(sealed).not.toContain(secret);
    expect(await putPendingTotp(ctx.store.db, ann, sealed, T0)).toBe(true);
    // Not yet enabled: no step is accepted.
    expect(await acceptTotpStep(ctx.store.db, ann, 100)).toBe(false);
    const { id: sessionId } = await startSession(ctx.store.db, ann, new Date(T0));
    expect(await enableTotp(ctx.store.db, { userId: ann, secretEnc: sealed, step: 100, codeHashes: ['h1', 'h2'], sessionId, now: T0 })).toBe(true);
    expect(await enableTotp(ctx.store.db, { userId: ann, secretEnc: sealed, step: 100, codeHashes: [], sessionId, now: T0 })).toBe(false);
    expect(await putPendingTotp(ctx.store.db, ann, sealed, T0)).toBe(false);
    const cred = await totpCredential(ctx.store.db, ann);
    expect(cred).toEqual({ secretEnc: sealed, enabledAt: T0, lastStep: 100 });
    expect(open(KEY, cred?.secretEnc ?? '', `totp_credentials:${ann}`)).toBe(secret);
    // Step 100 was used by the enrolment code; 99 is older; 101 works once.
    expect(await acceptTotpStep(ctx.store.db, ann, 100)).toBe(false);
    expect(await acceptTotpStep(ctx.store.db, ann, 99)).toBe(false);
    expect(await acceptTotpStep(ctx.store.db, ann, 101)).toBe(true);
    expect(await acceptTotpStep(ctx.store.db, ann, 101)).toBe(false);
    // Concurrent attempts with the same new step: exactly one wins.
    const racing = await Promise.all(Array.from({ length: 6 }, () => acceptTotpStep(ctx.store.db, ann, 102)));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it('uses each recovery code once; regenerating replaces them all', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    expect(await replaceRecoveryCodes(ctx.store.db, ann, ['a'], T0)).toBe(false); // two-factor off
    await putPendingTotp(ctx.store.db, ann, 'sealed', T0);
    const { id: sessionId } = await startSession(ctx.store.db, ann, new Date(T0));
    await enableTotp(ctx.store.db, { userId: ann, secretEnc: 'sealed', step: 1, codeHashes: ['h1', 'h2', 'h3'], sessionId, now: T0 });
    expect(await unusedRecoveryCodes(ctx.store.db, ann)).toBe(3);
    expect(await useRecoveryCode(ctx.store.db, ann, 'h2', T0)).toBe(true);
    expect(await useRecoveryCode(ctx.store.db, ann, 'h2', T0)).toBe(false);
    expect(await useRecoveryCode(ctx.store.db, ann, 'nope', T0)).toBe(false);
    const bob = await addAccount(ctx.store, 'bob@example.org', T0);
    expect(await useRecoveryCode(ctx.store.db, bob, 'h1', T0)).toBe(false);
    expect(await unusedRecoveryCodes(ctx.store.db, ann)).toBe(2);
    expect(await replaceRecoveryCodes(ctx.store.db, ann, ['n1', 'n2', 'n3', 'n4'], T0)).toBe(true);
    expect(await useRecoveryCode(ctx.store.db, ann, 'h1', T0)).toBe(false);
    expect(await unusedRecoveryCodes(ctx.store.db, ann)).toBe(4);
  });

  it('marks the enrolling session as passed; turning two-factor off ends that for every session', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const now = new Date(T0);
    const mine = await startSession(ctx.store.db, ann, now);
    const other = await startSession(ctx.store.db, ann, now);
    expect((await resolveSession(ctx.store.db, mine.token, now))?.mfa).toBe(false);
    await putPendingTotp(ctx.store.db, ann, 'sealed', T0);
    await enableTotp(ctx.store.db, { userId: ann, secretEnc: 'sealed', step: 1, codeHashes: ['h1'], sessionId: mine.id, now: T0 });
    expect(await resolveSession(ctx.store.db, mine.token, now)).toMatchObject({ mfa: true, totpEnabled: true });
    expect(await resolveSession(ctx.store.db, other.token, now)).toMatchObject({ mfa: false, totpEnabled: true });
    const logged = await startSession(ctx.store.db, ann, now, true);
    expect((await resolveSession(ctx.store.db, logged.token, now))?.mfa).toBe(true);
    await deleteTwoFactor(ctx.store.db, ann);
    expect(await totpCredential(ctx.store.db, ann)).toBeUndefined();
    expect(await unusedRecoveryCodes(ctx.store.db, ann)).toBe(0);
    for (const s of [mine, logged]) expect(await resolveSession(ctx.store.db, s.token, now)).toMatchObject({ mfa: false, totpEnabled: false });
  });

  it('keeps a pending log-in for its lifetime, counts its failures, ends it at the maximum or when used', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const expiresAt = '2026-11-30T10:05:00.000Z';
    await insertPendingLogin(ctx.store.db, { id: 'p1', userId: ann, now: T0, expiresAt });
    expect(await pendingLogin(ctx.store.db, 'p1', T0)).toEqual({ userId: ann, failures: 0 });
    expect(await pendingLogin(ctx.store.db, 'p1', expiresAt)).toBeUndefined();
    expect(await countPendingFailure(ctx.store.db, 'p1', 3)).toBe(1);
    expect(await countPendingFailure(ctx.store.db, 'p1', 3)).toBe(2);
    expect(await countPendingFailure(ctx.store.db, 'p1', 3)).toBe(3);
    expect(await pendingLogin(ctx.store.db, 'p1', T0)).toBeUndefined();
    await insertPendingLogin(ctx.store.db, { id: 'p2', userId: ann, now: T0, expiresAt });
    expect(await consumePendingLogin(ctx.store.db, 'p2', expiresAt)).toBe(false); // expired by then
    const racing = await Promise.all([consumePendingLogin(ctx.store.db, 'p2', T0), consumePendingLogin(ctx.store.db, 'p2', T0)]);
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it('deletes the second factor with the account', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    await putPendingTotp(ctx.store.db, ann, 'sealed', T0);
    const { id: sessionId } = await startSession(ctx.store.db, ann, new Date(T0));
    await enableTotp(ctx.store.db, { userId: ann, secretEnc: 'sealed', step: 1, codeHashes: ['h1'], sessionId, now: T0 });
    await insertPendingLogin(ctx.store.db, { id: 'p1', userId: ann, now: T0, expiresAt: '2026-11-30T10:05:00.000Z' });
    await softDeleteAccount(ctx.store.db, ann, T0);
    expect(await totpCredential(ctx.store.db, ann)).toBeUndefined();
    expect(await unusedRecoveryCodes(ctx.store.db, ann)).toBe(0);
    expect(await pendingLogin(ctx.store.db, 'p1', T0)).toBeUndefined();
  });
});
