// The database rate limiter (store/rate-limits.ts) on both dialects: the limit and its Retry-After
// time, rolling windows, work that throws or does not count records nothing, and at the limit
// concurrent requests pass exactly `limit` times: on PostgreSQL from two separate connection pools
// (as from two processes). On SQLite one store: better-sqlite3 is synchronous, so a second
// connection in the same process would block the event loop waiting for the first's write lock
// (across processes, BEGIN IMMEDIATE makes the second wait its turn).
import { expect, it } from 'vitest';
import { openMigratedStore } from '../../src/store/db.js';
import { countRateLimitHits, takeRateLimit, withinRateLimits, type RateLimit } from '../../src/store/rate-limits.js';
import { purgeRateLimitHits } from '../../src/store/votes.js';
import { describeEachDialect, freshTarget } from '../support/dialects.js';

const T0 = new Date('2026-11-30T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LOGIN: RateLimit = { action: 'login', subject: '203.0.113.7', limit: 3, windowMs: 60_000 };

describeEachDialect('rate limits', (ctx) => {
  it('passes `limit` hits per window, then refuses until the oldest counted hit leaves the window', async () => {
    expect((await takeRateLimit(ctx.store, LOGIN, at(0))).kind).toBe('done');
    expect((await takeRateLimit(ctx.store, LOGIN, at(10_000))).kind).toBe('done');
    expect((await takeRateLimit(ctx.store, LOGIN, at(20_000))).kind).toBe('done');
    const refused = await takeRateLimit(ctx.store, LOGIN, at(30_000));
    expect(refused).toEqual({ kind: 'limited', limit: LOGIN, retryAt: at(60_000).toISOString() });
    // A refused attempt is not a hit; other subjects and actions are counted apart.
    expect(await countRateLimitHits(ctx.store.db, 'login', LOGIN.subject, at(30_000), 60_000)).toBe(3);
    expect((await takeRateLimit(ctx.store, { ...LOGIN, subject: '203.0.113.8' }, at(30_000))).kind).toBe('done');
    expect((await takeRateLimit(ctx.store, { ...LOGIN, action: 'comment' }, at(30_000))).kind).toBe('done');
    // At the retry time the first hit has left the window (rolling, not fixed windows).
    expect((await takeRateLimit(ctx.store, LOGIN, at(59_999))).kind).toBe('limited');
    expect((await takeRateLimit(ctx.store, LOGIN, at(60_000))).kind).toBe('done');
    expect(await takeRateLimit(ctx.store, LOGIN, at(60_001))).toEqual({ kind: 'limited', limit: LOGIN, retryAt: at(70_000).toISOString() });
  });

  it('runs the work in the transaction; a throwing work and a result that does not count record nothing', async () => {
    const limit: RateLimit = { action: 'submit', subject: '42', limit: 1, windowMs: 5_000 };
    await expect(withinRateLimits(ctx.store, [limit], at(0), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await countRateLimitHits(ctx.store.db, 'submit', '42', at(0), 5_000)).toBe(0);
    const failedOnly = { counts: (ok: boolean) => !ok };
    expect(await withinRateLimits(ctx.store, [limit], at(0), async () => true, failedOnly)).toEqual({ kind: 'done', value: true });
    expect(await withinRateLimits(ctx.store, [limit], at(1), async () => false, failedOnly)).toEqual({ kind: 'done', value: false });
    let ran = false;
    const refused = await withinRateLimits(ctx.store, [limit], at(2), async () => {
      ran = true;
    });
    expect(refused.kind).toBe('limited');
    expect(ran).toBe(false);
  });

  it('with several limits, refuses on any and names the one that frees last', async () => {
    const short: RateLimit = { action: 'comment', subject: '7', limit: 1, windowMs: 30_000 };
    const day: RateLimit = { action: 'comment_day', subject: '7', limit: 2, windowMs: 86_400_000 };
    const insertOne = async (tx: typeof ctx.store.db) => {
      await tx.insertInto('rate_limit_hits').values({ action: 'marker', subject: '7', at: T0.toISOString() }).execute();
      return 'posted';
    };
    expect(await withinRateLimits(ctx.store, [short, day], at(0), insertOne)).toEqual({ kind: 'done', value: 'posted' });
    expect(await withinRateLimits(ctx.store, [short, day], at(10_000), insertOne)).toMatchObject({ kind: 'limited', limit: short, retryAt: at(30_000).toISOString() });
    expect((await withinRateLimits(ctx.store, [short, day], at(30_000), insertOne)).kind).toBe('done');
    expect(await withinRateLimits(ctx.store, [short, day], at(60_000), insertOne)).toMatchObject({ kind: 'limited', limit: day, retryAt: at(86_400_000).toISOString() });
    // The work ran twice, in the transactions that counted.
    expect(await countRateLimitHits(ctx.store.db, 'marker', '7', at(60_000), 86_400_000)).toBe(2);
  });

  it('lets exactly `limit` of many concurrent hits through (PostgreSQL: from two pools on one database)', async () => {
    const target = await freshTarget(ctx.dialect);
    const one = await openMigratedStore(target);
    const two = ctx.dialect === 'postgres' ? await openMigratedStore(target) : one;
    try {
      const limit: RateLimit = { action: 'login', subject: '198.51.100.1', limit: 5, windowMs: 60_000 };
      const outcomes = await Promise.all(Array.from({ length: 24 }, (_, i) => takeRateLimit(i % 2 === 0 ? one : two, limit, at(i))));
      expect(outcomes.filter((o) => o.kind === 'done')).toHaveLength(5);
      expect(await countRateLimitHits(one.db, 'login', '198.51.100.1', at(100), 60_000)).toBe(5);
    } finally {
      await one.close();
      if (two !== one) await two.close();
    }
  });

  it('purges hits older than a cut-off, idempotently', async () => {
    await takeRateLimit(ctx.store, LOGIN, at(0));
    await takeRateLimit(ctx.store, LOGIN, at(120_000));
    expect(await purgeRateLimitHits(ctx.store.db, at(60_000).toISOString())).toBe(1);
    expect(await purgeRateLimitHits(ctx.store.db, at(60_000).toISOString())).toBe(0);
    expect(await countRateLimitHits(ctx.store.db, 'login', LOGIN.subject, at(120_000), 60_000)).toBe(1);
  });
});
