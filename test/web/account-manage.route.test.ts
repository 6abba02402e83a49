// The account page and the changes made from it, and password reset, over HTTP on both dialects.
import { describe, expect, it } from 'vitest';
import { PASSWORD, accountApp, logIn, postForm, postJson, sessionCookie, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

const HOUR = 3_600_000;
const NEW_PASSWORD = 'an even longer and stranger passphrase';

describeEachDialect('account routes: account page, reset, changes, deletion', (ctx) => {
  describe('account page', () => {
    it('shows the account with forms carrying the CSRF token; JSON twin whitelists fields; 401 without session', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      const page = await a.app.inject({ url: '/account', headers: { cookie: who.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`name="_csrf" value="${who.csrf}"`);
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
      const json = await a.app.inject({ url: '/api/account', headers: { cookie: who.cookie } });
      expect(Object.keys(json.json<object>()).sort()).toEqual(['csrfToken', 'displayName', 'email', 'emailVerified', 'id', 'role']);
      expect(json.json()).toMatchObject({ email: 'ann@example.org', emailVerified: true, role: 'user', csrfToken: who.csrf });
      expect(json.headers['cache-control']).toBe('no-store');
      const anonymous = await a.app.inject('/account');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).toContain('href="/login"');
      expect((await a.app.inject('/api/account')).json()).toMatchObject({ error: 'unauthorized' });
      expect((await a.app.inject({ url: '/account?done=bogus', headers: { cookie: who.cookie } })).statusCode).toBe(400);
    });
  });

  describe('password reset', () => {
    it('mails a single-use link; the new password works, the old does not, every session ends', async () => {
      const a = await accountApp(ctx.store);
      const other = await verifiedUser(a, 'ann@example.org');
      const form = await a.app.inject('/forgot-password');
      expect(form.statusCode).toBe(200);
      const res = await postForm(a.app, '/forgot-password', { email: 'ANN@example.org' });
      expect(res.statusCode).toBe(200);
      const token = a.mailer.tokenFor('/reset-password', 'ann@example.org');
      const page = await a.app.inject(`/reset-password?token=${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`name="token" value="${token}"`);

      const common = await postForm(a.app, '/reset-password', { token, password: 'football' });
      expect(common.statusCode).toBe(400);
      expect(common.body).toContain(`name="token" value="${token}"`);

      const done = await postForm(a.app, '/reset-password', { token, password: NEW_PASSWORD });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/login?done=reset');
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: other.cookie } })).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD })).statusCode).toBe(401);
      await logIn(a, 'ann@example.org', NEW_PASSWORD);
      expect((await postJson(a.app, '/api/reset-password', { token, password: 'yet another long passphrase' })).statusCode).toBe(400);
      expect((await a.app.inject(`/reset-password?token=${token}`)).statusCode).toBe(400);
    });

    it('answers an unknown address like a known one, and mails nothing', async () => {
      const a = await accountApp(ctx.store);
      await verifiedUser(a, 'ann@example.org');
      const sent = a.mailer.sent.length;
      const known = await postJson(a.app, '/api/forgot-password', { email: 'ann@example.org' });
      const unknown = await postJson(a.app, '/api/forgot-password', { email: 'nobody@example.org' });
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toBe(known.body);
      expect(a.mailer.sent.length).toBe(sent + 1);
    });

    it('expires the link after 48 hours; verifies an unverified address; 400 for bad input; 403 cross-site', async () => {
      const a = await accountApp(ctx.store);
      await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
      await postJson(a.app, '/api/forgot-password', { email: 'ann@example.org' });
      const late = a.mailer.tokenFor('/reset-password');
      a.clock.advance(48 * HOUR + 60_000);
      expect((await postJson(a.app, '/api/reset-password', { token: late, password: NEW_PASSWORD })).statusCode).toBe(400);
      await postJson(a.app, '/api/forgot-password', { email: 'ann@example.org' });
      const token = a.mailer.tokenFor('/reset-password');
      a.clock.advance(47 * HOUR);
      expect((await postJson(a.app, '/api/reset-password', { token, password: NEW_PASSWORD })).statusCode).toBe(200);
      expect((await ctx.store.db.selectFrom('users').select('email_verified_at').executeTakeFirstOrThrow()).email_verified_at).not.toBeNull();
      expect((await postJson(a.app, '/api/forgot-password', { email: 'nope' })).statusCode).toBe(400);
      expect((await a.app.inject('/reset-password')).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/reset-password', { password: NEW_PASSWORD })).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/forgot-password', { email: 'ann@example.org' }, undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
    });
  });

  describe('change of password', () => {
    it('needs the current password, logs out every other session and gives this browser a new one', async () => {
      const a = await accountApp(ctx.store);
      const here = await verifiedUser(a, 'ann@example.org');
      const there = await logIn(a, 'ann@example.org');
      const res = await postForm(a.app, '/account/password', { current_password: PASSWORD, new_password: NEW_PASSWORD }, here);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account?done=password');
      const fresh = sessionCookie(res);
      expect(fresh).toBeDefined();
      expect(fresh).not.toBe(here.cookie);
      for (const old of [here, there]) expect((await a.app.inject({ url: '/api/account', headers: { cookie: old.cookie } })).statusCode).toBe(401);
      const after = await a.app.inject({ url: '/account?done=password', headers: { cookie: fresh ?? '' } });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('Your password is changed');
      await logIn(a, 'ann@example.org', NEW_PASSWORD);
    });

    it('403 for a wrong current password, 400 for a common new one, 401/403 without session or token', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      const wrong = await postForm(a.app, '/account/password', { current_password: 'not it at all', new_password: NEW_PASSWORD }, who);
      expect(wrong.statusCode).toBe(403);
      expect(wrong.body).toContain('The current password is not right.');
      expect((await postJson(a.app, '/api/account/password', { current_password: PASSWORD, new_password: 'baseball' }, who)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/account/password', { current_password: PASSWORD }, who)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/account/password', { current_password: PASSWORD, new_password: NEW_PASSWORD })).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/account/password', { current_password: PASSWORD, new_password: NEW_PASSWORD }, { ...who, csrf: 'x' })).statusCode).toBe(403);
      await logIn(a, 'ann@example.org');
    });
  });

  describe('change of address', () => {
    it('mails a link to the new address; pressing its button moves the account, ends other sessions, tells the old address', async () => {
      const a = await accountApp(ctx.store);
      const here = await verifiedUser(a, 'ann@example.org');
      const there = await logIn(a, 'ann@example.org');
      const res = await postForm(a.app, '/account/email', { current_password: PASSWORD, new_email: 'ann@new.example' }, here);
      expect(res.statusCode).toBe(303);
      const token = a.mailer.tokenFor('/account/email/confirm', 'ann@new.example');
      // Nothing moves until the button is pressed.
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: here.cookie } })).json()).toMatchObject({ email: 'ann@example.org' });
      const page = await a.app.inject(`/account/email/confirm?token=${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('action="/account/email/confirm"');
      const done = await postForm(a.app, '/account/email/confirm', { token }, undefined, { cookie: here.cookie });
      expect(done.statusCode).toBe(200);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: here.cookie } })).json()).toMatchObject({ email: 'ann@new.example', emailVerified: true });
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: there.cookie } })).statusCode).toBe(401);
      expect(a.mailer.sent.at(-1)).toMatchObject({ to: 'ann@example.org', subject: 'Paperboy: your e-mail address was changed' });
      expect((await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD })).statusCode).toBe(401);
      await logIn(a, 'ann@new.example');
      expect((await postJson(a.app, '/api/account/email/confirm', { token })).statusCode).toBe(400);
    });

    it('403 for a wrong password, 400 for the same or a bad address or an address taken meanwhile, 401/403 without session or token', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      expect((await postJson(a.app, '/api/account/email', { current_password: 'wrong wrong wrong', new_email: 'ann@new.example' }, who)).statusCode).toBe(403);
      expect((await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'ANN@example.org' }, who)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'no' }, who)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'ann@new.example' })).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'ann@new.example' }, who, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'bob@example.org' }, who)).statusCode).toBe(200);
      await verifiedUser(a, 'bob@example.org');
      const res = await postJson(a.app, '/api/account/email/confirm', { token: a.mailer.tokenFor('/account/email/confirm') });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ message: 'Another account already uses that address.' });
    });
  });

  describe('deletion', () => {
    it('needs the current password; then the sessions end, log-in fails alike, and the address can sign up again', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      expect((await postJson(a.app, '/api/account/delete', { current_password: 'wrong wrong wrong' }, who)).statusCode).toBe(403);
      expect((await postJson(a.app, '/api/account/delete', {}, who)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/account/delete', { current_password: PASSWORD })).statusCode).toBe(401);
      expect((await postForm(a.app, '/account/delete', { current_password: PASSWORD }, { ...who, csrf: 'nope' })).statusCode).toBe(403);
      const res = await postForm(a.app, '/account/delete', { current_password: PASSWORD }, who);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Account deleted');
      expect(String(res.headers['set-cookie'])).toMatch(/Max-Age=0/);
      expect((await a.app.inject({ url: '/api/account', headers: { cookie: who.cookie } })).statusCode).toBe(401);
      const login = await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD });
      expect(login.statusCode).toBe(401);
      expect(login.json()).toMatchObject({ message: 'The e-mail address or the password is not right.' });
      await verifiedUser(a, 'ann@example.org');
    });
  });
});
