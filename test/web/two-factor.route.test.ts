// Two-factor authentication over HTTP on both dialects: enrolment from the account page (QR code,
// secret, confirmation with password and code), the two-step log-in with a TOTP code computed
// from the secret (a used step refused), recovery codes (each works once), turning it off, the
// pending log-in's expiry and failure limit, 400/401/403 per route, and moderators refused
// moderation until their session has passed the second factor.
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { grantModerator } from '../../src/commands/moderation.js';
import { PENDING_LOGIN_MINUTES } from '../../src/commands/accounts/two-step-log-in.js';
import { RECOVERY_CODE_COUNT } from '../../src/domain/recovery-codes.js';
import { TOTP_STEP_SECONDS, totpCode } from '../../src/domain/totp.js';
import {
  ORIGIN,
  PASSWORD,
  accountApp,
  enrolTwoFactor,
  nextClientIp,
  postForm,
  postJson,
  sessionCookie,
  verifiedUser,
  type AccountApp,
  type LoggedIn,
} from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

const STEP_MS = TOTP_STEP_SECONDS * 1000;

function pendingCookie(res: LightMyRequestResponse): string | undefined {
  const cookie = res.cookies.find((c) => c.name.endsWith('paperboy_pending_login'));
  return cookie && cookie.value !== '' ? `${cookie.name}=${cookie.value}` : undefined;
}

/** The password step as a JSON client from its own address: the pending cookie, or undefined. */
async function passwordStep(a: AccountApp, email: string, password = PASSWORD): Promise<{ res: LightMyRequestResponse; pending: string | undefined }> {
  const res = await a.app.inject({ method: 'POST', url: '/api/login', payload: { email, password }, headers: { origin: ORIGIN }, remoteAddress: nextClientIp() });
  return { res, pending: pendingCookie(res) };
}

async function codeStep(a: AccountApp, pending: string | undefined, code: string) {
  return a.app.inject({ method: 'POST', url: '/api/login/two-factor', payload: { code }, headers: { origin: ORIGIN, ...(pending ? { cookie: pending } : {}) }, remoteAddress: nextClientIp() });
}

/** Logs in with password and code; the new session. */
async function logInWithCode(a: AccountApp, email: string, code: () => string): Promise<LoggedIn> {
  const { res, pending } = await passwordStep(a, email);
  expect(res.statusCode, res.body).toBe(200);
  const done = await codeStep(a, pending, code());
  expect(done.statusCode, done.body).toBe(200);
  const cookie = sessionCookie(done);
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: done.json<{ csrfToken: string }>().csrfToken };
}

const status = async (a: AccountApp, who: LoggedIn) => (await a.app.inject({ url: '/api/account/two-factor', headers: { cookie: who.cookie } })).json<{ enabled: boolean; sessionPassed: boolean; recoveryCodesLeft: number; pending: { secret: string; uri: string } | null }>();

describeEachDialect('two-factor routes', (ctx) => {
  it('enrols, logs out, logs in with password + TOTP, uses a recovery code once, turns it off', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');

    // The account page links to the set-up; the set-up page offers it; enrolment is a POST.
    expect((await a.app.inject({ url: '/account', headers: { cookie: ann.cookie } })).body).toContain('href="/account/two-factor"');
    const off = await a.app.inject({ url: '/account/two-factor', headers: { cookie: ann.cookie } });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain('action="/account/two-factor/setup"');
    expect((await postForm(a.app, '/account/two-factor/setup', {}, ann)).statusCode).toBe(303);
    const { pending } = await status(a, ann);
    if (!pending) throw new Error('no pending enrolment');
    expect(pending.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}/);
    const page = await a.app.inject({ url: '/account/two-factor', headers: { cookie: ann.cookie } });
    expect(page.body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(page.body).toContain(pending.secret);
    expect(page.body).toContain(`value="${ann.csrf}"`);
    expect(page.body).not.toMatch(/<script>|onload=/);
    // The secret is sealed in the database, never stored as typed into the app.
    const row = await ctx.store.db.selectFrom('totp_credentials').select('secret_enc').executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(pending.secret);

    // Confirmation: 403 wrong password, 400 wrong or missing code (the form shows the error).
    const code = () => totpCode(pending.secret, a.clock.now());
    expect((await postJson(a.app, '/api/account/two-factor/enable', { current_password: 'wrong password here', code: code() }, ann)).statusCode).toBe(403);
    const wrong = await postForm(a.app, '/account/two-factor/enable', { current_password: PASSWORD, code: code() === '000000' ? '111111' : '000000' }, ann);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('That code is not right');
    expect((await postJson(a.app, '/api/account/two-factor/enable', { current_password: PASSWORD }, ann)).statusCode).toBe(400);
    const enabled = await postJson(a.app, '/api/account/two-factor/enable', { current_password: PASSWORD, code: code() }, ann);
    expect(enabled.statusCode, enabled.body).toBe(200);
    const recovery = enabled.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(recovery).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recovery).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of recovery) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(await status(a, ann)).toMatchObject({ enabled: true, sessionPassed: true, recoveryCodesLeft: RECOVERY_CODE_COUNT, pending: null });
    expect((await postJson(a.app, '/api/account/two-factor/setup', {}, ann)).statusCode).toBe(400);
    // Only hashes are stored.
    const hashes = (await ctx.store.db.selectFrom('recovery_codes').select('code_hash').execute()).map((r) => r.code_hash);
    expect(hashes.some((h) => recovery.some((c) => h.includes(c.replace(/-/g, ''))))).toBe(false);

    expect((await postJson(a.app, '/api/logout', {}, ann)).statusCode).toBe(200);

    // Password step: no session yet, a pending cookie that opens nothing but the second step.
    const first = await passwordStep(a, 'ann@example.org');
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json()).toEqual({ ok: true, secondFactor: true, next: '/api/login/two-factor' });
    expect(sessionCookie(first.res)).toBeUndefined();
    expect(first.pending).toBeDefined();
    expect(first.res.cookies.find((c) => c.name.endsWith('paperboy_pending_login'))).toMatchObject({ httpOnly: true, sameSite: 'Strict', maxAge: PENDING_LOGIN_MINUTES * 60 });
    expect((await a.app.inject({ url: '/api/account', headers: { cookie: first.pending ?? '' } })).statusCode).toBe(401);
    // The code used at enrolment (same 30 s step) is refused; so is no cookie; the next step's code works.
    expect((await codeStep(a, first.pending, code())).statusCode).toBe(401);
    expect((await codeStep(a, undefined, code())).statusCode).toBe(401);
    a.clock.advance(STEP_MS);
    const second = await codeStep(a, first.pending, code());
    expect(second.statusCode, second.body).toBe(200);
    const session = sessionCookie(second);
    expect(session).toBeDefined();
    expect(session?.split('=')[1]).not.toBe(first.pending?.split('=')[1]);
    const bySession = { cookie: session ?? '', csrf: second.json<{ csrfToken: string }>().csrfToken };
    expect(await status(a, bySession)).toMatchObject({ enabled: true, sessionPassed: true });
    // The pending log-in is gone once used.
    a.clock.advance(STEP_MS);
    expect((await codeStep(a, first.pending, code())).statusCode).toBe(401);

    // A recovery code works once (typed in upper case with spaces: normalised).
    const [rc] = recovery;
    const withRecovery = await passwordStep(a, 'ann@example.org');
    expect((await codeStep(a, withRecovery.pending, ` ${(rc ?? '').toUpperCase().replace(/-/g, ' ')} `)).statusCode).toBe(200);
    const again = await passwordStep(a, 'ann@example.org');
    const reused = await codeStep(a, again.pending, rc ?? '');
    expect(reused.statusCode).toBe(401);
    expect(reused.json<{ message: string }>().message).toMatch(/not right/);
    expect((await status(a, bySession)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);

    // New recovery codes replace the old ones (password needed).
    expect((await postJson(a.app, '/api/account/two-factor/recovery-codes', { current_password: 'not the password' }, bySession)).statusCode).toBe(403);
    const regenerated = await postForm(a.app, '/account/two-factor/recovery-codes', { current_password: PASSWORD }, bySession);
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.body).toContain('recovery-codes');
    expect((await status(a, bySession)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT);
    const stale = await passwordStep(a, 'ann@example.org');
    expect((await codeStep(a, stale.pending, recovery[1] ?? '')).statusCode).toBe(401);

    // Off: needs the password and a code (403 otherwise); then log-in is one step again.
    a.clock.advance(STEP_MS);
    expect((await postJson(a.app, '/api/account/two-factor/disable', { current_password: PASSWORD, code: '12345x' }, bySession)).statusCode).toBe(403);
    expect((await postJson(a.app, '/api/account/two-factor/disable', { current_password: 'not the password', code: code() }, bySession)).statusCode).toBe(403);
    expect((await postJson(a.app, '/api/account/two-factor/disable', { current_password: PASSWORD }, bySession)).statusCode).toBe(400);
    const disabled = await postForm(a.app, '/account/two-factor/disable', { current_password: PASSWORD, code: code() }, bySession);
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe('/account/two-factor?done=off');
    expect(await status(a, bySession)).toMatchObject({ enabled: false, sessionPassed: false, recoveryCodesLeft: 0 });
    const plain = await passwordStep(a, 'ann@example.org');
    expect(sessionCookie(plain.res)).toBeDefined();
    expect(plain.pending).toBeUndefined();
  });

  it('ends a pending log-in after 5 minutes and after 5 wrong codes; the HTML step shows the form again', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const { secret } = await enrolTwoFactor(a, ann);
    const code = () => totpCode(secret, a.clock.now());
    a.clock.advance(STEP_MS);

    const late = await passwordStep(a, 'ann@example.org');
    a.clock.advance(PENDING_LOGIN_MINUTES * 60_000 + 1000);
    const expired = await codeStep(a, late.pending, code());
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ message: string }>().message).toMatch(/expired/);

    const tries = await passwordStep(a, 'ann@example.org');
    const bad = code() === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i += 1) expect((await codeStep(a, tries.pending, bad)).json<{ message: string }>().message).toMatch(/not right/);
    expect((await codeStep(a, tries.pending, bad)).json<{ message: string }>().message).toMatch(/Log in again/);
    expect((await codeStep(a, tries.pending, code())).statusCode).toBe(401);

    // The HTML forms: /login redirects to the second step, which shows the form again with the error.
    const form = await postForm(a.app, '/login', { email: 'ann@example.org', password: PASSWORD }, undefined, {});
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/login/two-factor');
    const pending = pendingCookie(form);
    expect((await a.app.inject({ url: '/login/two-factor' })).body).toContain('action="/login/two-factor"');
    const wrong = await a.app.inject({ method: 'POST', url: '/login/two-factor', payload: 'code=000x00', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: pending ?? '' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('action="/login/two-factor"');
    const right = await a.app.inject({ method: 'POST', url: '/login/two-factor', payload: `code=${code()}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: pending ?? '' } });
    expect(right.statusCode, right.body).toBe(303);
    expect(right.headers.location).toBe('/account');
    expect(sessionCookie(right)).toBeDefined();
  });

  it('answers 400 to bad bodies, 401 without a session, 403 to a foreign Origin', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    expect((await a.app.inject({ url: '/account/two-factor' })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/api/account/two-factor' })).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/account/two-factor/setup', {})).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/account/two-factor/enable', { current_password: PASSWORD, code: '123456' }, ann)).statusCode).toBe(400); // not started
    expect((await postJson(a.app, '/api/account/two-factor/enable', { current_password: PASSWORD, code: 'x'.repeat(65) }, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/account/two-factor/disable', { current_password: PASSWORD, code: '123456' }, ann)).statusCode).toBe(400); // not on
    expect((await postJson(a.app, '/api/account/two-factor/recovery-codes', { current_password: PASSWORD }, ann)).statusCode).toBe(400); // not on
    expect((await postJson(a.app, '/api/login/two-factor', {})).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/login/two-factor', { code: '123456' }, undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await a.app.inject({ url: '/account/two-factor?done=nope', headers: { cookie: ann.cookie } })).statusCode).toBe(400);
  });

  it('refuses moderation to a moderator without two-factor, with a page linking to the set-up', async () => {
    const a = await accountApp(ctx.store);
    const mod = await verifiedUser(a, 'mod@example.org');
    await grantModerator(ctx.store, a.clock.now, 'mod@example.org');
    const page = await a.app.inject({ url: '/moderation', headers: { cookie: mod.cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('href="/account/two-factor"');
    expect((await a.app.inject({ url: '/api/moderation', headers: { cookie: mod.cookie } })).statusCode).toBe(403);
    const hide = await postForm(a.app, '/moderation/papers/2611.00001/hide', { reason: 'spam' }, mod);
    expect(hide.statusCode).toBe(403);
    expect(hide.body).toContain('href="/account/two-factor"');
    expect((await postJson(a.app, '/api/moderation/papers/2611.00001/hide', { reason: 'spam' }, mod)).statusCode).toBe(403);
    // Deciding authorship claims is moderation too (refused before the claim is even looked up).
    expect((await postJson(a.app, '/api/moderation/claims/1/approve', { reason: 'ok' }, mod)).statusCode).toBe(403);

    // Another session, logged in before the enrolment, stays refused; the enrolling one moderates.
    const older = await verifiedUserSession(a, 'mod@example.org');
    const { secret } = await enrolTwoFactor(a, mod);
    expect((await a.app.inject({ url: '/moderation', headers: { cookie: mod.cookie } })).statusCode).toBe(200);
    expect((await postJson(a.app, '/api/moderation/claims/1/approve', { reason: 'ok' }, mod)).statusCode).toBe(404);
    const stale = await a.app.inject({ url: '/moderation', headers: { cookie: older.cookie } });
    expect(stale.statusCode).toBe(403);
    expect(stale.body).toContain('log in again with a code');
    // Logging in with the code passes.
    a.clock.advance(STEP_MS);
    const fresh = await logInWithCode(a, 'mod@example.org', () => totpCode(secret, a.clock.now()));
    expect((await a.app.inject({ url: '/api/moderation', headers: { cookie: fresh.cookie } })).statusCode).toBe(200);
    // A password change keeps the session's second factor.
    const changed = await postJson(a.app, '/api/account/password', { current_password: PASSWORD, new_password: `${PASSWORD} again` }, fresh);
    expect(changed.statusCode).toBe(200);
    const renewed = sessionCookie(changed) ?? '';
    expect((await a.app.inject({ url: '/api/moderation', headers: { cookie: renewed } })).statusCode).toBe(200);
  });
});

/** A second password-only session of an account without two-factor. */
async function verifiedUserSession(a: AccountApp, email: string): Promise<LoggedIn> {
  const { res } = await passwordStep(a, email);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('expected a one-step log-in');
  return { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
}
