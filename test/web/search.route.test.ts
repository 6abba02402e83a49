import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

const EVIL = '<script>alert(1)</script>';

describeEachDialect('search routes', (ctx) => {
  beforeEach(async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
    await upsertPapers(ctx.store.db, [
      {
        id: arxivIdOrThrow('2401.00001'),
        title: `Harness engineering ${EVIL}`,
        abstract: `A static harness for ${EVIL} agents.`,
        authors: ['Bernhard Schölkopf'],
        categories: ['cs.LG'],
        publishedAt: '2024-01-02T00:00:00.000Z',
      },
    ]);
    await indexPendingPapers(ctx.store);
  });

  if (ctx.dialect === 'postgres') {
    it('answers 501 with a clear message: keyword search needs SQLite for now', async () => {
      const app = await testApp(ctx.store);
      const json = await app.inject('/api/search?q=agents');
      expect(json.statusCode).toBe(501);
      expect(json.json()).toMatchObject({ error: 'not_implemented', message: expect.stringMatching(/not supported yet on PostgreSQL/) as unknown });
      expect((await app.inject('/search?q=agents')).statusCode).toBe(501);
      expect((await app.inject('/search?q=2608.19880')).headers.location).toBe('/papers/2608.19880');
    });
    return;
  }

  it('renders ranked results with marked terms, everything else escaped', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/search?q=harness');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toContain('<mark>Harness</mark> engineering &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('A static <mark>harness</mark> for &lt;script&gt;');
    expect(body).not.toContain('<script>alert');
    expect(body).toMatch(/3 papers match <code>harness<\/code>/);
    expect(body).toContain('value="harness"');
    expect(body).toContain('rel="alternate" type="application/json" href="/api/search?q=harness"');
    const worlds = (await app.inject('/search?q=static+worlds&mode=keyword')).body;
    expect(worlds).toContain('<a href="/papers/2608.19880">EnvHarness: Awakening <mark>Static</mark> <mark>Worlds</mark> for Agent Learning</a>');
    expect(worlds).toContain('Papers matching some of the words');
  });

  it('filters, sorts, pages, and finds authors without their accents', async () => {
    const app = await testApp(ctx.store);
    const json = async (url: string) => (await app.inject(url)).json<{ results: { paper: { id: string } }[]; hasMore: boolean }>();
    expect((await json('/api/search?q=harness&cat=cs.LG')).results.map((r) => r.paper.id)).toEqual(['2401.00001']);
    expect((await json('/api/search?q=harness&code=1')).results.map((r) => r.paper.id)).toEqual(['2608.19880']);
    expect((await json('/api/search?q=harness&sort=date')).results.map((r) => r.paper.id)).toEqual(['2608.19880', '2405.15223', '2401.00001']);
    expect((await json('/api/search?q=harness&from=2026-01-01')).results.map((r) => r.paper.id)).toEqual(['2608.19880']);
    expect((await json('/api/search?q=author:scholkopf')).results.map((r) => r.paper.id)).toEqual(['2401.00001']);
    const first = await json('/api/search?q=language+models&limit=5');
    const second = await json('/api/search?q=language+models&limit=5&p=1');
    expect(first.hasMore).toBe(true);
    expect(second.results.map((r) => r.paper.id)).not.toContain(first.results[0]?.paper.id);
    const page = await app.inject('/search?q=language+models');
    expect(page.body).toContain('rel="next" href="/search?q=language+models&amp;p=1"');
  });

  it('jumps to the paper a pasted id or URL names', async () => {
    const app = await testApp(ctx.store);
    for (const q of ['2608.19880', 'https://arxiv.org/abs/2608.19880v2', 'https://huggingface.co/papers/2608.19880']) {
      const res = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/papers/2608.19880');
    }
    const missing = await app.inject('/search?q=2608.99999');
    expect(missing.statusCode).toBe(200);
    expect(missing.body).toContain('arXiv 2608.99999 is not in this catalog');
  });

  it('serves the Hugging Face search shape that list_papers reads', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/api/papers/search?q=static+worlds&limit=1');
    expect(res.statusCode).toBe(200);
    const items = res.json<Record<string, unknown>[]>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      paper: { id: '2608.19880', title: 'EnvHarness: Awakening Static Worlds for Agent Learning', upvotes: 163, authors: expect.arrayContaining([{ name: 'Chengsong Huang', hidden: false }]) as unknown },
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      publishedAt: '2026-08-20T00:00:00.000Z',
      githubRepo: 'https://github.com/google-research/envharness',
      numComments: expect.any(Number) as unknown,
    });
    expect((await app.inject('/api/papers/search?q=2608.19880')).json()).toMatchObject([{ paper: { id: '2608.19880' } }]);
    expect((await app.inject('/api/papers/search')).json()).toEqual([]);
  });

  it('never fails on a malformed query, shows help for an empty one, and has a search box on every page', async () => {
    const app = await testApp(ctx.store);
    for (const q of ['"unbalanced harness', '-', 'author:', 'year:abc', '((( NOT AND', '*', '"', 'cat:"x']) {
      expect((await app.inject(`/search?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
      expect((await app.inject(`/api/search?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    }
    expect((await app.inject('/search')).body).toContain('Search syntax');
    for (const path of ['/', '/papers/2608.19880', '/new', '/search']) {
      expect((await app.inject(path)).body).toContain('<form class="site-search" method="get" action="/search" role="search">');
    }
  });

  it('answers 400 with a clear message for bad controls', async () => {
    const app = await testApp(ctx.store);
    const cases: [string, RegExp][] = [
      ['p=-1', /p must be a whole number from 0/],
      ['p=two', /p must be a whole number/],
      ['sort=stars', /sort must be one of relevance, date/],
      ['from=2026-13-01', /not a date/],
      ['from=2026-02-01&to=2026-01-01', /from must not be after to/],
      ['cat=cs.LG;drop', /cat must look like/],
      ['mode=fuzzy', /mode must be one of keyword, semantic, hybrid/],
      ['code=maybe', /code must be 1 or 0/],
      ['limit=0', /limit is at least 1/],
      ['q=a&q=b', /q must be given once/],
    ];
    for (const [params, message] of cases) {
      const res = await app.inject(`/api/search?q=x&${params}`);
      expect(res.statusCode, params).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(message);
    }
    expect((await app.inject('/search?sort=stars')).statusCode).toBe(400);
    expect((await app.inject('/api/papers/search?q=x&limit=1000')).json()).toMatchObject({ error: 'bad_request', message: 'limit: limit is at most 100' });
  });
});
