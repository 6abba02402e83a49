// Abuse limits over HTTP on both dialects (issue 5, item 10), each a 429 with Retry-After: log-in
// attempts per client IP (failed and successful; the second-factor step too), with the client IP
// from a trusted proxy header only when one is configured; comments at least 5 s apart (30 s for
// new accounts) and at most 10 on a new account's first day.
import { expect, it } from 'vitest';
import { COMMENT_INTERVAL_S, LOGIN_ATTEMPTS_PER_WINDOW, NEW_ACCOUNT_COMMENTS_PER_WINDOW, NEW_ACCOUNT_COMMENT_INTERVAL_S } from '../../src/domain/rate-limits.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { dayOf } from '../../src/domain/period.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import type { Store } from '../../src/store/db.js';
import { ORIGIN, PASSWORD, accountApp, enrolTwoFactor, postForm, postJson, verifiedUser, type AccountApp } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

const PAPER = arxivIdOrThrow('2611.00001');

async function addPaper(store: Store): Promise<void> {
  await upsertDailyBatch(store.db, [{ id: PAPER, title: 'A paper', abstract: 'About it.', publishedAt: '2026-11-01T00:00:00Z' }], [
    { day: dayOf(new Date('2026-11-30T00:00:00Z')), paperId: PAPER, source: 'hf-daily' as const, baseline: null },
  ]);
}

function attempt(a: AccountApp, password: string, socket: string, headers: Record<string, string> = {}) {
  return a.app.inject({ method: 'POST', url: '/api/login', payload: { email: 'ann@example.org', password }, headers: { origin: ORIGIN, ...headers }, remoteAddress: socket });
}

describeEachDialect('abuse limits', (ctx) => {
  it(`allows ${LOGIN_ATTEMPTS_PER_WINDOW} log-in attempts a minute per client IP, failed or not, then 429 with Retry-After`, async () => {
    const a = await accountApp(ctx.store);
    await verifiedUser(a, 'ann@example.org');
    expect((await attempt(a, 'wrong password one', '192.0.2.1')).statusCode).toBe(401);
    expect((await attempt(a, PASSWORD, '192.0.2.1')).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW - 2; i += 1) expect((await attempt(a, 'wrong password two', '192.0.2.1')).statusCode).toBe(401);
    a.clock.advance(20_000);
    const limited = await attempt(a, PASSWORD, '192.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('40');
    expect(limited.json()).toMatchObject({ error: 'too_many_requests' });
    // The HTML form too, shown again with the message and the header.
    const form = await a.app.inject({ method: 'POST', url: '/login', payload: `email=ann%40example.org&password=x`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, remoteAddress: '192.0.2.1' });
    expect(form.statusCode).toBe(429);
    expect(form.headers['retry-after']).toBe('40');
    expect(form.body).toContain('Too many log-in attempts');
    // Another client is not affected; after the window the first may try again.
    expect((await attempt(a, PASSWORD, '192.0.2.2')).statusCode).toBe(200);
    a.clock.advance(40_000);
    expect((await attempt(a, PASSWORD, '192.0.2.1')).statusCode).toBe(200);
  });

  it('counts the second-factor step against the same per-IP limit', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    await enrolTwoFactor(a, ann);
    const first = await attempt(a, PASSWORD, '192.0.2.9');
    const pending = first.cookies.find((c) => c.name.endsWith('paperboy_pending_login'));
    expect(pending).toBeDefined();
    const codeStep = () =>
      a.app.inject({ method: 'POST', url: '/api/login/two-factor', payload: { code: '000000' }, headers: { origin: ORIGIN, cookie: `${pending?.name}=${pending?.value}` }, remoteAddress: '192.0.2.9' });
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW - 1; i += 1) expect((await codeStep()).statusCode).toBe(401);
    const limited = await codeStep();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ignores a client-sent X-Forwarded-For when no trusted proxy is configured', async () => {
    const a = await accountApp(ctx.store);
    await verifiedUser(a, 'ann@example.org');
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i += 1) {
      expect((await attempt(a, 'wrong password', '192.0.2.1', { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` })).statusCode).toBe(401);
    }
    expect((await attempt(a, PASSWORD, '192.0.2.1', { 'x-forwarded-for': '198.51.100.200' })).statusCode).toBe(429);
  });

  it('uses the configured proxy header: the last X-Forwarded-For entry is the client, a spoofed prefix is not', async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_TRUSTED_PROXY_HEADER: 'X-Forwarded-For' });
    await verifiedUser(a, 'ann@example.org');
    // Every request arrives from the proxy's socket; the clients differ by header.
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i += 1) {
      expect((await attempt(a, 'wrong password', '10.0.0.1', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` })).statusCode).toBe(401);
    }
    expect((await attempt(a, PASSWORD, '10.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
    expect((await attempt(a, PASSWORD, '10.0.0.1', { 'x-forwarded-for': '198.51.100.7, 198.51.100.8' })).statusCode).toBe(200);

    const realIp = await accountApp(ctx.store, { PAPERBOY_TRUSTED_PROXY_HEADER: 'x-real-ip' });
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW + 2; i += 1) {
      expect((await attempt(realIp, PASSWORD, '10.0.0.1', { 'x-real-ip': `203.0.113.${100 + i}` })).statusCode).toBe(200);
    }
  });

  it(`keeps comments ${COMMENT_INTERVAL_S} s apart (429 with Retry-After); edits are not limited`, async () => {
    await addPaper(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const first = await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'one' }, ann);
    expect(first.statusCode).toBe(200);
    a.clock.advance(2_000);
    const soon = await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'two' }, ann);
    expect(soon.statusCode).toBe(429);
    expect(soon.headers['retry-after']).toBe('3');
    expect(soon.json<{ message: string }>().message).toMatch(/at least 5 seconds apart/);
    const form = await postForm(a.app, `/papers/${PAPER}/comments`, { body: 'two' }, ann);
    expect(form.statusCode).toBe(429);
    expect(form.headers['retry-after']).toBe('3');
    expect((await postJson(a.app, `/api/comments/${first.json<{ id: number }>().id}/edit`, { body: 'one, edited' }, ann)).statusCode).toBe(200);
    // Another reader is not affected; a refused comment was not stored.
    const bob = await verifiedUser(a, 'bob@example.org');
    expect((await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'bob' }, bob)).statusCode).toBe(200);
    a.clock.advance(3_000);
    expect((await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'two' }, ann)).statusCode).toBe(200);
    expect(await ctx.store.db.selectFrom('comments').select('id').execute()).toHaveLength(3);
  });

  it(`limits new accounts to one comment per ${NEW_ACCOUNT_COMMENT_INTERVAL_S} s and ${NEW_ACCOUNT_COMMENTS_PER_WINDOW} on the first day`, async () => {
    await addPaper(ctx.store);
    const a = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '72' });
    const ann = await verifiedUser(a, 'ann@example.org');
    const post = (body: string) => postJson(a.app, `/api/papers/${PAPER}/comments`, { body }, ann);
    expect((await post('c0')).statusCode).toBe(200);
    a.clock.advance(COMMENT_INTERVAL_S * 1000);
    const early = await post('too early');
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe(String(NEW_ACCOUNT_COMMENT_INTERVAL_S - COMMENT_INTERVAL_S));
    for (let i = 1; i < NEW_ACCOUNT_COMMENTS_PER_WINDOW; i += 1) {
      a.clock.advance(NEW_ACCOUNT_COMMENT_INTERVAL_S * 1000);
      // Sessions end after 30 idle minutes; this one is used every 30 s.
      expect((await post(`c${i}`)).statusCode).toBe(200);
    }
    a.clock.advance(NEW_ACCOUNT_COMMENT_INTERVAL_S * 1000);
    const daily = await post('eleventh');
    expect(daily.statusCode).toBe(429);
    expect(daily.json<{ message: string }>().message).toMatch(/New accounts can post 10 comments in 24 hours/);
    // The first comment leaves the 24 h window at 10:00:00 the next day (posted at 10:00:00 + the sign-up's 0 s).
    const firstAt = Date.parse('2026-11-30T10:00:00Z');
    expect(Number(daily.headers['retry-after'])).toBe(Math.ceil((firstAt + 24 * 3_600_000 - a.clock.now().getTime()) / 1000));
  });
});
