import { gunzipSync } from 'node:zlib';
import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

interface HfItem {
  paper: { id: string; upvotes: number; authors: { name: string }[]; title: string } & Record<string, unknown>;
  numComments: number;
}

function votesOnPage(html: string): number[] {
  return [...html.matchAll(/<span class="count">(\d+)<\/span>/g)].map((m) => Number(m[1]));
}

describeEachDialect('daily feed routes', (ctx) => {
  beforeEach(async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
  });

  it('GET / shows the latest day, ranked by upvotes, with security headers', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Friday, 21 Aug 2026');
    const votes = votesOnPage(res.body);
    expect(votes).toHaveLength(17);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(res.body).toContain('163 on HF');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline scripts
  });

  it('sends the cached page gzipped to clients that accept it', async () => {
    const app = await testApp(ctx.store, { PAPERBOY_PAGE_CACHE_SECONDS: '30' });
    const plain = await app.inject('/');
    const zipped = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.headers['content-security-policy']).toBeDefined();
  });

  it('navigates days, skipping the empty ones', async () => {
    const app = await testApp(ctx.store);
    const mid = await app.inject('/papers?date=2025-06-16');
    expect(mid.statusCode).toBe(200);
    expect(mid.body).toContain('rel="prev" href="/papers?date=2024-05-27"');
    expect(mid.body).toContain('rel="next" href="/papers?date=2026-08-21"');
    const empty = await app.inject('/papers?date=2025-06-17');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No papers were featured on this day');
    expect(empty.body).toContain('rel="prev" href="/papers?date=2025-06-16"');
  });

  it('serves week and month views and redirects their bare paths to the latest', async () => {
    const app = await testApp(ctx.store);
    const week = await app.inject('/papers/week/2026-W34');
    expect(week.statusCode).toBe(200);
    expect(votesOnPage(week.body)).toHaveLength(17);
    expect(week.body).toContain('rel="prev" href="/papers/week/2025-W25"');
    const month = await app.inject('/papers/month/2025-06');
    expect(votesOnPage(month.body)).toHaveLength(9);
    const bare = await app.inject('/papers/month');
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/papers/month/2026-08');
    const json = (await app.inject('/api/papers/week/2026-W34')).json<{ period: { key: string }; total: number; papers: HfItem[] }>();
    expect(json.period.key).toBe('2026-W34');
    expect(json.total).toBe(17);
  });

  it.each([
    ['/papers?date=2026-13-01', /is not a date/],
    ['/papers?date=yesterday', /is not a date/],
    ['/papers?p=-1', /p:/],
    ['/papers/week/2026-W60', /not an ISO week/],
    ['/papers/month/2026-8', /not a month/],
    ['/papers/not-an-id', /not an arXiv id/],
    ['/papers/%E0%A4%A', /not valid URL encoding/],
  ])('answers %s with a helpful 400 page', async (url, message) => {
    const app = await testApp(ctx.store);
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(message);
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('GET /api/daily_papers returns the HF shape without user data', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/api/daily_papers?date=2026-08-21');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const items = res.json<HfItem[]>();
    expect(items).toHaveLength(17);
    const first = items[0]!;
    expect(first.paper).toMatchObject({ id: '2608.19880', upvotes: 163, title: 'EnvHarness: Awakening Static Worlds for Agent Learning' });
    expect(first.paper.authors[0]).toEqual({ name: 'Chengsong Huang', hidden: false });
    expect(first).toMatchObject({ title: first.paper.title, numComments: 1, publishedAt: '2026-08-21T00:00:00.000Z' });
    expect(res.body).not.toMatch(/"(submittedBy|submittedOnDailyBy|avatarUrl|user|thumbnail|mediaUrls|organization)":/);
    const upvotes = items.map((i) => i.paper.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
  });

  it('pages, sorts and filters /api/daily_papers like the HF API', async () => {
    const app = await testApp(ctx.store);
    const all = (await app.inject('/api/daily_papers?date=2026-08-21&limit=100')).json<HfItem[]>();
    const page1 = (await app.inject('/api/daily_papers?date=2026-08-21&limit=5&p=1')).json<HfItem[]>();
    expect(page1.map((i) => i.paper.id)).toEqual(all.slice(5, 10).map((i) => i.paper.id));
    const month = (await app.inject('/api/daily_papers?month=2025-06&sort=publishedAt')).json<HfItem[]>();
    const published = month.map((i) => String(i.paper.publishedAt));
    expect(published).toEqual([...published].sort().reverse());
    expect((await app.inject('/api/daily_papers?week=2026-W34&sort=trending')).json<HfItem[]>()).toHaveLength(17);
    expect((await app.inject('/api/daily_papers?date=2026-08-21&submitter=Hugging%20Face%20Daily%20Papers')).json<HfItem[]>()).toHaveLength(17);
    expect((await app.inject('/api/daily_papers?date=2026-08-21&submitter=someone')).json<HfItem[]>()).toHaveLength(0);
    const latest = (await app.inject('/api/daily_papers')).json<HfItem[]>();
    expect(latest.map((i) => i.paper.id)).toEqual(all.map((i) => i.paper.id));
  });

  it.each([
    ['/api/daily_papers?limit=101', /at most 100/],
    ['/api/daily_papers?limit=0', /limit/],
    ['/api/daily_papers?sort=random', /sort must be one of/],
    ['/api/daily_papers?date=2026-08-21&week=2026-W34', /at most one of/],
    ['/api/daily_papers?p=x', /p must be/],
    ['/api/papers?date=31-12-2025', /is not a date/],
  ])('answers %s with a JSON 400', async (url, message) => {
    const app = await testApp(ctx.store);
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) as unknown });
  });

  it('answers unknown paths with a 404 page or JSON, with the same headers', async () => {
    const app = await testApp(ctx.store);
    const page = await app.inject('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBeDefined();
    const api = await app.inject('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves static assets with a charset and the same headers', async () => {
    const app = await testApp(ctx.store);
    const css = await app.inject('/static/style.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const js = await app.inject('/static/app.js');
    expect(js.headers['content-type']).toMatch(/javascript; charset=utf-8/);
    expect(js.headers['content-security-policy']).toBeDefined();
    expect((await app.inject('/static/../package.json')).statusCode).toBe(404);
  });

  it('sends HSTS only when the site is served over https', async () => {
    expect((await (await testApp(ctx.store)).inject('/')).headers['strict-transport-security']).toBeUndefined();
    const https = await testApp(ctx.store, { PAPERBOY_BASE_URL: 'https://papers.example.org' });
    expect((await https.inject('/')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
