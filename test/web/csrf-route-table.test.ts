// CSRF and state-change fitness test over the app's whole route table (the onRoute hook records
// it): every cookie-authenticated POST/PUT/PATCH/DELETE (session, and token routes called with a
// cookie) refuses a missing token, a wrong token and a foreign or missing Origin with 403; every
// public one refuses a foreign Origin; every exempt one ignores cookies; every token route called
// with a bearer token ignores cookies, needs no CSRF token, refuses a token without its scope (403)
// and an unknown one (401); and no GET changes the database.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import type { Store } from '../../src/store/db.js';
import { API_SCOPES } from '../../src/domain/api-token.js';
import { exempt, routeTable, type RouteEntry } from '../../src/web/middleware/access.js';
import { ORIGIN, PASSWORD, accountApp, logIn, postJson, verifiedUser, type AccountApp, type LoggedIn } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Routes a browser's cookie authenticates: session routes, and token routes called without a bearer token. */
const cookieAuthenticated = (r: RouteEntry) => UNSAFE.includes(r.method) && (r.access?.kind === 'session' || r.access?.kind === 'token');

async function request(a: AccountApp, route: RouteEntry, who: LoggedIn | null, token: string | null, origin: string | null) {
  const api = route.url.startsWith('/api/');
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (origin !== null) headers.origin = origin;
  if (api) {
    if (token !== null) headers['x-csrf-token'] = token;
    return a.app.inject({ method: route.method as 'POST', url: route.url, headers, payload: {} });
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return a.app.inject({ method: route.method as 'POST', url: route.url, headers, payload: token === null ? '' : new URLSearchParams({ _csrf: token }).toString() });
}

/** Every row of every table, comparable (tables listed from the catalog of each dialect). */
async function dumpAll(store: Store): Promise<Record<string, string[]>> {
  const names =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db)
      : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(store.db);
  const out: Record<string, string[]> = {};
  for (const { name } of names.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(store.db);
    out[name] = rows.rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).sort();
  }
  return out;
}

describeEachDialect('route table: CSRF, Origin, exemptions, safe GETs', (ctx) => {
  it('declares access on every state-changing route, and refuses to start with an undeclared one', async () => {
    const a = await accountApp(ctx.store);
    await a.app.ready();
    const unsafe = routeTable(a.app).filter((r) => UNSAFE.includes(r.method));
    expect(unsafe.length).toBeGreaterThanOrEqual(20);
    expect(unsafe.filter((r) => r.access === null)).toEqual([]);
    expect(unsafe.filter((r) => r.access?.kind === 'session').length).toBeGreaterThanOrEqual(10);

    const bad = await accountApp(ctx.store);
    expect(() => bad.app.post('/undeclared', async () => ({}))).toThrow(/must declare config.access/);
  });

  it('every cookie-authenticated route: 401 without session; 403 for missing token, wrong token, foreign or missing Origin', async () => {
    const a = await accountApp(ctx.store);
    await verifiedUser(a, 'ann@example.org');
    await a.app.ready();
    const routes = routeTable(a.app).filter(cookieAuthenticated);
    expect(routes.filter((r) => r.access?.kind === 'token').length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const who = await logIn(a, 'ann@example.org');
      const name = `${route.method} ${route.url}`;
      expect((await request(a, route, null, who.csrf, ORIGIN)).statusCode, `${name} without session`).toBe(401);
      expect((await request(a, route, who, null, ORIGIN)).statusCode, `${name} without token`).toBe(403);
      expect((await request(a, route, who, who.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), ORIGIN)).statusCode, `${name} wrong token`).toBe(403);
      expect((await request(a, route, who, '', ORIGIN)).statusCode, `${name} empty token`).toBe(403);
      expect((await request(a, route, who, who.csrf, 'https://evil.example')).statusCode, `${name} foreign Origin`).toBe(403);
      expect((await request(a, route, who, who.csrf, 'http://paperboy.test.evil.example')).statusCode, `${name} look-alike Origin`).toBe(403);
      expect((await request(a, route, who, who.csrf, null)).statusCode, `${name} no Origin`).toBe(403);
      // Another session's token is a wrong token too.
      const other = await logIn(a, 'ann@example.org');
      expect((await request(a, route, who, other.csrf, ORIGIN)).statusCode, `${name} other session's token`).toBe(403);
      // With everything right the request gets past the checks (an empty body is then a 400, or it works).
      const ok = await request(a, route, who, who.csrf, ORIGIN);
      expect([401, 403], `${name} all right`).not.toContain(ok.statusCode);
    }
    // A Referer from this site stands in for a missing Origin (some browsers omit it).
    const who = await logIn(a, 'ann@example.org');
    const viaReferer = await a.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, referer: `${ORIGIN}/account` } });
    expect(viaReferer.statusCode).toBe(200);
  });

  it('every public state-changing route refuses a foreign or null Origin with 403', async () => {
    const a = await accountApp(ctx.store);
    await a.app.ready();
    const routes = routeTable(a.app).filter((r) => UNSAFE.includes(r.method) && r.access?.kind === 'public');
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      for (const origin of ['https://evil.example', 'null']) {
        expect((await request(a, route, null, null, origin)).statusCode, `${route.method} ${route.url} from ${origin}`).toBe(403);
      }
    }
  });

  it('every exempt route ignores cookies entirely', async () => {
    const a = await accountApp(ctx.store);
    // Besides the RFC 8058 unsubscribe routes, a route that echoes what it received proves the mechanism.
    a.app.post('/test-exempt', { config: { access: exempt('test: the exemption mechanism') } }, async (req) => ({ cookies: req.cookies, body: req.body }));
    const who = await verifiedUser(a, 'ann@example.org');
    await a.app.ready();
    const routes = routeTable(a.app).filter((r) => UNSAFE.includes(r.method) && r.access?.kind === 'exempt');
    expect(routes.map((r) => r.url)).toContain('/test-exempt');
    for (const route of routes) {
      const without = await a.app.inject({ method: route.method as 'POST', url: route.url, payload: {} });
      const withCookie = await a.app.inject({ method: route.method as 'POST', url: route.url, payload: {}, headers: { cookie: `${who.cookie}; other=1`, 'x-csrf-token': who.csrf } });
      expect(withCookie.statusCode).toBe(without.statusCode);
      expect(withCookie.body).toBe(without.body);
      expect(withCookie.headers['set-cookie']).toBeUndefined();
    }
  });

  it('every token route with a bearer token: cookies ignored, no CSRF token or Origin needed, 403 without the scope, 401 unknown', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    await a.app.ready();
    const routes = routeTable(a.app).filter((r) => UNSAFE.includes(r.method) && r.access?.kind === 'token');
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const tokenWith = async (scopes: readonly string[]) => {
      const res = await postJson(a.app, '/api/account/tokens', { name: 'table', scopes }, ann);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ token: string }>().token;
    };
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const access = route.access;
      if (access?.kind !== 'token') throw new Error('filtered above');
      // Only /api routes take tokens: HTML forms are for browsers and their sessions.
      expect(route.url.startsWith('/api/'), name).toBe(true);
      const send = (token: string, headers: Record<string, string>) =>
        a.app.inject({ method: route.method as 'POST', url: route.url, payload: {}, headers: { authorization: `Bearer ${token}`, ...headers } });
      const right = await tokenWith([access.scope]);
      const others = API_SCOPES.filter((s) => s !== access.scope);
      const wrong = await tokenWith(others);
      // Bob's valid cookie and CSRF token change nothing: an unknown token is still a 401 …
      const bobs = { cookie: bob.cookie, 'x-csrf-token': bob.csrf, origin: ORIGIN };
      expect((await send(`pbt_${'x'.repeat(43)}`, bobs)).statusCode, `${name} unknown token`).toBe(401);
      expect((await send('', bobs)).statusCode, `${name} empty token`).toBe(401);
      // … a token without the scope a 403 …
      expect((await send(wrong, bobs)).statusCode, `${name} token without ${access.scope}`).toBe(403);
      // … and the right token gets past the checks with no CSRF token, a foreign Origin and Bob's cookie.
      const ok = await send(right, { cookie: bob.cookie, origin: 'https://evil.example' });
      expect([401, 403], `${name} right token`).not.toContain(ok.statusCode);
      expect(ok.headers['set-cookie'], name).toBeUndefined();
      const same = await send(right, {});
      expect(same.statusCode, `${name} same answer with or without cookies`).toBe(ok.statusCode);
    }
  });

  describe('GET and HEAD', () => {
    it('no GET or HEAD of any route changes the database, logged in or not, with live e-mailed links', async () => {
      await importHfDaily(ctx.store, HF_SAMPLES);
      const a = await accountApp(ctx.store);
      const who = await verifiedUser(a, 'ann@example.org');
      await postJson(a.app, '/api/account/verification', {}, who).catch(() => undefined);
      await postJson(a.app, '/api/forgot-password', { email: 'ann@example.org' });
      await postJson(a.app, '/api/account/email', { current_password: PASSWORD, new_email: 'ann@new.example' }, who);
      // A pending and an active digest subscription: their confirmation, manage and unsubscribe pages.
      await postJson(a.app, '/api/subscribe', { email: 'sub@example.org' });
      await postJson(a.app, '/api/subscribe', { email: 'ann@example.org' });
      await postJson(a.app, '/api/subscribe/confirm', { token: a.mailer.tokenFor('/subscribe/confirm', 'ann@example.org') });
      const subscription = await ctx.store.db.selectFrom('subscriptions').select('unsubscribe_token').where('email_key', '=', 'ann@example.org').executeTakeFirstOrThrow();
      const paper = await ctx.store.db.selectFrom('papers').select('id').orderBy('id').executeTakeFirstOrThrow();
      const author = await ctx.store.db.selectFrom('paper_authors').select('name').where('paper_id', '=', paper.id).executeTakeFirstOrThrow();
      const category = (await ctx.store.db.selectFrom('paper_categories').select('category').executeTakeFirst()) ?? { category: 'cs.CL' };
      const tokens: Record<string, string> = {
        '/reset-password': a.mailer.tokenFor('/reset-password'),
        '/account/email/confirm': a.mailer.tokenFor('/account/email/confirm'),
        '/subscribe/confirm': a.mailer.tokenFor('/subscribe/confirm', 'sub@example.org'),
      };
      await a.app.ready();
      const urls = routeTable(a.app)
        .filter((r) => r.method === 'GET' || r.method === 'HEAD')
        .map((r) => {
          let url = r.url
            .replace('/static/*', '/static/style.css')
            .replace('/papers/week/:key', '/papers/week/2026-W34')
            .replace('/papers/month/:key', '/papers/month/2026-08')
            .replace(/\/papers\/\*$/, `/papers/${paper.id}`)
            .replace(':name', encodeURIComponent(author.name))
            .replace(':cat', category.category)
            .replace(':who', '1')
            .replace(':token', subscription.unsubscribe_token)
            .replace(':file', '20260101T000000000Z-000001-00000000.eml');
          if (r.url.includes('search')) url += '?q=model';
          if (tokens[r.url]) url += `?token=${tokens[r.url]}`;
          return { method: r.method as 'GET' | 'HEAD', url };
        });
      expect(urls.every((u) => !u.url.includes(':'))).toBe(true);
      const before = await dumpAll(ctx.store);
      // The clock stands still, so even a session's last-seen time has no reason to move.
      for (const cookie of [undefined, who.cookie]) {
        for (const { method, url } of urls) {
          const res = await a.app.inject({ method, url, headers: cookie ? { cookie } : {} });
          // (Search answers 501 where a dialect lacks a search mode; that is not a failure.)
          expect(res.statusCode, `${method} ${url}`).not.toBe(500);
        }
      }
      expect(await dumpAll(ctx.store)).toEqual(before);
      expect(Object.keys(before)).toEqual(expect.arrayContaining(['users', 'sessions', 'email_tokens', 'papers', 'subscriptions']));
      expect(before.subscriptions).toHaveLength(2);
    });
  });
});
