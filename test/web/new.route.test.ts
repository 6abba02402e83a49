import { beforeEach, expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

function paper(id: string, publishedAt: string, categories: string[], extra: Partial<PaperRecord> = {}): PaperRecord {
  return { id: arxivIdOrThrow(id), title: `Paper ${id} & <friends>`, abstract: `About ${id}. More.`, authors: ['A. Author'], publishedAt, categories, ...extra };
}

interface NewJson {
  date: string;
  prev: string | null;
  next: string | null;
  total: number;
  groups: { category: string; papers: { id: string; crossList: boolean }[] }[];
}

describeEachDialect('/new', (ctx) => {
  beforeEach(async () => {
    await upsertPapers(ctx.store.db, [
      paper('2611.00001', '2026-11-02T10:00:00.000Z', ['cs.LG', 'stat.ML']),
      paper('2611.00002', '2026-11-02T12:00:00.000Z', ['stat.ML', 'cs.LG']),
      paper('2611.00003', '2026-11-02T09:00:00.000Z', ['hep-th']),
      paper('2611.00004', '2026-11-02T08:00:00.000Z', ['cs.CL'], { withdrawn: true }),
      paper('2610.09999', '2026-10-28T08:00:00.000Z', ['cs.CV']),
      paper('2611.00100', '2026-11-05T08:00:00.000Z', ['math.AG']),
    ]);
  });

  it('shows the latest announcement day by default, grouped by primary category', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/api/new');
    expect(res.json<NewJson>()).toMatchObject({ date: '2026-11-05', prev: '2026-11-02', next: null, total: 1 });
    const day = (await app.inject('/api/new?date=2026-11-02')).json<NewJson>();
    expect(day).toMatchObject({ date: '2026-11-02', prev: '2026-10-28', next: '2026-11-05', total: 3 });
    expect(day.groups.map((g) => [g.category, g.papers.map((p) => p.id)])).toEqual([
      ['cs.LG', ['2611.00001']],
      ['hep-th', ['2611.00003']],
      ['stat.ML', ['2611.00002']],
    ]);
  });

  it('filters by archive or category and marks cross-lists', async () => {
    const app = await testApp(ctx.store);
    const lg = (await app.inject('/api/new?date=2026-11-02&cat=cs.LG')).json<NewJson>();
    expect(lg.groups).toEqual([
      { category: 'cs.LG', papers: [expect.objectContaining({ id: '2611.00001', crossList: false })] },
      { category: 'cs.LG (cross-lists)', papers: [expect.objectContaining({ id: '2611.00002', crossList: true })] },
    ]);
    const cs = (await app.inject('/api/new?cat=cs')).json<NewJson>();
    expect(cs).toMatchObject({ date: '2026-11-02', prev: '2026-10-28', next: null });
    const html = await app.inject('/new?date=2026-11-02&cat=cs.LG');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('cross-list from stat.ML');
    expect(html.body).toContain('Paper 2611.00001 &amp; &lt;friends&gt;');
    expect(html.body).not.toContain('rel="prev"'); // no earlier cs.LG day
    expect((await app.inject('/new?date=2026-11-02&cat=cs')).body).toContain('rel="prev" href="/new?date=2026-10-28&amp;cat=cs"');
    expect(html.body).toContain('type="application/rss+xml"');
  });

  it('serves RSS and Atom feeds of the same listing', async () => {
    const app = await testApp(ctx.store);
    const rssRes = await app.inject('/new.rss?date=2026-11-02');
    expect(rssRes.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rssRes.body.match(/<item>/g)).toHaveLength(3);
    expect(rssRes.body).toContain('<guid isPermaLink="true">http://paperboy.test/papers/2611.00002</guid>');
    expect(rssRes.body).toContain('Paper 2611.00001 &amp; &lt;friends&gt;');
    const atomRes = await app.inject('/new.atom?cat=hep-th');
    expect(atomRes.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atomRes.body.match(/<entry>/g)).toHaveLength(1);
  });

  it('rejects malformed dates and categories with 400', async () => {
    const app = await testApp(ctx.store);
    expect((await app.inject('/new?date=2026-02-31')).statusCode).toBe(400);
    const bad = await app.inject('/api/new?cat=<script>');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: expect.stringMatching(/cat must look like/) as unknown });
    expect((await app.inject('/new?cat=')).statusCode).toBe(200);
  });
});
