// The keyword index and engine against real databases: SQLite runs FTS5; PostgreSQL has no keyword
// search yet and must say so clearly while every write path keeps working.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { parseQuery } from '../../src/domain/query-parser.js';
import { NO_FILTERS, type SearchFilters } from '../../src/domain/search.js';
import type { SearchRequest } from '../../src/search/engine.js';
import { searchEngine } from '../../src/search/engines.js';
import { DEFAULT_TUNING } from '../../src/search/keyword.js';
import type { Store } from '../../src/store/db.js';
import { keywordIndex, KeywordSearchUnsupportedError } from '../../src/store/keyword-index.js';
import { upsertPapersBulk } from '../../src/store/papers-bulk.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { describeEachDialect } from '../support/dialects.js';

const id = arxivIdOrThrow;

function paper(n: number, over: Partial<PaperRecord>): PaperRecord {
  return {
    id: id(`2401.${String(n).padStart(5, '0')}`),
    title: `Paper ${n}`,
    abstract: 'Nothing to see here.',
    authors: ['Ada Lovelace'],
    categories: ['math.AG'],
    publishedAt: `2024-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    ...over,
  };
}

const CATALOG: PaperRecord[] = [
  paper(1, { title: 'Kernel methods in machine learning', abstract: 'We review positive definite kernels.', authors: ['Bernhard Schölkopf', 'Alex Smola'], categories: ['cs.LG', 'stat.ML'] }),
  paper(2, { title: 'Deep residual learning', abstract: 'Residual networks ease training; kernels are not used.', authors: ['Kaiming He'], categories: ['cs.CV'],
    links: [{ kind: 'code', url: 'https://github.com/k/resnet', stars: 10, starsReadAt: '2024-02-01T00:00:00.000Z' }] }),
  paper(3, { title: 'Attention is all you need', abstract: 'The transformer relies on attention, not recurrence or kernel tricks.', authors: ['Ashish Vaswani'], categories: ['cs.CL', 'cs.LG'] }),
  paper(4, { title: 'Graph neural networks', abstract: 'Message passing on graphs <script>alert(1)</script>.', authors: ['Petar Veličković'], categories: ['cs.LG'],
    publishedAt: '2025-03-01T00:00:00.000Z' }),
];

async function search(store: Store, q: string, over: Partial<SearchRequest> & { filters?: SearchFilters | null } = {}) {
  const result = await searchEngine(store, 'keyword').search({
    query: parseQuery(q), filters: NO_FILTERS, sort: 'relevance', limit: 10, offset: 0, highlight: false, count: false, ...over,
  });
  return result;
}
const keys = async (store: Store, q: string, over: Partial<SearchRequest> = {}) => (await search(store, q, over)).hits.map((h) => h.key);

describeEachDialect('keyword search', (ctx) => {
  async function load(records = CATALOG) {
    await upsertPapers(ctx.store.db, records);
    await indexPendingPapers(ctx.store);
  }

  if (ctx.dialect === 'postgres') {
    it('is not supported yet on PostgreSQL, says so, and leaves writes working', async () => {
      await load();
      expect(await keywordIndex(ctx.store).pending()).toBe(0);
      await expect(search(ctx.store, 'kernel')).rejects.toThrow(KeywordSearchUnsupportedError);
      await expect(search(ctx.store, 'kernel')).rejects.toThrow(/not supported yet on PostgreSQL/);
    });
    return;
  }

  it('finds papers by stemmed words, folded diacritics and authors, title matches first', async () => {
    await load();
    expect(await keys(ctx.store, 'kernel')).toEqual(['2401.00001', '2401.00002', '2401.00003']);
    expect(await keys(ctx.store, 'Scholkopf')).toEqual(['2401.00001']);
    expect(await keys(ctx.store, 'author:"petar velickovic"')).toEqual(['2401.00004']);
    expect(await keys(ctx.store, 'author:smola kernels')).toEqual(['2401.00001']);
    expect(await keys(ctx.store, '"residual learning"')).toEqual(['2401.00002']);
    expect(await keys(ctx.store, '"learning residual"')).toEqual([]);
  });

  it('puts papers holding every word first, then those holding some', async () => {
    await load();
    const r = await search(ctx.store, 'transformer attention kernels');
    expect(r.hits[0]).toMatchObject({ key: '2401.00003', tier: 'all' });
    expect(r.hits.slice(1).map((h) => h.tier)).toEqual(['some', 'some']);
    expect(new Set(r.hits.slice(1).map((h) => h.key))).toEqual(new Set(['2401.00001', '2401.00002']));
    expect(await keys(ctx.store, 'kernel -residual -"attention"')).toEqual(['2401.00001']);
  });

  it('applies category, date and code filters from the query and the controls, and sorts by date', async () => {
    await load();
    expect(await keys(ctx.store, 'kernel cat:cs.LG')).toEqual(['2401.00001', '2401.00003']);
    expect(await keys(ctx.store, 'kernel cat:cs')).toEqual(['2401.00001', '2401.00002', '2401.00003']);
    expect(await keys(ctx.store, 'kernel', { filters: { ...NO_FILTERS, hasCode: true } })).toEqual(['2401.00002']);
    expect(await keys(ctx.store, 'kernel', { sort: 'date' })).toEqual(['2401.00003', '2401.00002', '2401.00001']);
    expect(await keys(ctx.store, 'year:2025')).toEqual(['2401.00004']);
    expect(await keys(ctx.store, 'cat:cs.LG year:..2024')).toEqual(['2401.00003', '2401.00001']);
    const from = '2024-01-02' as SearchFilters['from'];
    expect(await keys(ctx.store, 'kernel', { filters: { ...NO_FILTERS, from, to: from } })).toEqual(['2401.00002']);
    expect(await keys(ctx.store, '-kernel')).toEqual([]);
  });

  it('marks matched terms in the title and an abstract snippet, as data for the view to escape', async () => {
    await load();
    const r = await search(ctx.store, 'graph message', { highlight: true, count: true });
    expect(r.matchedAll).toEqual({ count: 1, capped: false });
    const hit = r.hits[0];
    expect(hit?.title).toEqual([{ text: 'Graph', match: true }, { text: ' neural networks', match: false }]);
    expect(hit?.snippet).toContainEqual({ text: 'Message', match: true });
    expect(hit?.snippet?.map((s) => s.text).join('')).toContain('<script>alert(1)</script>');
  });

  it('reindexes a paper whose text or authors change, through both write paths', async () => {
    await load();
    await upsertPapers(ctx.store.db, [{ ...CATALOG[1]!, title: 'Very deep convolutional networks' }]);
    await upsertPapersBulk(ctx.store, [{ ...CATALOG[2]!, authors: ['Noam Shazeer'] }], null);
    expect(await keywordIndex(ctx.store).pending()).toBe(2);
    expect(await indexPendingPapers(ctx.store)).toBe(2);
    expect((await search(ctx.store, 'residual training')).hits).toMatchObject([{ key: '2401.00002', tier: 'all' }]); // the abstract
    expect(await keys(ctx.store, 'convolutional')).toEqual(['2401.00002']);
    expect(await keys(ctx.store, 'vaswani')).toEqual([]);
    expect(await keys(ctx.store, 'shazeer')).toEqual(['2401.00003']);
    await ctx.store.db.deleteFrom('papers').where('id', '=', '2401.00003').execute();
    expect(await indexPendingPapers(ctx.store)).toBe(1);
    expect(await keys(ctx.store, 'shazeer')).toEqual([]);
  });

  it('pages through results without repeats', async () => {
    const many = Array.from({ length: 25 }, (_, i) => paper(i + 1, { title: i % 2 ? 'sparse attention' : 'attention', abstract: 'attention sparse' }));
    await load(many);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const r = await search(ctx.store, 'sparse attention', { offset });
      seen.push(...r.hits.map((h) => h.key));
      if (!r.hasMore) break;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('matches a query of words in most papers without ranking them, when the index is large enough to matter', async () => {
    await load();
    // "kernel" is in 3 of 4 papers: FTS5 would give it an idf of ~0 after walking its postings.
    const engine = searchEngine(ctx.store, 'keyword', { keyword: { ...DEFAULT_TUNING, unrankedFromDocs: 0 } });
    const run = async (q: string) =>
      engine.search({ query: parseQuery(q), filters: NO_FILTERS, sort: 'relevance', limit: 10, offset: 0, highlight: true, count: true });
    const alone = await run('kernel');
    expect(new Set(alone.hits.map((h) => h.key))).toEqual(new Set(['2401.00001', '2401.00002', '2401.00003']));
    expect(alone.hits.every((h) => h.tier === 'all' && h.score === 0)).toBe(true);
    expect(alone.matchedAll).toEqual({ count: 3, capped: false });
    expect(alone.hits.find((h) => h.key === '2401.00001')?.title?.[0]).toEqual({ text: 'Kernel', match: true });
    // Mixed with a rarer word, every word is ranked as usual.
    const mixed = await run('kernel attention');
    expect(mixed.hits[0]).toMatchObject({ key: '2401.00003', tier: 'all' });
    expect(mixed.hits.slice(1).map((h) => h.tier)).toEqual(['some', 'some']);
    expect(new Set((await run('kernel -residual')).hits.map((h) => h.key))).toEqual(new Set(['2401.00001', '2401.00003']));
    expect((await run('kernel cat:cs.CV')).hits.map((h) => h.key)).toEqual(['2401.00002']);
  });

  it('never fails on any query text', async () => {
    await load();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('"', '-', '*', '(', ')', ':', 'NOT', 'AND', 'OR', 'NEAR', 'author:', 'kernel', ' ', '^', '{', '}'), maxLength: 12 })), async (q) => {
        const r = await search(ctx.store, q, { highlight: true, count: true });
        expect(Array.isArray(r.hits)).toBe(true);
        const unranked = searchEngine(ctx.store, 'keyword', { keyword: { ...DEFAULT_TUNING, unrankedFromDocs: 0 } });
        const u = await unranked.search({ query: parseQuery(q), filters: NO_FILTERS, sort: 'date', limit: 5, offset: 0, highlight: true, count: true });
        expect(Array.isArray(u.hits)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
