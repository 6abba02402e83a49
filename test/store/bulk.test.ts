import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ArxivId } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { importProgress, upsertPapersBulk } from '../../src/store/papers-bulk.js';
import { loadPapers } from '../../src/store/papers-read.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { describeEachDialect, freshStore } from '../support/dialects.js';

const ids = ['2401.00001', '2401.00002', '2401.00003', 'hep-th/9901001'] as ArxivId[];

const record: fc.Arbitrary<PaperRecord> = fc.record(
  {
    id: fc.constantFrom(...ids),
    title: fc.string({ minLength: 1, maxLength: 20 }),
    abstract: fc.string({ maxLength: 40 }),
    authors: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }),
    categories: fc.array(fc.constantFrom('cs.LG', 'cs.AI', 'hep-th', 'math.AG'), { maxLength: 3 }),
    publishedAt: fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'),
    doi: fc.option(fc.constantFrom('10.1/a', '10.2/b')),
    withdrawn: fc.boolean(),
    versions: fc.constantFrom([], [{ version: 1, submittedAt: '2024-01-01T00:00:00.000Z' }]),
    links: fc.constantFrom([], [{ kind: 'code' as const, url: 'https://github.com/x/y', stars: 3, starsReadAt: '2024-01-02T00:00:00.000Z' }]),
  },
  { requiredKeys: ['id', 'title', 'abstract'] },
);

describeEachDialect('bulk upsert', (ctx) => {
  it('ends with the same catalog as the per-record path, for any sequence of partial records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(record, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        const slow = await freshStore(ctx.dialect);
        const fast = await freshStore(ctx.dialect);
        try {
          for (const batch of batches) {
            const a = await upsertPapers(slow.db, batch, new Date('2026-01-01T00:00:00Z'));
            const b = await upsertPapersBulk(fast, batch, null, new Date('2026-01-01T00:00:00Z'));
            expect(b.inserted + b.updated + b.unchanged).toBe(a.inserted + a.updated + a.unchanged);
          }
          expect(await loadPapers(fast.db, ids)).toEqual(await loadPapers(slow.db, ids));
        } finally {
          await slow.close();
          await fast.close();
        }
      }),
      { numRuns: ctx.dialect === 'sqlite' ? 40 : 10 },
    );
  });

  it('commits the progress row with the batch, and a failing batch commits neither', async () => {
    const good: PaperRecord = { id: ids[0]!, title: 'T', abstract: 'A', authors: ['X'] };
    await upsertPapersBulk(ctx.store, [good], { key: 'k', source: 'kaggle', linesDone: 10, completed: false });
    expect(await importProgress(ctx.store, 'k')).toEqual({ linesDone: 10, completed: false });
    const bad = { id: ids[1]!, title: 'T', abstract: 'A', links: [{ kind: 'video' as 'code', url: 'x', stars: null, starsReadAt: null }] };
    await expect(upsertPapersBulk(ctx.store, [{ ...good, id: ids[2]! }, bad], { key: 'k', source: 'kaggle', linesDone: 20, completed: true })).rejects.toThrow();
    expect(await importProgress(ctx.store, 'k')).toEqual({ linesDone: 10, completed: false });
    expect((await loadPapers(ctx.store.db, ids)).size).toBe(1);
  });
});
