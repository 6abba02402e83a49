// RSS and Atom feeds of every listing page, on both dialects: each feed is parsed by a real feed
// parser (@rowanmanning/feed-parser) and checked for well-formed XML, the elements the specs
// require, RFC 822 dates in RSS and RFC 3339 in Atom, absolute URLs, escaped hostile titles and
// GUIDs that stay the same across feeds and rebuilds; each page links its feeds from <head>;
// conditional GET answers 304 with no body.
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { dayOf, weekKey } from '../../src/domain/period.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

const BASE = 'http://paperboy.test';
/** A title no feed may break on: markup, an ampersand, CDATA end, quotes, a control character. */
const EVIL_TITLE = `<script>alert("x")</script> & ]]> 'q' \u0001 Ünïcode $x^2$`;
/** What a reader must see: the same text less the character XML cannot carry. */
const EVIL_SHOWN = EVIL_TITLE.replace('\u0001', '');
const EVIL_AUTHOR = `O'Brien & <Co>`;
const DAY = dayOf(new Date('2026-11-30T00:00:00Z'));
const EVIL = arxivIdOrThrow('2611.00001');
const PLAIN = arxivIdOrThrow('2611.00002');
const OLD = arxivIdOrThrow('hep-th/9901001');

function paper(id: typeof EVIL, title: string, authors: string[], categories: string[]): PaperRecord {
  return { id, title, abstract: `Abstract of ${id} with <b>tags</b> & more.`, authors, categories, publishedAt: '2026-11-20T10:00:00.000Z' };
}

/** Every feed of every listing, by page path (with its query). */
function pagePaths(): string[] {
  return [
    `/papers?date=${DAY}`,
    `/papers/week/${weekKey(DAY)}`,
    '/papers/month/2026-11',
    '/trending?window=week',
    '/trending?window=all',
    '/new?date=2026-11-20',
    `/authors/${encodeURIComponent(EVIL_AUTHOR)}`,
    '/categories/cs.LG',
    '/categories/cs',
  ];
}

function feedPathOf(page: string, format: 'rss' | 'atom'): string {
  const [p, q] = page.split('?');
  return `${p}.${format}${q ? `?${q}` : ''}`;
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE = /^http:\/\/paperboy\.test\//;

const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name) });

type Node = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'object' && v !== null && '#text' in v ? String((v as Node)['#text']) : String(v));

/** The spec's required elements and formats, read from the raw XML; returns item ids in order. */
function checkStructure(body: string, format: 'rss' | 'atom'): string[] {
  expect(XMLValidator.validate(body)).toBe(true);
  const doc = tree.parse(body) as Node;
  if (format === 'rss') {
    const rss = doc.rss as Node;
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel as Node;
    for (const required of ['title', 'link', 'description']) expect(text(channel[required]).length, `channel ${required}`).toBeGreaterThan(0);
    expect(text(channel.link)).toMatch(ABSOLUTE);
    expect(text(channel.lastBuildDate)).toMatch(RFC822);
    const self = (channel['atom:link'] as Node)['@href'];
    expect(self).toMatch(ABSOLUTE);
    const items = (channel.item ?? []) as Node[];
    return items.map((i) => {
      expect(text(i.title).length).toBeGreaterThan(0);
      expect(text(i.link)).toMatch(ABSOLUTE);
      expect(text(i.pubDate)).toMatch(RFC822);
      const guid = i.guid as Node;
      expect(guid['@isPermaLink']).toBe('true');
      expect(text(guid)).toBe(text(i.link));
      return text(guid);
    });
  }
  const feed = doc.feed as Node;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(text(feed.id)).toMatch(ABSOLUTE);
  expect(text(feed.title).length).toBeGreaterThan(0);
  expect(text(feed.updated)).toMatch(RFC3339);
  const links = feed.link as Node[];
  expect(links.find((l) => l['@rel'] === 'self')?.['@href']).toMatch(ABSOLUTE);
  expect(links.find((l) => l['@rel'] === 'alternate')?.['@href']).toMatch(ABSOLUTE);
  // RFC 4287 §4.1.1: every entry needs an author, or the feed one.
  expect((feed.author as Node[]).length).toBeGreaterThan(0);
  const entries = (feed.entry ?? []) as Node[];
  return entries.map((e) => {
    expect(text(e.id)).toMatch(ABSOLUTE);
    expect(text(e.title).length).toBeGreaterThan(0);
    expect(text(e.updated)).toMatch(RFC3339);
    expect((e.link as Node[])[0]?.['@href']).toBe(text(e.id));
    return text(e.id);
  });
}

async function get(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

describeEachDialect('feeds', (ctx) => {
  beforeEach(async () => {
    const papers = [
      paper(EVIL, EVIL_TITLE, [EVIL_AUTHOR, 'Ada Lovelace'], ['cs.LG', 'stat.ML']),
      paper(PLAIN, 'A plain paper about agents', ['Ada Lovelace'], ['cs.CL', 'cs.LG']),
      paper(OLD, 'An old-style id', ['Ada Lovelace'], ['hep-th']),
    ];
    const baseline = { source: 'hf-daily' as const, upvotes: 7, comments: 0, asOf: DAY };
    await upsertDailyBatch(ctx.store.db, papers, [EVIL, PLAIN, OLD].map((paperId) => ({ day: DAY, paperId, source: 'hf-daily' as const, baseline })));
    await indexPendingPapers(ctx.store);
  });

  it('serves a valid RSS 2.0 and Atom 1.0 feed for every listing, parsed by a real feed parser', async () => {
    const app = await testApp(ctx.store);
    const paths = pagePaths();
    if (ctx.dialect === 'sqlite') paths.push('/search?q=agents&mode=keyword', '/search?q=paper&cat=cs.LG&sort=date');
    for (const page of paths) {
      for (const format of ['rss', 'atom'] as const) {
        const url = feedPathOf(page, format);
        const res = await get(app, url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toBe(`application/${format}+xml; charset=utf-8`);
        const ids = checkStructure(res.body, format);
        expect(ids.length, url).toBeGreaterThan(0);
        const parsed = parseFeed(res.body);
        expect(parsed.meta.type).toBe(format);
        expect(parsed.title).toMatch(/^Paperboy: /);
        expect(parsed.items.map((i) => i.id)).toEqual(ids);
        for (const item of parsed.items) {
          expect(item.url).toMatch(/^http:\/\/paperboy\.test\/papers\//);
          expect(item.published ?? item.updated).toBeInstanceOf(Date);
          expect(item.authors.length).toBeGreaterThan(0);
        }
        const evil = parsed.items.find((i) => i.id === `${BASE}/papers/${EVIL}`);
        if (evil) {
          expect(evil.title, url).toBe(EVIL_SHOWN);
          expect(evil.authors.map((a) => a.name).join(', ')).toContain(EVIL_AUTHOR);
        }
        // The old-style id keeps its slash in the item URL.
        if (ids.includes(`${BASE}/papers/hep-th/9901001`)) expect(parsed.items.some((i) => i.url === `${BASE}/papers/hep-th/9901001`)).toBe(true);
      }
    }
  });

  it('gives a paper the same GUID in every feed and the same bytes on every rebuild', async () => {
    const app = await testApp(ctx.store);
    const evilId = `${BASE}/papers/${EVIL}`;
    for (const page of pagePaths()) {
      for (const format of ['rss', 'atom'] as const) {
        const url = feedPathOf(page, format);
        const first = await get(app, url);
        expect(checkStructure(first.body, format), url).toContain(evilId);
        // The page cache is off here, so this is a second render.
        const again = await get(app, url);
        expect(again.body).toBe(first.body);
        expect(again.headers.etag).toBe(first.headers.etag);
      }
    }
  });

  it('links each page to its feeds from <head>, and the links lead to them', async () => {
    const app = await testApp(ctx.store);
    const paths = pagePaths();
    if (ctx.dialect === 'sqlite') paths.push('/search?q=agents');
    for (const page of paths) {
      const res = await get(app, page);
      expect(res.statusCode, page).toBe(200);
      const head = res.body.slice(0, res.body.indexOf('</head>'));
      for (const format of ['rss', 'atom'] as const) {
        const m = new RegExp(`<link rel="alternate" type="application/${format}\\+xml" title="[^"]+" href="([^"]+)">`).exec(head);
        expect(m, `${page} links its ${format} feed`).not.toBeNull();
        const href = (m?.[1] ?? '').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
        const feed = await get(app, href);
        expect(feed.statusCode, href).toBe(200);
        expect(feed.headers['content-type']).toContain(format);
      }
    }
  });

  it('answers 400 for bad parameters and 404 for an unknown author or category feed', async () => {
    const app = await testApp(ctx.store);
    expect((await get(app, '/papers.rss?date=2026-13-01')).statusCode).toBe(400);
    expect((await get(app, '/papers/week/2026-W99.atom')).statusCode).toBe(400);
    expect((await get(app, '/trending.rss?window=year')).statusCode).toBe(400);
    expect((await get(app, '/search.atom?mode=psychic')).statusCode).toBe(400);
    expect((await get(app, '/authors/Nobody%20At%20All.rss')).statusCode).toBe(404);
    expect((await get(app, '/categories/q-bio.rss')).statusCode).toBe(404);
    const moved = await get(app, '/categories/cs.lg.atom');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/categories/cs.LG.atom');
  });

  it('conditional GET: ETag and Last-Modified; If-None-Match and If-Modified-Since answer 304 with no body', async () => {
    const app = await testApp(ctx.store);
    for (const url of ['/papers.rss', '/trending.atom', '/categories/cs.LG.rss', `/papers?date=${DAY}`, `/api/papers?date=${DAY}`]) {
      const first = await get(app, url);
      const etag = first.headers.etag;
      const lastModified = first.headers['last-modified'];
      expect(etag, url).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      expect(String(lastModified)).toMatch(RFC822);

      const byTag = await get(app, url, { 'if-none-match': String(etag) });
      expect(byTag.statusCode, url).toBe(304);
      expect(byTag.body).toBe('');
      expect(byTag.headers.etag).toBe(etag);
      const listed = await get(app, url, { 'if-none-match': `W/"other", ${String(etag)}` });
      expect(listed.statusCode, `${url} ${String(etag)} ${String(listed.headers.etag)}`).toBe(304);

      const byDate = await get(app, url, { 'if-modified-since': String(lastModified) });
      expect(byDate.statusCode, url).toBe(304);
      expect(byDate.body).toBe('');

      // A different tag, or a date before the body was made, gets the whole body.
      expect((await get(app, url, { 'if-none-match': 'W/"stale"' })).statusCode).toBe(200);
      const earlier = new Date(Date.parse(String(lastModified)) - 1000).toUTCString();
      expect((await get(app, url, { 'if-modified-since': earlier })).statusCode).toBe(200);
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
      expect((await get(app, url, { 'if-none-match': 'W/"stale"', 'if-modified-since': String(lastModified) })).statusCode).toBe(200);
      // The gzip form has the same (weak) tag and is also answered 304.
      expect((await get(app, url, { 'if-none-match': String(etag), 'accept-encoding': 'gzip' })).statusCode).toBe(304);
    }
  });

  it('conditional GET: a changed listing gets a new ETag and a 200 for the old one', async () => {
    const app = await testApp(ctx.store);
    const before = await get(app, `/papers.atom?date=${DAY}`);
    const added = arxivIdOrThrow('2611.00003');
    await upsertDailyBatch(ctx.store.db, [paper(added, 'A new arrival', ['Grace Hopper'], ['cs.LG'])], [{ day: DAY, paperId: added, source: 'hf-daily', baseline: null }]);
    const after = await get(app, `/papers.atom?date=${DAY}`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain(`${BASE}/papers/${added}`);
  });
});
