import { beforeEach, expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

function paper(id: string, publishedAt: string | undefined, categories: string[], extra: Partial<PaperRecord> = {}): PaperRecord {
  return { id: arxivIdOrThrow(id), title: `Paper ${id} & <friends>`, abstract: `About ${id}. More.`, authors: ['A. Author'], categories, ...(publishedAt ? { publishedAt } : {}), ...extra };
}

interface CategoryJson {
  category: string;
  archive: boolean;
  page: number;
  limit: number;
  hasMore: boolean;
  papers: { id: string; categories: string[] }[];
}

const ids = (body: CategoryJson) => body.papers.map((p) => p.id);

describeEachDialect('category pages', (ctx) => {
  beforeEach(async () => {
    await upsertPapers(ctx.store.db, [
      paper('2611.00001', '2026-11-02T10:00:00.000Z', ['cs.LG', 'stat.ML']),
      paper('2611.00002', '2026-11-04T10:00:00.000Z', ['stat.ML', 'cs.LG']),
      paper('2611.00003', '2026-11-03T10:00:00.000Z', ['cs.AI', 'cs.LG']),
      paper('2611.00004', '2026-11-05T10:00:00.000Z', ['cs.LG'], { withdrawn: true }),
      paper('2611.00005', '2026-11-01T10:00:00.000Z', ['hep-th']),
      paper('2611.00006', '2026-11-01T09:00:00.000Z', ['hep-th']),
      paper('hep-th/9901001', '1999-01-04T18:00:00.000Z', ['hep-th', 'math.AG']),
    ]);
  });

  it('lists a category newest first, cross-lists included, withdrawn papers left out', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/api/categories/cs.LG');
    expect(res.statusCode).toBe(200);
    const body = res.json<CategoryJson>();
    expect(ids(body)).toEqual(['2611.00002', '2611.00003', '2611.00001']);
    expect(body).toMatchObject({ category: 'cs.LG', archive: false, page: 0, limit: 50, hasMore: false });
    expect(Object.keys(body)).toEqual(['category', 'archive', 'page', 'limit', 'hasMore', 'papers']);

    const html = await app.inject('/categories/cs.LG');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<h1>Papers in <span class="cat">cs.LG</span></h1>');
    expect(html.body).toContain('Paper 2611.00002 &amp; &lt;friends&gt;');
    expect(html.body).not.toContain('2611.00004');
    expect(html.body).toContain('<a class="cat" href="/categories/stat.ML">stat.ML</a>');
    expect(html.body).toContain('<link rel="alternate" type="application/json" href="/api/categories/cs.LG">');
    expect(html.body).toContain('href="/new?cat=cs.LG"');
  });

  it('lists a whole archive, each paper once', async () => {
    const app = await testApp(ctx.store);
    const cs = (await app.inject('/api/categories/cs')).json<CategoryJson>();
    expect(cs).toMatchObject({ category: 'cs', archive: true });
    expect(ids(cs)).toEqual(['2611.00002', '2611.00003', '2611.00001']);
    const hep = (await app.inject('/api/categories/hep-th')).json<CategoryJson>();
    expect(ids(hep)).toEqual(['2611.00005', '2611.00006', 'hep-th/9901001']);
    expect((await app.inject('/categories/cs')).body).toContain('<span class="cat">cs</span> and its categories');
  });

  it('pages with p from 0 in the same order whichever way a page is read', async () => {
    // 62 papers in cs.CV, some sharing a v1 time and two undated, among 38 papers elsewhere: the
    // first page is found among the newest papers, the second reads the category's index.
    const records: PaperRecord[] = [];
    for (let i = 0; i < 100; i += 1) {
      const at = i >= 98 ? undefined : `2026-12-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 3).padStart(2, '0')}:00:00.000Z`;
      records.push(paper(`2612.${String(i + 1).padStart(5, '0')}`, at, i % 5 < 3 || i >= 98 ? ['cs.CV'] : ['math.AG']));
    }
    await upsertPapers(ctx.store.db, records);
    const inCv = records.filter((r) => r.categories?.includes('cs.CV'));
    expect(inCv).toHaveLength(62);
    const expected = [...inCv]
      .sort((a, b) => (a.publishedAt === undefined ? 1 : 0) - (b.publishedAt === undefined ? 1 : 0) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id))
      .map((r) => r.id);
    const app = await testApp(ctx.store);
    const first = (await app.inject('/api/categories/cs.CV')).json<CategoryJson>();
    const second = (await app.inject('/api/categories/cs.CV?p=1')).json<CategoryJson>();
    expect(first).toMatchObject({ page: 0, hasMore: true });
    expect(second).toMatchObject({ page: 1, hasMore: false });
    expect([...ids(first), ...ids(second)]).toEqual(expected);
    const archive = (await app.inject('/api/categories/cs?p=1')).json<CategoryJson>();
    // Undated papers come after every dated one, the older cs.LG and cs.AI papers included.
    expect(expected.slice(-2)).toEqual(['2612.00100', '2612.00099']);
    expect(ids(archive)).toEqual([...expected.slice(50, 60), '2611.00002', '2611.00003', '2611.00001', '2612.00100', '2612.00099']);

    const html = await app.inject('/categories/cs.CV');
    expect(html.body).toContain('<a rel="next" href="/categories/cs.CV?p=1">');
    expect(html.body).toContain('<span>Page 1</span>');
    const past = await app.inject('/categories/cs.CV?p=9');
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain('No papers on this page.');
  });

  it('rejects malformed categories and page numbers with 400', async () => {
    const app = await testApp(ctx.store);
    for (const url of ['/categories/%3Cscript%3E', '/api/categories/CS.LG', '/api/categories/cs..LG', '/api/categories/cs.LG.x', `/api/categories/${'a'.repeat(41)}`]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
    }
    expect((await app.inject('/api/categories/%3Cscript%3E')).json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/category must look like/) as unknown });
    for (const p of ['-1', 'x', '0.5']) expect((await app.inject(`/api/categories/cs.LG?p=${p}`)).statusCode, p).toBe(400);
  });

  it('answers 404 for a category with no papers here, and redirects a miscased one', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/categories/cs.DL');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('No papers in <span class="cat">cs.DL</span>');
    expect(res.body).toContain('href="https://arxiv.org/list/cs.DL/recent"');
    expect((await app.inject('/api/categories/cs.DL')).json()).toMatchObject({ error: 'not_found' });
    expect((await app.inject('/categories/q-bio')).statusCode).toBe(404);
    const moved = await app.inject('/categories/cs.lg?p=1');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/categories/cs.LG?p=1');
    expect((await app.inject('/api/categories/stat.ml')).headers.location).toBe('/api/categories/stat.ML');
  });
});
