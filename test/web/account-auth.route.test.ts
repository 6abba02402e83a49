// Sign-up, e-mail verification, log-in, log-out and sessions over HTTP, on both dialects: happy
// paths, 400s, 401/403s, session fixation, replayed cookies, lifetimes, enumeration safety.
import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { burnVerifyTime, hashSlots } from '../../src/commands/accounts/password-hasher.js';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '../../src/domain/account.js';
import { ORIGIN, PASSWORD, accountApp, logIn, postForm, postJson, sessionCookie, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeEachDialect('account routes: sign-up, verification, log-in, log-out', (ctx) => {
  describe('sign-up', () => {
    it('shows a form, creates an unverified account and mails a verification link (form and JSON)', async () => {
      const a = await accountApp(ctx.store);
      const form = await a.app.inject('/signup');
      expect(form.statusCode).toBe(200);
      expect(form.body).toMatch(/<form class="account-form" method="post" action="\/signup">/);
      expect(form.body).not.toMatch(/<script(?![^>]*\bsrc=)/);

      const res = await postForm(a.app, '/signup', { email: 'Ann@Example.org', password: PASSWORD });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Check your mail');
      expect(a.mailer.sent).toHaveLength(1);
      expect(a.mailer.sent[0]?.to).toBe('Ann@Example.org');
      expect(a.mailer.sent[0]?.text).toContain(`${ORIGIN}/verify-email?token=`);
      const row = await ctx.store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ email: 'Ann@Example.org', email_key: 'ann@example.org', email_verified_at: null, role: 'user' });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.display_name).toMatch(/^reader-[0-9a-f]{8}$/);

      const json = await postJson(a.app, '/api/signup', { email: 'bob@example.org', password: PASSWORD });
      expect(json.statusCode).toBe(200);
      expect(json.json()).toMatchObject({ ok: true });
      expect(json.headers['cache-control']).toBe('no-store');
    });

    it('answers an address that already has an account exactly like a new one, and mails it a note instead', async () => {
      const a = await accountApp(ctx.store);
      const first = await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
      const again = await postJson(a.app, '/api/signup', { email: 'ANN@example.org', password: 'another long passphrase' });
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
      expect(a.mailer.sent.map((m) => m.subject)).toEqual(['Paperboy: confirm your e-mail address', 'Paperboy: you already have an account']);
      expect(await ctx.store.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    });

    it('refuses bad input with 400: address, short or common password (the form is shown again)', async () => {
      const a = await accountApp(ctx.store);
      for (const body of [
        { email: 'not an address', password: PASSWORD },
        { email: 'ann@example.org' },
        { email: 'ann@example.org', password: 'short' },
        { email: 'ann@example.org', password: 'iloveyou' },
        { email: 'ann@example.org', password: 'Password1' },
        { email: 'ann@example.org', password: 'a'.repeat(5000) },
      ]) {
        const res = await postJson(a.app, '/api/signup', body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json()).toMatchObject({ error: 'bad_request' });
      }
      const form = await postForm(a.app, '/signup', { email: 'ann@example.org', password: 'superman' });
      expect(form.statusCode).toBe(400);
      expect(form.body).toContain('one of the most common passwords');
      expect(form.body).toContain('value="ann@example.org"');
      expect(form.body).not.toContain('superman');
      expect(a.mailer.sent).toEqual([]);
      expect(await ctx.store.db.selectFrom('users').select('id').execute()).toEqual([]);
    });

    it('accepts a 1,000-character password and needs every character of it to log in', async () => {
      const a = await accountApp(ctx.store);
      const long = Array.from({ length: 1000 }, (_, i) => 'abcdefghij'[i % 10]).join('') + 'Z';
      await verifiedUser(a, 'ann@example.org', long);
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org', password: long.slice(0, -1) + 'Y' })).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org', password: long.slice(0, 1000) })).statusCode).toBe(401);
    });

    it('refuses a form posted from another site (403)', async () => {
      const a = await accountApp(ctx.store);
      const res = await postForm(a.app, '/signup', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://evil.example' });
      expect(res.statusCode).toBe(403);
      expect(a.mailer.sent).toEqual([]);
    });
  });

  describe('e-mail verification', () => {
    it('opens a page whose button POSTs, verifies once, and refuses the link after that', async () => {
      const a = await accountApp(ctx.store);
      await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
      const token = a.mailer.tokenFor('/verify-email');
      const page = await a.app.inject(`/verify-email?token=${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<form class="account-form" method="post" action="\/verify-email">\s*<input type="hidden" name="token" value="[^"]+">/);
      // Opening the page (as a mail scanner would) verified nothing.
      expect((await ctx.store.db.selectFrom('users').select('email_verified_at').executeTakeFirstOrThrow()).email_verified_at).toBeNull();

      const res = await postForm(a.app, '/verify-email', { token });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?done=verified');
      expect((await ctx.store.db.selectFrom('users').select('email_verified_at').executeTakeFirstOrThrow()).email_verified_at).toBe(a.clock.time.toISOString());

      expect((await postForm(a.app, '/verify-email', { token })).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/verify-email', { token })).statusCode).toBe(400);
      const dead = await a.app.inject(`/verify-email?token=${token}`);
      expect(dead.statusCode).toBe(400);
      expect(dead.body).toContain('does not work');
    });

    it('refuses a link after 48 hours', async () => {
      const a = await accountApp(ctx.store);
      await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
      a.clock.advance(48 * HOUR + MINUTE);
      expect((await postJson(a.app, '/api/verify-email', { token: a.mailer.tokenFor('/verify-email') })).statusCode).toBe(400);
    });

    it('answers 400 to a missing or malformed token', async () => {
      const a = await accountApp(ctx.store);
      expect((await a.app.inject('/verify-email')).statusCode).toBe(400);
      expect((await a.app.inject('/verify-email?token=abc')).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/verify-email', {})).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/verify-email', { token: 'x'.repeat(43) })).statusCode).toBe(400);
    });

    it('resends the link to a logged-in unverified account; 400 once verified; 401/403 without session or token', async () => {
      const a = await accountApp(ctx.store);
      await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
      const first = a.mailer.tokenFor('/verify-email');
      const who = await logIn(a, 'ann@example.org');
      expect((await postJson(a.app, '/api/account/verification', {})).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/account/verification', {}, { ...who, csrf: 'wrong' })).statusCode).toBe(403);
      const res = await postForm(a.app, '/account/verification', {}, who);
      expect(res.statusCode).toBe(303);
      const second = a.mailer.tokenFor('/verify-email');
      expect(second).not.toBe(first);
      // Only the newest link works.
      expect((await postJson(a.app, '/api/verify-email', { token: first })).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/verify-email', { token: second })).statusCode).toBe(200);
      expect((await postJson(a.app, '/api/account/verification', {}, who)).statusCode).toBe(400);
    });
  });

  describe('log-in', () => {
    it('sets an HttpOnly SameSite=Lax cookie and redirects to the account page', async () => {
      const a = await accountApp(ctx.store);
      await verifiedUser(a, 'ann@example.org');
      const form = await a.app.inject('/login');
      expect(form.statusCode).toBe(200);
      const res = await postForm(a.app, '/login', { email: 'ANN@example.org', password: PASSWORD });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account');
      expect(res.headers['cache-control']).toBe('no-store');
      const set = String(res.headers['set-cookie']);
      expect(set).toMatch(/^paperboy_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
      const account = await a.app.inject({ url: '/account', headers: { cookie: sessionCookie(res) ?? '' } });
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('ann@example.org');
      expect(account.headers['cache-control']).toBe('no-store');
    });

    it('names the cookie __Host-… and marks it Secure when the site is on https', async () => {
      const a = await accountApp(ctx.store, { PAPERBOY_BASE_URL: 'https://paperboy.test' });
      await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://paperboy.test' });
      const res = await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://paperboy.test' });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-paperboy_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      const cookie = sessionCookie(res) ?? '';
      expect((await a.app.inject({ url: '/api/account', headers: { cookie } })).statusCode).toBe(200);
      // The plain name means nothing on an https site.
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: cookie.replace('__Host-', '') } })).statusCode).toBe(401);
    });

    it('gives a new session id at every log-in and ends the one the browser had (no fixation)', async () => {
      const a = await accountApp(ctx.store);
      const first = await verifiedUser(a, 'ann@example.org');
      const res = await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { cookie: first.cookie });
      const second = sessionCookie(res);
      expect(second).toBeDefined();
      expect(second).not.toBe(first.cookie);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: first.cookie } })).statusCode).toBe(401);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: second ?? '' } })).statusCode).toBe(200);
      // A cookie value the server never issued is never adopted.
      const planted = await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { cookie: `paperboy_session=${'A'.repeat(43)}` });
      expect(sessionCookie(planted)).not.toBe(`paperboy_session=${'A'.repeat(43)}`);
      const stored = await ctx.store.db.selectFrom('sessions').select('id').execute();
      expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    });

    it('answers an unknown address and a wrong password with the same 401, after the same hashing work', async () => {
      const a = await accountApp(ctx.store);
      await verifiedUser(a, 'ann@example.org');
      await burnVerifyTime('warm-up'); // makes the dummy hash once per process, outside the count
      const attempt = async (email: string) => {
        const before = hashSlots.runs;
        const json = await postJson(a.app, '/api/login', { email, password: 'not the password at all' });
        const form = await postForm(a.app, '/login', { email, password: 'not the password at all' });
        return { json: [json.statusCode, json.body], form: [form.statusCode, form.body.replace(/value="[^"]*@example.org"/, '')], hashes: hashSlots.runs - before };
      };
      const wrong = await attempt('ann@example.org');
      const unknown = await attempt('nobody@example.org');
      expect(wrong.json[0]).toBe(401);
      expect(unknown).toEqual(wrong);
      expect(wrong.hashes).toBe(2);
      expect(String(wrong.json[1])).toContain('The e-mail address or the password is not right.');
    });

    it('rehashes a stored hash weaker than the policy at log-in', async () => {
      const a = await accountApp(ctx.store);
      await verifiedUser(a, 'ann@example.org');
      const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await ctx.store.db.updateTable('users').set({ password_hash: weak }).execute();
      await logIn(a, 'ann@example.org');
      const stored = (await ctx.store.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow()).password_hash;
      expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await logIn(a, 'ann@example.org');
    });

    it('answers 400 to a malformed request and 403 to a foreign Origin', async () => {
      const a = await accountApp(ctx.store);
      await verifiedUser(a, 'ann@example.org');
      expect((await postJson(a.app, '/api/login', { email: 'ann', password: PASSWORD })).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org' })).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'null' })).statusCode).toBe(403);
      const foreign = await postForm(a.app, '/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://evil.example' });
      expect(foreign.statusCode).toBe(403);
      expect(sessionCookie(foreign)).toBeUndefined();
    });
  });

  describe('log-out and session lifetime', () => {
    it('deletes the session: the replayed cookie gets 401', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      const res = await postForm(a.app, '/logout', {}, who);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?done=logout');
      expect(String(res.headers['set-cookie'])).toMatch(/^paperboy_session=; Max-Age=0;/);
      expect(await ctx.store.db.selectFrom('sessions').select('id').execute()).toEqual([]);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: who.cookie } })).statusCode).toBe(401);
      expect((await a.app.inject({ url: '/account', headers: { cookie: who.cookie } })).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/logout', {}, who)).statusCode).toBe(401);
    });

    it('is POST only, and needs the session (401) and its CSRF token from this site (403)', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      expect((await a.app.inject({ url: '/logout', headers: { cookie: who.cookie } })).statusCode).toBe(404);
      expect((await postJson(a.app, '/api/logout', {})).statusCode).toBe(401);
      expect((await postForm(a.app, '/logout', { _csrf: '' }, { ...who, csrf: '' })).statusCode).toBe(403);
      expect((await postJson(a.app, '/api/logout', {}, who, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await postJson(a.app, '/api/logout', {}, who)).statusCode).toBe(200);
    });

    it(`ends a session after ${SESSION_IDLE_MINUTES} idle minutes and ${SESSION_ABSOLUTE_HOURS} hours after log-in`, async () => {
      const a = await accountApp(ctx.store);
      const idle = await verifiedUser(a, 'ann@example.org');
      const busy = await logIn(a, 'ann@example.org');
      a.clock.advance((SESSION_IDLE_MINUTES - 1) * MINUTE);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: busy.cookie } })).statusCode).toBe(200);
      a.clock.advance(2 * MINUTE);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: idle.cookie } })).statusCode).toBe(401);
      // Active every 20 minutes, the other session lives until the absolute limit.
      while (a.clock.time.getTime() + 20 * MINUTE < Date.parse('2026-11-30T10:00:00Z') + SESSION_ABSOLUTE_HOURS * HOUR) {
        a.clock.advance(20 * MINUTE);
        expect((await a.app.inject({ url: '/api/account', headers: { cookie: busy.cookie } })).statusCode).toBe(200);
      }
      a.clock.advance(20 * MINUTE);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: busy.cookie } })).statusCode).toBe(401);
      expect(await ctx.store.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    });

    it("deletes a user's expired sessions at their next log-in, even those never presented again", async () => {
      const a = await accountApp(ctx.store);
      const other = await verifiedUser(a, 'bob@example.org');
      await verifiedUser(a, 'ann@example.org');
      await logIn(a, 'ann@example.org');
      a.clock.advance((SESSION_IDLE_MINUTES + 1) * MINUTE);
      await logIn(a, 'ann@example.org');
      const rows = await ctx.store.db.selectFrom('sessions').select(['user_id']).execute();
      // Ann's two abandoned sessions are gone; Bob's (expired too) waits for Bob.
      expect(rows).toHaveLength(2);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: other.cookie } })).statusCode).toBe(401);
    });
  });
});
