// Subscription routes against the real app (in-memory mailer, movable clock), on both dialects:
// subscribe from any page's footer form with the same answer whatever the address's state, the
// confirmation page and its single-use, expiring POST, the token-authenticated manage page with its
// validation, RFC 8058 unsubscribe (GET asks, POST does it cookie-less; forged tokens change
// nothing), and the way in from account settings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { ORIGIN, PASSWORD, accountApp, logIn, postForm, postJson, verifiedUser, type AccountApp } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

async function statusOf(store: Store, email: string): Promise<string | undefined> {
  return (await store.db.selectFrom('subscriptions').select('status').where('email_key', '=', email.toLowerCase()).executeTakeFirst())?.status;
}

async function unsubscribeTokenOf(store: Store, email: string): Promise<string> {
  return (await store.db.selectFrom('subscriptions').select('unsubscribe_token').where('email_key', '=', email).executeTakeFirstOrThrow()).unsubscribe_token;
}

/** Subscribes and confirms through the JSON twins; returns the manage/unsubscribe token. */
async function activeSubscriber(a: AccountApp, email: string): Promise<string> {
  expect((await postJson(a.app, '/api/subscribe', { email })).statusCode).toBe(200);
  const res = await postJson(a.app, '/api/subscribe/confirm', { token: a.mailer.tokenFor('/subscribe/confirm', email) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ manageToken: string }>().manageToken;
}

const ONE_CLICK = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachDialect('subscription routes', (ctx) => {
  describe('subscribe', () => {
    it('every page has the footer form, without per-reader data, posting to /subscribe', async () => {
      const a = await accountApp(ctx.store);
      const page = await a.app.inject('/about/ranking');
      expect(page.body).toMatch(/<form class="footer-subscribe" method="post" action="\/subscribe">/);
      const footer = page.body.slice(page.body.indexOf('<footer'));
      expect(footer).not.toContain('_csrf');
    });

    it('answers the same for a new, pending, active and unsubscribed address; only the first three get mail', async () => {
      const a = await accountApp(ctx.store);
      const first = await postForm(a.app, '/subscribe', { email: 'Ann@Example.org' });
      expect(first.statusCode).toBe(200);
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('pending');
      expect(a.mailer.sent).toHaveLength(1);
      expect(a.mailer.sent[0]?.to).toBe('Ann@Example.org');
      expect(a.mailer.sent[0]?.text).toContain(`${ORIGIN}/subscribe/confirm?token=`);
      const pending = await postForm(a.app, '/subscribe', { email: 'ann@example.org' });
      expect(pending.body).toBe(first.body);
      await postJson(a.app, '/api/subscribe/confirm', { token: a.mailer.tokenFor('/subscribe/confirm') });
      const active = await postForm(a.app, '/subscribe', { email: 'ANN@example.org' });
      expect(active.body).toBe(first.body);
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('active');
      expect(a.mailer.sent.at(-1)?.subject).toBe('Paperboy: you are already subscribed');
      // The fourth mail in a day to one address is not sent; the answer does not change.
      const limited = await postForm(a.app, '/subscribe', { email: 'ann@example.org' });
      expect(limited.body).toBe(first.body);
      expect(a.mailer.sent).toHaveLength(3);
      const json = await postJson(a.app, '/api/subscribe', { email: 'bob@example.org' });
      expect(json.json()).toEqual({ ok: true, message: expect.stringContaining('open its link to confirm') as unknown });
    });

    it('400 for a missing or malformed address, 403 from another site', async () => {
      const a = await accountApp(ctx.store);
      const bad = await postForm(a.app, '/subscribe', { email: 'not-an-address' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('give a valid e-mail address');
      expect((await postJson(a.app, '/api/subscribe', {})).statusCode).toBe(400);
      expect((await postForm(a.app, '/subscribe', { email: 'x@example.org' }, undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect(a.mailer.sent).toHaveLength(0);
      expect(await ctx.store.db.selectFrom('subscriptions').select('id').execute()).toEqual([]);
    });
  });

  describe('confirm', () => {
    it('GET shows a button and changes nothing; the POST activates once; the link dies after 48 hours', async () => {
      const a = await accountApp(ctx.store);
      await postForm(a.app, '/subscribe', { email: 'ann@example.org' });
      const token = a.mailer.tokenFor('/subscribe/confirm');
      const page = await a.app.inject(`/subscribe/confirm?token=${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`name="token" value="${token}"`);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('pending');
      const pressed = await postForm(a.app, '/subscribe/confirm', { token });
      expect(pressed.statusCode).toBe(200);
      expect(pressed.body).toContain('You are subscribed');
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('active');
      expect((await postForm(a.app, '/subscribe/confirm', { token })).statusCode).toBe(400);
      expect((await a.app.inject(`/subscribe/confirm?token=${token}`)).statusCode).toBe(400);

      await postForm(a.app, '/subscribe', { email: 'late@example.org' });
      const late = a.mailer.tokenFor('/subscribe/confirm', 'late@example.org');
      a.clock.advance(48 * 3_600_000 + 1000);
      expect((await a.app.inject(`/subscribe/confirm?token=${late}`)).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/subscribe/confirm', { token: late })).statusCode).toBe(400);
      expect(await statusOf(ctx.store, 'late@example.org')).toBe('pending');
      expect((await postJson(a.app, '/api/subscribe/confirm', {})).statusCode).toBe(400);
      expect((await postJson(a.app, '/api/subscribe/confirm', { token: 'x' }, undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
    });
  });

  describe('manage', () => {
    it('shows and saves preferences by the token; JSON twin; never stored', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const page = await a.app.inject(`/subscription/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Digest for <strong>ann@example.org</strong>: active');
      expect(page.headers['cache-control']).toBe('no-store');
      const saved = await postForm(a.app, `/subscription/${token}`, {
        frequency: 'weekly', time_zone: 'Europe/Berlin', send_hour: '8', send_weekday: '5', categories: 'cs.LG, hep-th, cs.LG', keywords: 'diffusion,  graph   neural network',
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toContain('Saved.');
      const json = await a.app.inject(`/api/subscription/${token}`);
      expect(json.json()).toEqual({
        email: 'ann@example.org', status: 'active', frequency: 'weekly', timeZone: 'Europe/Berlin', sendHour: 8, sendWeekday: 5,
        categories: ['cs.LG', 'hep-th'], keywords: ['diffusion', 'graph neural network'],
      });
      const viaApi = await postJson(a.app, `/api/subscription/${token}`, { frequency: 'daily', time_zone: 'UTC', send_hour: 6, categories: ['math.AG'], keywords: [] });
      expect(viaApi.statusCode).toBe(200);
      expect(viaApi.json()).toMatchObject({ subscription: { frequency: 'daily', sendHour: 6, categories: ['math.AG'] } });
    });

    it('400 for a bad time zone, category, hour or keyword, and nothing is saved', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const base = { frequency: 'daily', time_zone: 'UTC', send_hour: '7', categories: '', keywords: '' };
      const cases: [Record<string, string>, string][] = [
        [{ time_zone: 'Mars/Olympus' }, 'IANA name'],
        [{ categories: 'cs.LG, not a category' }, 'is not an arXiv category'],
        [{ send_hour: '24' }, 'the hour is 0 to 23'],
        [{ keywords: 'x' }, 'at least 2 characters'],
        [{ keywords: 'k'.repeat(61) }, 'at most 60 characters'],
        [{ keywords: Array.from({ length: 21 }, (_, i) => `kw${i}`).join(',') }, 'at most 20 keywords'],
        [{ frequency: 'hourly' }, 'daily or weekly'],
      ];
      for (const [change, message] of cases) {
        const res = await postForm(a.app, `/subscription/${token}`, { ...base, ...change });
        expect(res.statusCode, JSON.stringify(change)).toBe(400);
        expect(res.body).toContain(message);
        expect((await postJson(a.app, `/api/subscription/${token}`, { ...base, ...change })).statusCode).toBe(400);
      }
      expect((await a.app.inject(`/api/subscription/${token}`)).json()).toMatchObject({ timeZone: 'UTC', sendHour: 7, categories: [], keywords: [] });
    });

    it('404 for unknown tokens, GET or POST, with nothing changed; 403 from another site', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const forged = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      expect((await a.app.inject(`/subscription/${forged}`)).statusCode).toBe(404);
      expect((await a.app.inject(`/api/subscription/${forged}`)).statusCode).toBe(404);
      expect((await postForm(a.app, `/subscription/${forged}`, { frequency: 'weekly', time_zone: 'UTC', send_hour: '1' })).statusCode).toBe(404);
      expect((await postJson(a.app, `/api/subscription/${forged}`, { frequency: 'weekly', time_zone: 'UTC', send_hour: 1 })).statusCode).toBe(404);
      expect((await postForm(a.app, `/subscription/${token}`, { frequency: 'weekly', time_zone: 'UTC', send_hour: '1' }, undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await a.app.inject(`/api/subscription/${token}`)).json()).toMatchObject({ frequency: 'daily', sendHour: 7 });
    });
  });

  describe('unsubscribe (RFC 8058)', () => {
    it('GET asks and changes nothing; a cookie-less one-click POST unsubscribes; repeating answers the same', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const ask = await a.app.inject(`/unsubscribe/${token}`);
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('active');
      const done = await a.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('No more digests go to <strong>ann@example.org</strong>');
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('unsubscribed');
      const again = await a.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' });
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(done.body);
    });

    it('accepts the multipart/form-data body too, and the JSON twin; ignores cookies and Origin', async () => {
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'bob@example.org');
      const token = await activeSubscriber(a, 'ann@example.org');
      const boundary = '----paperboy1234';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
      const res = await a.app.inject({
        method: 'POST', url: `/unsubscribe/${token}`, payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: who.cookie, origin: 'https://mail.example' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('unsubscribed');
      const other = await activeSubscriber(a, 'carol@example.org');
      const api = await a.app.inject({ method: 'POST', url: `/api/unsubscribe/${other}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' });
      expect(api.json()).toMatchObject({ ok: true, subscription: { email: 'carol@example.org', status: 'unsubscribed' } });
    });

    it('a forged token or a wrong body changes nothing (404 / 400)', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      const fake = await a.app.inject({ method: 'POST', url: `/unsubscribe/${forged}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' });
      expect(fake.statusCode).toBe(404);
      expect((await a.app.inject(`/unsubscribe/${forged}`)).statusCode).toBe(404);
      expect((await a.app.inject({ method: 'POST', url: '/unsubscribe/short', headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(404);
      expect((await a.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=Maybe' })).statusCode).toBe(400);
      expect((await a.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: ONE_CLICK, payload: '' })).statusCode).toBe(400);
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('active');
    });

    it('property: no token but the real one unsubscribes, whatever its shape', async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'ann@example.org');
      const before = await ctx.store.db.selectFrom('subscriptions').selectAll().execute();
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.string({ minLength: 1, maxLength: 80 })), async (guess) => {
          fc.pre(guess !== token);
          const res = await a.app.inject({ method: 'POST', url: `/unsubscribe/${encodeURIComponent(guess)}`, headers: ONE_CLICK, payload: 'List-Unsubscribe=One-Click' });
          expect([400, 404]).toContain(res.statusCode);
        }),
        { numRuns: 60 },
      );
      expect(await ctx.store.db.selectFrom('subscriptions').selectAll().execute()).toEqual(before);
    });
  });

  describe('from account settings', () => {
    it('401 without a session; subscribes the account address; then leads to the manage page', async () => {
      const a = await accountApp(ctx.store);
      expect((await a.app.inject('/account/subscription')).statusCode).toBe(401);
      expect((await postJson(a.app, '/api/account/subscription', {})).statusCode).toBe(401);
      const who = await verifiedUser(a, 'ann@example.org');
      const none = await a.app.inject({ url: '/account/subscription', headers: { cookie: who.cookie } });
      expect(none.statusCode).toBe(200);
      expect(none.body).toContain('You do not receive the digest yet.');
      expect((await a.app.inject({ url: '/account', headers: { cookie: who.cookie } })).body).toContain('href="/account/subscription"');
      expect((await postForm(a.app, '/account/subscription', {}, { cookie: who.cookie, csrf: 'wrong' })).statusCode).toBe(403);
      expect((await postForm(a.app, '/account/subscription', {}, who)).statusCode).toBe(200);
      expect(await statusOf(ctx.store, 'ann@example.org')).toBe('pending');
      await postJson(a.app, '/api/subscribe/confirm', { token: a.mailer.tokenFor('/subscribe/confirm', 'ann@example.org') });
      const token = await unsubscribeTokenOf(ctx.store, 'ann@example.org');
      const go = await a.app.inject({ url: '/account/subscription', headers: { cookie: who.cookie } });
      expect(go.statusCode).toBe(303);
      expect(go.headers.location).toBe(`/subscription/${token}`);
      const api = await a.app.inject({ url: '/api/account/subscription', headers: { cookie: who.cookie } });
      expect(api.json()).toMatchObject({ subscription: { email: 'ann@example.org', status: 'active' }, manageToken: token });
    });

    it("an unverified account with someone's address never reaches that address's manage page", async () => {
      const a = await accountApp(ctx.store);
      const token = await activeSubscriber(a, 'victim@example.org');
      expect((await postJson(a.app, '/api/signup', { email: 'victim@example.org', password: PASSWORD })).statusCode).toBe(200);
      const who = await logIn(a, 'victim@example.org');
      expect((await postForm(a.app, '/account/subscription', {}, who)).statusCode).toBe(200);
      const page = await a.app.inject({ url: '/account/subscription', headers: { cookie: who.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(token);
      expect((await a.app.inject({ url: '/api/account/subscription', headers: { cookie: who.cookie } })).json()).toEqual({ subscription: null });
      const row = await ctx.store.db.selectFrom('subscriptions').select(['user_id', 'status']).where('email_key', '=', 'victim@example.org').executeTakeFirstOrThrow();
      expect(row).toEqual({ user_id: null, status: 'active' });
    });
  });
});
