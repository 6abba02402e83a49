// The Hugging Face-compatible endpoints read as huggingface_hub reads them, on both dialects.
// `paperInfo` below follows what PaperInfo.__init__ (huggingface_hub/hf_api.py) takes from each
// answer: id from the item or its `paper`, authors[].name, publishedAt, title, summary, upvotes,
// numComments, the featured time (item publishedAt or submittedOnDailyAt), ai_summary,
// ai_keywords, projectPage, githubRepo, githubStars; and `hubDatetime` what its parse_datetime
// accepts ('%Y-%m-%dT%H:%M:%S.%fZ'). list_daily_papers → GET /api/daily_papers, paper_info →
// GET /api/papers/<id>, list_papers → GET /api/papers/search.
import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { dayOf } from '../../src/domain/period.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

type Json = Record<string, unknown>;

/** parse_datetime of huggingface_hub: only this format is read (older releases need the fraction too). */
function hubDatetime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,9}Z$/.test(value)) throw new Error(`parse_datetime cannot read ${JSON.stringify(value)}`);
  return new Date(value);
}

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
/** Python's `a or b`: the first truthy value. */
const or = (...values: unknown[]): unknown => values.find((v) => Boolean(v) && !(Array.isArray(v) && v.length === 0)) ?? values[values.length - 1];

/** What PaperInfo(**item) ends up with; throws where the client would. */
function paperInfo(item: Json) {
  const paper = obj(item.paper);
  const id = or(item.id, paper.id);
  const authors = or(paper.authors, item.authors);
  const publishedAt = or(paper.publishedAt, item.publishedAt);
  const submittedAt = or(item.publishedAt, item.submittedOnDailyAt);
  return {
    id,
    authors: Array.isArray(authors) ? authors.map((a) => obj(a).name) : null,
    publishedAt: publishedAt ? hubDatetime(publishedAt) : null,
    title: item.title ?? null,
    summary: or(paper.summary, item.summary) ?? null,
    upvotes: or(paper.upvotes, item.upvotes) ?? null,
    comments: item.numComments ?? 0,
    submittedAt: submittedAt ? hubDatetime(submittedAt) : null,
    aiSummary: item.ai_summary ?? null,
    aiKeywords: item.ai_keywords ?? null,
    projectPage: item.projectPage ?? null,
    githubRepo: item.githubRepo ?? null,
    githubStars: item.githubStars ?? null,
    // User objects are never sent: the client would build User(**submittedBy) from them.
    submittedBy: item.submittedBy ?? item.submittedOnDailyBy ?? null,
  };
}

function expectUsable(info: ReturnType<typeof paperInfo>, where: string) {
  expect(typeof info.id, where).toBe('string');
  expect(arxivIdOrThrow(String(info.id))).toBe(info.id);
  expect(info.title, where).toEqual(expect.any(String));
  expect(info.summary, where).toEqual(expect.any(String));
  expect(info.authors, where).toEqual(expect.arrayContaining([expect.any(String)]));
  expect(Number.isInteger(info.upvotes) || info.upvotes === 0, where).toBe(true);
  expect(Number.isInteger(info.comments), where).toBe(true);
  expect(info.submittedBy, where).toBeNull();
  if (info.githubStars !== null) expect(Number.isInteger(info.githubStars)).toBe(true);
  if (info.aiKeywords !== null) expect(info.aiKeywords).toEqual(expect.arrayContaining([expect.any(String)]));
}

const OLD = arxivIdOrThrow('hep-th/9901001');
const LOOSE = arxivIdOrThrow('2611.00042');
const DAY = dayOf(new Date('2026-11-30T00:00:00Z'));

describeEachDialect('Hugging Face clients', (ctx) => {
  beforeEach(async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
    // Timestamps stored without milliseconds, and an old-style id, must still read.
    await upsertDailyBatch(
      ctx.store.db,
      [
        { id: OLD, title: 'Strings, old style', abstract: 'An old-style arXiv id.', authors: ['E. Witten'], categories: ['hep-th'], publishedAt: '1999-01-04T00:00:00Z' },
        { id: LOOSE, title: 'Loose timestamps', abstract: 'Stored without milliseconds.', authors: ['Ada Lovelace'], publishedAt: '2026-11-29T10:00:00Z' },
      ],
      [OLD, LOOSE].map((paperId) => ({ day: DAY, paperId, source: 'hf-daily' as const, baseline: { source: 'hf-daily' as const, upvotes: 2, comments: 1, asOf: DAY } })),
    );
    await indexPendingPapers(ctx.store);
  });

  it('list_daily_papers reads every item of /api/daily_papers', async () => {
    const app = await testApp(ctx.store);
    for (const url of ['/api/daily_papers?date=2026-08-21', '/api/daily_papers?date=2026-11-30', '/api/daily_papers?week=2026-W34&sort=trending', '/api/daily_papers?month=2025-06&limit=3&p=1']) {
      const items = (await app.inject(url)).json<Json[]>();
      expect(items.length, url).toBeGreaterThan(0);
      for (const item of items) {
        const info = paperInfo(item);
        expectUsable(info, url);
        expect(info.submittedAt, url).toBeInstanceOf(Date);
      }
    }
    const day = (await app.inject('/api/daily_papers?date=2026-11-30')).json<Json[]>().map(paperInfo);
    expect(day.map((i) => i.id).sort()).toEqual([LOOSE, OLD].sort());
    const loose = day.find((i) => i.id === LOOSE);
    expect(loose?.publishedAt?.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(loose?.submittedAt?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(loose).toMatchObject({ upvotes: 2, comments: 1, authors: ['Ada Lovelace'] });
    // As on the Hub, a daily item keeps AI summaries, keywords and code links inside `paper` (where
    // raw-JSON clients read them; PaperInfo looks for them on the item and finds none there either).
    const real = (await app.inject('/api/daily_papers?date=2026-08-21&limit=100')).json<Json[]>().map((i) => obj(i.paper));
    expect(real.some((p) => typeof p.ai_summary === 'string' && Array.isArray(p.ai_keywords))).toBe(true);
    expect(real.some((p) => typeof p.githubRepo === 'string' && Number.isInteger(p.githubStars))).toBe(true);
  });

  it('paper_info reads /api/papers/<id>, old-style ids included', async () => {
    const app = await testApp(ctx.store);
    for (const id of ['2608.19880', OLD, LOOSE]) {
      const res = await app.inject(`/api/papers/${id}`);
      expect(res.statusCode, id).toBe(200);
      const info = paperInfo(res.json<Json>());
      expectUsable(info, id);
      expect(info.id).toBe(id);
      expect(info.publishedAt).toBeInstanceOf(Date);
    }
    expect(paperInfo((await app.inject('/api/papers/hep-th/9901001')).json<Json>()).publishedAt?.toISOString()).toBe('1999-01-04T00:00:00.000Z');
    // On the paper object the code link and stars are top-level, where PaperInfo reads them.
    const real = paperInfo((await app.inject('/api/papers/2608.19880')).json<Json>());
    expect(real).toMatchObject({ githubRepo: 'https://github.com/google-research/envharness', githubStars: 8 });
    // A versioned id redirects to the paper, as on the Hub.
    expect((await app.inject('/api/papers/2608.19880v2')).headers.location).toBe('/api/papers/2608.19880');
  });

  it('list_papers reads /api/papers/search', async () => {
    const app = await testApp(ctx.store);
    const byId = (await app.inject('/api/papers/search?q=2608.19880')).json<Json[]>().map(paperInfo);
    expect(byId.map((i) => i.id)).toEqual(['2608.19880']);
    expectUsable(byId[0] ?? paperInfo({}), 'search by id');
    if (ctx.dialect === 'postgres') return; // keyword search needs SQLite (501 on PostgreSQL, see README)
    const items = (await app.inject('/api/papers/search?q=timestamps&limit=5')).json<Json[]>();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expectUsable(paperInfo(item), 'search');
    expect(items.map(paperInfo).find((i) => i.id === LOOSE)?.publishedAt?.toISOString()).toBe('2026-11-29T10:00:00.000Z');
  });
});
