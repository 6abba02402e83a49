// /trending and /api/trending over HTTP, on both dialects, with the clock fixed: order by votes with
// time decay per window, votes of new accounts kept on the paper but not counted, the fallback
// window of a catalog with nothing recent, validation, and the about-ranking page.
import { expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import type { ArxivId } from '../../src/domain/arxiv-id.js';
import type { Day } from '../../src/domain/period.js';
import { TRENDING_GRAVITY } from '../../src/domain/ranking.js';
import { insertVote } from '../../src/store/votes.js';
import { accountApp, logIn, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';
import { addAccount, addPapers, paperId } from '../support/votes.js';

// The test clock (support/accounts.ts) reads 2026-11-30T10:00:00Z.
const TODAY = '2026-11-30' as Day;
const LONG_AGO = '2025-01-01T00:00:00.000Z';
const HOUR = 3_600_000;

interface TrendingJson {
  window: { name: string; first: string | null; last: string; fellBack: boolean };
  total: number;
  papers: { paper: { id: string; upvotes: number }; trending: { score: number; countedVotes: number } }[];
}

describeEachDialect('trending routes', (ctx) => {
  /** `votes` votes on `id` from aged accounts (created long ago). */
  async function votesFrom(id: ArxivId, votes: number, voters: number[]) {
    for (const user of voters.slice(0, votes)) await insertVote(ctx.store.db, id, user, '2026-11-30T09:00:00.000Z');
  }

  it('ranks by votes with time decay, the window deciding how fast it forgets', async () => {
    const [a, b, c, old] = [paperId(1), paperId(2), paperId(3), paperId(4)];
    await addPapers(ctx.store, [a], TODAY);
    await addPapers(ctx.store, [b], '2026-11-27' as Day);
    await addPapers(ctx.store, [c], '2026-11-24' as Day);
    await addPapers(ctx.store, [old], '2026-11-05' as Day);
    const voters = await Promise.all(Array.from({ length: 9 }, (_, i) => addAccount(ctx.store, `v${i}@example.org`, LONG_AGO)));
    await votesFrom(a, 2, voters);
    await votesFrom(b, 5, voters);
    await votesFrom(c, 7, voters);
    await votesFrom(old, 9, voters);
    const a0 = await accountApp(ctx.store);
    const get = async (window: string) => (await a0.app.inject(`/api/trending?window=${window}`)).json<TrendingJson>();
    const ids = (t: TrendingJson) => t.papers.map((p) => p.paper.id);

    expect(ids(await get('day'))).toEqual([a]);
    // Week: 5 votes 3 days old beat 7 votes 6 days old and 2 votes today.
    const week = await get('week');
    expect(ids(week)).toEqual([b, c, a]);
    expect(week.window).toEqual({ name: 'week', first: '2026-11-24', last: TODAY, fellBack: false });
    const scores = week.papers.map((p) => p.trending.score);
    expect(scores[0]).toBeCloseTo(5 / (3 * 24 + 10 + 168) ** TRENDING_GRAVITY, 8);
    expect(week.papers.map((p) => p.trending.countedVotes)).toEqual([5, 7, 2]);
    expect(ids(await get('month'))).toEqual([c, b, old, a]);
    // All time: a year's offset, so mostly votes.
    expect(ids(await get('all'))).toEqual([old, c, b, a]);
    // The default is the week; the HTML page lists the same order.
    expect(ids((await a0.app.inject('/api/trending')).json<TrendingJson>())).toEqual([b, c, a]);
    const html = (await a0.app.inject('/trending')).body;
    const order = [...html.matchAll(/data-vote="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([b, c, a]);
    expect(html).toContain('<strong aria-current="page">week</strong>');
    expect(html).toContain('href="/about/ranking"');
  });

  it('lets a paper that was never featured trend from its publication day once it has votes', async () => {
    const [featured, unfeatured, silent] = [paperId(1), paperId(2), paperId(3)];
    await addPapers(ctx.store, [featured], '2026-11-28' as Day);
    await addPapers(ctx.store, [unfeatured, silent], null, 0, '2026-11-29T17:00:00Z');
    const voters = await Promise.all(Array.from({ length: 3 }, (_, i) => addAccount(ctx.store, `v${i}@example.org`, LONG_AGO)));
    await votesFrom(featured, 1, voters);
    await votesFrom(unfeatured, 3, voters);
    const a = await accountApp(ctx.store);
    const week = (await a.app.inject('/api/trending?window=week')).json<TrendingJson>();
    expect(week.papers.map((p) => p.paper.id)).toEqual([unfeatured, featured]);
    expect(week.papers[0]).toMatchObject({ publishedAt: '2026-11-29T00:00:00.000Z', submitter: { kind: 'source', name: 'arXiv' } });
    // Nothing featured today: the day window ends on the newest day with a paper, the unfeatured one's.
    const day = (await a.app.inject('/api/trending?window=day')).json<TrendingJson>();
    expect(day.window).toEqual({ name: 'day', first: '2026-11-29', last: '2026-11-29', fellBack: true });
    expect(day.papers.map((p) => p.paper.id)).toEqual([unfeatured]);
  });

  it('keeps votes of new accounts on the paper but leaves them out of trending', async () => {
    const [x, y] = [paperId(1), paperId(2)];
    await addPapers(ctx.store, [x, y], '2026-12-03' as Day);
    const a = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '72' });
    await verifiedUser(a, 'ann@example.org');
    a.clock.advance(73 * HOUR); // Ann is 73 hours old now (and must log in again)
    const ann = await logIn(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org'); // brand new
    expect((await postJson(a.app, `/api/papers/${x}/vote`, {}, ann)).statusCode).toBe(200);
    expect((await postJson(a.app, `/api/papers/${y}/vote`, {}, bob)).statusCode).toBe(200);
    expect((await postJson(a.app, `/api/papers/${x}/vote`, {}, bob)).statusCode).toBe(200);

    const t = (await a.app.inject('/api/trending?window=day')).json<TrendingJson>();
    expect(t.papers.map((p) => [p.paper.id, p.trending.countedVotes, p.paper.upvotes])).toEqual([[x, 1, 2]]);
    // Bob's vote still shows on the paper.
    expect((await a.app.inject(`/api/papers/${y}`)).json<{ upvotes: number }>().upvotes).toBe(1);
    expect((await a.app.inject(`/papers/${y}`)).body).toContain('<span class="here">1</span> here');
    const page = await a.app.inject('/trending?window=day');
    expect(page.body).toContain('1 papers');
    // Without a waiting period every vote counts.
    const open = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '0' });
    open.clock.advance(73 * HOUR);
    const all = (await open.app.inject('/api/trending?window=day')).json<TrendingJson>();
    expect(all.papers.map((p) => [p.paper.id, p.trending.countedVotes])).toEqual([[x, 2], [y, 1]]);
  });

  it('ends the default window at the latest papers when the catalog has nothing recent, and says so', async () => {
    await importHfDaily(ctx.store, HF_SAMPLES); // latest featured day: 2026-08-21; the clock: 2026-11-30
    const a = await accountApp(ctx.store);
    const t = (await a.app.inject('/api/trending')).json<TrendingJson>();
    expect(t.window).toEqual({ name: 'week', first: '2026-08-15', last: '2026-08-21', fellBack: true });
    expect(t.total).toBe(17);
    // Ranked by the HF baseline at the end of that day (no votes here yet): most upvotes first.
    expect(t.papers[0]?.paper).toMatchObject({ id: '2608.19880', upvotes: 163 });
    const page = await a.app.inject('/trending');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nothing in this catalog is from the past week, so this week ends at the newest papers it has (21 Aug 2026).');
    const day = (await a.app.inject('/api/trending?window=day')).json<TrendingJson>();
    expect(day.window).toMatchObject({ first: '2026-08-21', last: '2026-08-21', fellBack: true });
    // "all" needs no fallback: it covers everything.
    const all = (await a.app.inject('/api/trending?window=all')).json<TrendingJson>();
    expect(all.window).toEqual({ name: 'all', first: null, last: TODAY, fellBack: false });
    // 39 papers; one has no upvotes anywhere, so it does not trend.
    expect(all.total).toBe(38);
    expect((await a.app.inject('/trending?window=all')).body).not.toContain('Nothing in this catalog is from the past');
  });

  it('an empty catalog shows an empty page; bad windows and pages are 400', async () => {
    const a = await accountApp(ctx.store);
    const empty = await a.app.inject('/trending');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No papers were featured in this window.');
    expect((await a.app.inject('/trending?window=year')).statusCode).toBe(400);
    expect((await a.app.inject('/api/trending?window=year')).json()).toMatchObject({ error: 'bad_request' });
    expect((await a.app.inject('/trending?p=-1')).statusCode).toBe(400);
  });

  it('explains the ranking on /about/ranking with the constants in force', async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '72' });
    const page = await a.app.inject('/about/ranking');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`(age + offset)<sup>${TRENDING_GRAVITY}</sup>`);
    expect(page.body).toContain('younger than 72 hours');
    expect(page.body).toContain('at most 50 votes');
    const dev = await accountApp(ctx.store);
    expect((await dev.app.inject('/about/ranking')).body).toContain('no waiting period is set');
    expect((await dev.app.inject('/')).body).toContain('<a href="/trending">Trending</a>');
  });
});
