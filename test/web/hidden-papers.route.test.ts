// Papers hidden by moderators leave every listing and its JSON twin (daily, week, month, /new,
// trending, search, author and category pages, the HF-shaped feeds), and come back when restored;
// their own page answers 404 with the moderators' reason. On both dialects (keyword search: SQLite).
import { beforeEach, expect, it } from 'vitest';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { Day } from '../../src/domain/period.js';
import { setPaperHidden } from '../../src/store/moderation.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

const SHOWN = arxivIdOrThrow('2611.00001');
const HIDDEN = arxivIdOrThrow('2611.00002');
const TODAY = '2026-11-30' as Day;
const EARLIER = '2026-11-27' as Day;
const AT = '2026-11-30T10:00:00.000Z';

const baseline = (day: Day) => ({ source: 'hf-daily' as const, upvotes: 5, comments: 0, asOf: day });

describeEachDialect('hidden papers in listings', (ctx) => {
  beforeEach(async () => {
    const papers = [SHOWN, HIDDEN].map((id) => ({
      id,
      title: `Quokka dynamics ${id}`,
      abstract: 'Quokkas hop across the island.',
      authors: ['Ada Lovelace'],
      categories: ['cs.LG'],
      publishedAt: '2026-11-29T12:00:00.000Z',
    }));
    await upsertDailyBatch(ctx.store.db, papers, [
      { day: TODAY, paperId: SHOWN, source: 'hf-daily', baseline: baseline(TODAY) },
      { day: TODAY, paperId: HIDDEN, source: 'hf-daily', baseline: baseline(TODAY) },
      // The hidden paper alone makes an earlier day: it must stop being a "previous day".
      { day: EARLIER, paperId: HIDDEN, source: 'hf-daily', baseline: null },
    ]);
    await indexPendingPapers(ctx.store);
  });

  it('leaves every list and JSON twin while hidden, and returns when restored', async () => {
    const app = await testApp(ctx.store);
    const urls = [
      `/papers?date=${TODAY}`,
      `/api/papers?date=${TODAY}`,
      '/papers/week/2026-W49',
      '/api/papers/week/2026-W49',
      '/papers/month/2026-11',
      '/api/papers/month/2026-11',
      `/api/daily_papers?date=${TODAY}`,
      '/api/daily_papers?month=2026-11',
      '/new?date=2026-11-29',
      '/api/new?date=2026-11-29',
      '/new?date=2026-11-29&cat=cs',
      '/trending?window=all',
      '/api/trending?window=all',
      '/authors/Ada%20Lovelace',
      '/api/authors/Ada%20Lovelace',
      '/categories/cs.LG',
      '/api/categories/cs',
      ...(ctx.dialect === 'sqlite' ? ['/search?q=quokka&mode=keyword', '/api/search?q=quokka&mode=keyword', '/api/search?cat=cs.LG', '/api/papers/search?q=quokka'] : []),
    ];
    const listed = async (url: string) => {
      const res = await app.inject(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      return { shown: res.body.includes(SHOWN), hidden: res.body.includes(HIDDEN) };
    };

    for (const url of urls) expect(await listed(url), url).toEqual({ shown: true, hidden: true });
    expect((await app.inject(`/api/papers?date=${TODAY}`)).json()).toMatchObject({ prev: EARLIER });
    expect((await listed(`/papers?date=${EARLIER}`)).hidden).toBe(true);

    await setPaperHidden(ctx.store.db, HIDDEN, true, null, 'duplicate of another paper', AT);
    for (const url of urls) expect(await listed(url), url).toEqual({ shown: true, hidden: false });
    // The day that held only the hidden paper is empty now, and no longer a neighbour.
    expect((await app.inject(`/api/papers?date=${EARLIER}`)).json()).toMatchObject({ total: 0, papers: [] });
    expect((await app.inject(`/api/papers?date=${TODAY}`)).json()).toMatchObject({ prev: null });
    // Its page tells readers why it is gone.
    const page = await app.inject(`/papers/${HIDDEN}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('duplicate of another paper');
    expect((await app.inject(`/api/papers/${HIDDEN}`)).statusCode).toBe(404);

    await setPaperHidden(ctx.store.db, HIDDEN, false, null, 'not a duplicate', AT);
    for (const url of urls) expect(await listed(url), url).toEqual({ shown: true, hidden: true });
  });

  it('an author or category whose only papers are hidden answers 404', async () => {
    const app = await testApp(ctx.store);
    await setPaperHidden(ctx.store.db, HIDDEN, true, null, 'spam', AT);
    await setPaperHidden(ctx.store.db, SHOWN, true, null, 'spam', AT);
    expect((await app.inject('/api/authors/Ada%20Lovelace')).statusCode).toBe(404);
    expect((await app.inject('/api/categories/cs.LG')).statusCode).toBe(404);
    expect((await app.inject('/api/papers?date=2026-11-30')).json()).toMatchObject({ total: 0 });
  });
});
