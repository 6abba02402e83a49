import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

const EVIL = 'Mallory <script>alert(1)</script>';

function paper(id: string, publishedAt: string, authors: string[], extra: Partial<PaperRecord> = {}): PaperRecord {
  return { id: arxivIdOrThrow(id), title: `Paper ${id}`, abstract: `About ${id}. More.`, authors, categories: ['cs.LG'], publishedAt, ...extra };
}

interface AuthorJson {
  name: string;
  spellings: string[];
  total: number;
  page: number;
  limit: number;
  hasMore: boolean;
  papers: { id: string; authors: { name: string }[] }[];
}

const path = (name: string, rest = '') => `/authors/${encodeURIComponent(name)}${rest}`;

describeEachDialect('author pages', (ctx) => {
  beforeEach(async () => {
    await upsertPapers(ctx.store.db, [
      paper('2611.00001', '2026-11-02T10:00:00.000Z', ['Ada Lovelace', 'Charles Babbage']),
      paper('2611.00002', '2026-11-04T10:00:00.000Z', ['Charles Babbage', 'Adá  lovelace']),
      paper('2610.00003', '2026-10-01T10:00:00.000Z', ['Ada Lovelace']),
      // Same v1 time: the later id comes first.
      paper('2611.00009', '2026-11-02T10:00:00.000Z', ['Ada Lovelace']),
      paper('2611.00004', '2026-11-05T10:00:00.000Z', ['Ada Lovelace'], { withdrawn: true }),
      paper('2611.00005', '2026-11-06T10:00:00.000Z', [EVIL, 'AC/DC', '100% Human']),
    ]);
  });

  it('lists an author’s papers newest first, with spellings that differ in accents, case or spacing', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject(`/api${path('Ada Lovelace')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<AuthorJson>();
    expect(body.papers.map((p) => p.id)).toEqual(['2611.00002', '2611.00009', '2611.00001', '2610.00003']);
    expect(body).toMatchObject({ name: 'Ada Lovelace', spellings: ['Ada Lovelace', 'Adá lovelace'.replace(' ', '  ')], total: 4, page: 0, limit: 50, hasMore: false });
    // Any spelling finds the same papers; the page is titled with the one asked for when stored.
    const folded = (await app.inject(`/api${path('ADA LOVELACE')}`)).json<AuthorJson>();
    expect(folded.papers.map((p) => p.id)).toEqual(body.papers.map((p) => p.id));
    expect(folded.name).toBe('Ada Lovelace');
    expect((await app.inject(`/api${path('Adá lovelace')}`)).json<AuthorJson>().name).toBe('Adá  lovelace');

    const html = await app.inject(path('Ada Lovelace'));
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h1>Papers by <span class="name">Ada Lovelace</span></h1>');
    expect(html.body).toContain('4 papers, newest first');
    expect(html.body).toContain('Also written as Adá  lovelace.');
    expect(html.body).toContain('<link rel="canonical" href="http://paperboy.test/authors/Ada%20Lovelace">');
    expect(html.body).toContain('<link rel="alternate" type="application/json" href="/api/authors/Ada%20Lovelace">');
    expect(html.body.indexOf('2611.00002')).toBeLessThan(html.body.indexOf('2610.00003'));
    expect(html.body).not.toContain('2611.00004');
    expect(html.body).toContain('<a href="/authors/Charles%20Babbage">Charles Babbage</a>');
    expect(html.body).toContain('<a class="cat" href="/categories/cs.LG">cs.LG</a>');
  });

  it('returns an explicit JSON shape', async () => {
    const app = await testApp(ctx.store);
    const body = (await app.inject(`/api${path('Charles Babbage')}`)).json<Record<string, unknown> & { papers: Record<string, unknown>[] }>();
    expect(Object.keys(body)).toEqual(['name', 'spellings', 'total', 'page', 'limit', 'hasMore', 'papers']);
    expect(Object.keys(body.papers[0] ?? {}).sort()).toEqual(['authors', 'categories', 'id', 'publishedAt', 'summary', 'title', 'upvotes', 'upvotesBaseline', 'withdrawn']);
    expect(body.papers[0]).toMatchObject({ id: '2611.00002', title: 'Paper 2611.00002', categories: ['cs.LG'], withdrawn: false });
  });

  it('pages with p from 0, 50 papers a page', async () => {
    const many = Array.from({ length: 53 }, (_, i) => paper(`2612.${String(i + 1).padStart(5, '0')}`, `2026-12-01T${String(i % 24).padStart(2, '0')}:${String(i).padStart(2, '0')}:00.000Z`, ['Grace Hopper']));
    await upsertPapers(ctx.store.db, many);
    const app = await testApp(ctx.store);
    const first = (await app.inject(`/api${path('Grace Hopper')}`)).json<AuthorJson>();
    const second = (await app.inject(`/api${path('Grace Hopper', '?p=1')}`)).json<AuthorJson>();
    expect(first).toMatchObject({ total: 53, page: 0, hasMore: true });
    expect(first.papers).toHaveLength(50);
    expect(second).toMatchObject({ total: 53, page: 1, hasMore: false });
    expect(second.papers).toHaveLength(3);
    const ids = [...first.papers, ...second.papers].map((p) => p.id);
    expect(new Set(ids).size).toBe(53);
    const expected = [...many].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id)).map((p) => p.id);
    expect(ids).toEqual(expected);

    const html = await app.inject(path('Grace Hopper'));
    expect(html.body).toContain('<a rel="next" href="/authors/Grace%20Hopper?p=1">');
    expect(html.body).toContain('Page 1 of 2');
    const last = await app.inject(path('Grace Hopper', '?p=1'));
    expect(last.body).toContain('<a rel="prev" href="/authors/Grace%20Hopper">');
    expect(last.body).toContain('<ol class="listing" start="51">');
    const past = await app.inject(path('Grace Hopper', '?p=7'));
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain('No papers on this page.');
  });

  it('rejects bad page numbers and names with 400', async () => {
    const app = await testApp(ctx.store);
    for (const rest of ['?p=-1', '?p=abc', '?p=1.5', '?p=100001']) {
      const res = await app.inject(`/api${path('Ada Lovelace', rest)}`);
      expect(res.statusCode, rest).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^p: /) as unknown });
    }
    expect((await app.inject(path('Ada Lovelace', '?p=-1'))).statusCode).toBe(400);
    expect((await app.inject('/authors/Ada%00Lovelace')).statusCode).toBe(400);
    expect((await app.inject('/authors/%20%20')).statusCode).toBe(400);
    // The router itself refuses path parameters longer than 200 characters (app.ts maxParamLength).
    expect((await app.inject(`/api/authors/${'x'.repeat(199)}%C3%A9%C3%A9`)).statusCode).toBe(414);
  });

  it('answers 404 for an author no paper lists, with searches that might find them', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject(path('Alan Turing'));
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('No papers by <span class="name">Alan Turing</span>');
    expect(res.body).toContain(`href="/search?q=${encodeURIComponent('author:"Alan Turing"')}"`);
    expect(res.body).toContain('href="https://arxiv.org/search/?searchtype=author&amp;query=Alan%20Turing"');
    const json = await app.inject(`/api${path('Alan Turing')}`);
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: 'not_found' });
    // Only withdrawn papers: nothing to list.
    await upsertPapers(ctx.store.db, [paper('2611.00077', '2026-11-01T10:00:00.000Z', ['Only Withdrawn'], { withdrawn: true })]);
    expect((await app.inject(path('Only Withdrawn'))).statusCode).toBe(404);
  });

  it('escapes names in pages and links, and takes names with / and %', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject(path(EVIL));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('Papers by <span class="name">Mallory &lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(res.body).toContain(`<a href="/authors/${encodeURIComponent(EVIL)}">Mallory &lt;script&gt;`);
    const missing = await app.inject(path('<img src=x onerror=alert(2)>'));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<img src=x');
    expect(missing.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    for (const name of ['AC/DC', '100% Human']) {
      const page = await app.inject(`/api${path(name)}`);
      expect(page.statusCode, name).toBe(200);
      expect(page.json<AuthorJson>()).toMatchObject({ name, total: 1 });
    }
  });

  it('links every author and category of a paper page and of daily cards', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/papers/2611.00005');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<p class="authors"><a href="/authors/${encodeURIComponent(EVIL)}">Mallory &lt;script&gt;alert(1)&lt;/script&gt;</a>, <a href="/authors/AC%2FDC">AC/DC</a>, <a href="/authors/100%25%20Human">100% Human</a></p>`);
    expect(res.body).toContain('<a class="cat primary" href="/categories/cs.LG">cs.LG</a>');
    await importHfDaily(ctx.store, HF_SAMPLES);
    const daily = await app.inject('/');
    expect(daily.body.match(/<p class="authors"><a href="\/authors\/[^"]+">/g)?.length).toBe(17);
  });
});
