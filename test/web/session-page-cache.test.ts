// The anonymous page cache never serves or stores a response for a request with a session cookie,
// and such responses are marked no-store; anonymous pages stay cached as before.
import { expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { PASSWORD, accountApp, postForm, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

const count = (body: string) => (JSON.parse(body) as { papers: unknown[] }).papers.length;

describeEachDialect('page cache and sessions', (ctx) => {
  it('a logged-in request neither reads nor fills the cache; its answer is no-store', async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_PAGE_CACHE_SECONDS: '300' });
    const who = await verifiedUser(a, 'ann@example.org');
    const stale = 'paperboy_session=' + 'Q'.repeat(43); // a cookie that names no session counts too

    // Logged-in first: the empty catalog is rendered but not stored.
    const emptyForUser = await a.app.inject({ url: '/api/papers', headers: { cookie: who.cookie } });
    expect(count(emptyForUser.body)).toBe(0);
    expect(emptyForUser.headers['cache-control']).toBe('no-store');
    await importHfDaily(ctx.store, HF_SAMPLES);
    const anonymous = await a.app.inject('/api/papers');
    expect(count(anonymous.body)).toBeGreaterThan(0);
    expect(anonymous.headers['cache-control']).toBeUndefined();

    // Anonymous fills the cache; logged-in and stale-cookie requests do not read it.
    const home = await a.app.inject('/');
    await ctx.store.db.deleteFrom('daily_entries').execute();
    expect((await a.app.inject('/')).body).toBe(home.body);
    for (const cookie of [who.cookie, stale]) {
      const fresh = await a.app.inject({ url: '/', headers: { cookie } });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.body).not.toBe(home.body);
      expect(fresh.headers['cache-control']).toBe('no-store');
    }
    // Static files stay cacheable for logged-in readers.
    const css = await a.app.inject({ url: '/static/style.css', headers: { cookie: who.cookie } });
    expect(css.headers['cache-control']).toMatch(/max-age/);
  });
});

describeEachDialect('security headers on account responses', (ctx) => {
  it('every response class (page, JSON, redirect, 400, 401, 403, 404) carries them, and no-store when a session is involved', async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_BASE_URL: 'https://paperboy.test' });
    await postJson(a.app, '/api/signup', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://paperboy.test' });
    const login = await postForm(a.app, '/login', { email: 'ann@example.org', password: PASSWORD }, undefined, { origin: 'https://paperboy.test' });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const responses = {
      redirect: login,
      page: await a.app.inject({ url: '/account', headers: { cookie } }),
      json: await a.app.inject({ url: '/api/account', headers: { cookie } }),
      badRequest: await postJson(a.app, '/api/login', { email: 'x' }, undefined, { origin: 'https://paperboy.test' }),
      unauthorized: await a.app.inject('/account'),
      forbidden: await postForm(a.app, '/logout', {}, undefined, { cookie, origin: 'https://paperboy.test' }),
      notFound: await a.app.inject({ url: '/account/nothing', headers: { cookie } }),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.statusCode]))).toEqual({
      redirect: 303, page: 200, json: 200, badRequest: 400, unauthorized: 401, forbidden: 403, notFound: 404,
    });
    for (const [kind, res] of Object.entries(responses)) {
      expect(res.headers['content-security-policy'], kind).toMatch(/script-src 'self'.*object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options'], kind).toBe('nosniff');
      expect(res.headers['referrer-policy'], kind).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security'], kind).toMatch(/max-age=\d+/);
    }
    for (const kind of ['redirect', 'page', 'json', 'badRequest', 'forbidden', 'notFound'] as const) {
      expect(responses[kind].headers['cache-control'], kind).toBe('no-store');
    }
  });
});
