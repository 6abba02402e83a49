import { expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { DailyEntryRecord, PaperRecord } from '../../src/domain/paper.js';
import type { Day } from '../../src/domain/period.js';
import { entriesBetween, latestDay, neighbourDays } from '../../src/store/daily-read.js';
import { countPapers, featuredDays, findPaper } from '../../src/store/papers-read.js';
import { upsertDailyBatch, upsertPapers } from '../../src/store/papers-write.js';
import { describeEachDialect } from '../support/dialects.js';

const id = arxivIdOrThrow;

function paper(over: Partial<PaperRecord> & { id: PaperRecord['id'] }): PaperRecord {
  return { title: `Title of ${over.id}`, abstract: 'An abstract. Second sentence.', authors: ['Ada Lovelace', 'Alan Turing'], ...over };
}

function entry(day: string, paperId: string, upvotes: number): DailyEntryRecord {
  return { day: day as Day, paperId: id(paperId), source: 'hf-daily', baseline: { source: 'hf-daily', upvotes, comments: 1, asOf: day as Day } };
}

describeEachDialect('catalog store', (ctx) => {
  it('stores a full paper, including an old-style id, and reads it back', async () => {
    const record = paper({
      id: id('hep-th/9901001'),
      categories: ['hep-th', 'gr-qc'],
      publishedAt: '1999-01-04T00:00:00.000Z',
      updatedAt: '1999-02-01T00:00:00.000Z',
      comments: '12 pages',
      journalRef: 'Phys. Rev. D 60 (1999) 1',
      doi: '10.1103/PhysRevD.60.000001',
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
      withdrawn: false,
      aiKeywords: ['strings'],
      versions: [{ version: 1, submittedAt: '1999-01-04T00:00:00.000Z' }, { version: 2, submittedAt: '1999-02-01T00:00:00.000Z' }],
      links: [{ kind: 'code', url: 'https://github.com/a/b', stars: 7, starsReadAt: '2026-01-01T00:00:00.000Z' }],
    });
    expect(await upsertPapers(ctx.store.db, [record])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const stored = await findPaper(ctx.store.db, id('hep-th/9901001'));
    expect(stored).toMatchObject({
      id: 'hep-th/9901001',
      authors: ['Ada Lovelace', 'Alan Turing'],
      categories: ['hep-th', 'gr-qc'],
      primaryCategory: 'hep-th',
      journalRef: 'Phys. Rev. D 60 (1999) 1',
      withdrawn: false,
      aiKeywords: ['strings'],
      versions: [{ version: 1 }, { version: 2 }],
      links: [{ kind: 'code', url: 'https://github.com/a/b', stars: 7 }],
    });
  });

  it('is idempotent: the same records twice change nothing', async () => {
    const records = [paper({ id: id('2401.00001') }), paper({ id: id('2401.00002'), authors: ['Émilie du Châtelet'] })];
    await upsertPapers(ctx.store.db, records);
    const before = await findPaper(ctx.store.db, id('2401.00002'));
    expect(await upsertPapers(ctx.store.db, records, new Date('2030-01-01'))).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await findPaper(ctx.store.db, id('2401.00002'))).toEqual(before);
    expect(await countPapers(ctx.store.db)).toBe(2);
  });

  it('keeps fields another source knew when a later source leaves them out', async () => {
    await upsertPapers(ctx.store.db, [paper({ id: id('2401.00003'), categories: ['cs.LG', 'cs.AI'], doi: '10.1/x' })]);
    await upsertPapers(ctx.store.db, [paper({ id: id('2401.00003'), title: 'New title', authors: ['Only One'] })]);
    const stored = await findPaper(ctx.store.db, id('2401.00003'));
    expect(stored).toMatchObject({ title: 'New title', authors: ['Only One'], categories: ['cs.LG', 'cs.AI'], doi: '10.1/x' });
  });

  it('rolls the whole batch back when one record is invalid', async () => {
    const bad = paper({ id: id('2401.00005'), links: [{ kind: 'video' as 'code', url: 'https://x', stars: null, starsReadAt: null }] });
    await expect(upsertPapers(ctx.store.db, [paper({ id: id('2401.00004') }), bad])).rejects.toThrow();
    expect(await countPapers(ctx.store.db)).toBe(0);
  });

  it('records daily entries once, keeps the newest baseline, and navigates days', async () => {
    const a = paper({ id: id('2401.00010') });
    const b = paper({ id: id('2401.00011') });
    await upsertDailyBatch(ctx.store.db, [a, b], [entry('2024-01-02', '2401.00010', 5), entry('2024-01-02', '2401.00011', 9)]);
    const again = await upsertDailyBatch(ctx.store.db, [a, b], [entry('2024-01-02', '2401.00010', 5), entry('2024-01-02', '2401.00011', 9)]);
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 2, newEntries: 0 });
    // Featured again a week later with a newer count; then an older reading arrives and is ignored.
    await upsertDailyBatch(ctx.store.db, [a], [entry('2024-01-09', '2401.00010', 40)]);
    await upsertDailyBatch(ctx.store.db, [a], [entry('2024-01-05', '2401.00010', 1)]);
    expect((await findPaper(ctx.store.db, id('2401.00010')))?.baseline).toEqual({ source: 'hf-daily', upvotes: 40, comments: 1, asOf: '2024-01-09' });
    expect(await featuredDays(ctx.store.db, id('2401.00010'))).toEqual(['2024-01-02', '2024-01-05', '2024-01-09']);
    expect(await latestDay(ctx.store.db)).toBe('2024-01-09');
    expect(await neighbourDays(ctx.store.db, '2024-01-05' as Day, '2024-01-05' as Day)).toEqual({ prev: '2024-01-02', next: '2024-01-09' });
    expect(await neighbourDays(ctx.store.db, '2024-01-02' as Day, '2024-01-02' as Day)).toEqual({ prev: null, next: '2024-01-05' });
    const rows = await entriesBetween(ctx.store.db, '2024-01-01' as Day, '2024-01-03' as Day);
    expect(rows.map((r) => [r.paperId, r.sourceName]).sort()).toEqual([
      ['2401.00010', 'Hugging Face Daily Papers'],
      ['2401.00011', 'Hugging Face Daily Papers'],
    ]);
  });

  it('hides withdrawn papers from the feed but keeps them in the catalog', async () => {
    await upsertDailyBatch(ctx.store.db, [paper({ id: id('2401.00020'), withdrawn: true })], [entry('2024-02-01', '2401.00020', 3)]);
    expect(await latestDay(ctx.store.db)).toBeNull();
    expect(await entriesBetween(ctx.store.db, '2024-02-01' as Day, '2024-02-01' as Day)).toEqual([]);
    expect((await findPaper(ctx.store.db, id('2401.00020')))?.withdrawn).toBe(true);
  });
});
