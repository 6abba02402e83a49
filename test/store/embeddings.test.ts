// Stored embeddings and models (store/embeddings.ts) and the catalog filter semantic search checks
// its candidates against (store/catalog-filter.ts), on both dialects.
import { expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { keysPassing } from '../../src/store/catalog-filter.js';
import type { Store } from '../../src/store/db.js';
import {
  activateEmbeddingModel,
  countEmbeddings,
  createEmbeddingModel,
  embeddingModel,
  embeddingsAfter,
  papersToEmbed,
  storedEmbedding,
  writeEmbeddings,
} from '../../src/store/embeddings.js';
import type { CatalogFilter } from '../../src/store/keyword-index.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { describeEachDialect } from '../support/dialects.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const v = (...xs: number[]) => Int8Array.from(xs);
const model = (id: string, dims = 3) => ({ id, dims, scale: 100, params: null, trainedDocs: 0 });

function paper(n: number, over: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: arxivIdOrThrow(`2401.${String(n).padStart(5, '0')}`),
    title: `Paper ${n}`,
    abstract: `Abstract of paper ${n}.`,
    authors: ['Ada Lovelace'],
    categories: ['math.AG'],
    publishedAt: `2024-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    ...over,
  };
}

const NO_FILTER: CatalogFilter = { from: null, until: null, categories: [], hasCode: false };

async function hashOf(store: Store, id: string): Promise<string> {
  const row = await store.db.selectFrom('papers').select('content_hash').where('id', '=', id).executeTakeFirstOrThrow();
  return row.content_hash;
}

describeEachDialect('stored embeddings', (ctx) => {
  it('hands out vectors in write order after a seq; a replaced key moves to the end and its old row is gone', async () => {
    const s = ctx.store;
    await createEmbeddingModel(s, model('m1'), NOW);
    await writeEmbeddings(s, 'm1', [
      { key: 'a', contentHash: 'ha', vector: v(1, 2, 3) },
      { key: 'b', contentHash: 'hb', vector: v(-4, 5, -6) },
      { key: 'c', contentHash: null, vector: v(127, -127, 0) },
    ]);
    const first = await embeddingsAfter(s, 'm1', 0, 100);
    expect(first.map((e) => e.key)).toEqual(['a', 'b', 'c']);
    const seqs = first.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    // The int8 bytes survive both dialects' blob types, signs included.
    expect(Array.from(first[1]!.vector)).toEqual([-4, 5, -6]);
    expect(Array.from(first[2]!.vector)).toEqual([127, -127, 0]);

    // Paging by seq: the limit and the cursor.
    expect((await embeddingsAfter(s, 'm1', 0, 2)).map((e) => e.key)).toEqual(['a', 'b']);
    expect((await embeddingsAfter(s, 'm1', seqs[1]!, 100)).map((e) => e.key)).toEqual(['c']);
    expect(await embeddingsAfter(s, 'm1', seqs[2]!, 100)).toEqual([]);

    await writeEmbeddings(s, 'm1', [{ key: 'a', contentHash: 'ha2', vector: v(9, 9, 9) }]);
    const after = await embeddingsAfter(s, 'm1', 0, 100);
    expect(after.map((e) => e.key)).toEqual(['b', 'c', 'a']);
    const replaced = after[2]!;
    expect(replaced.seq).toBeGreaterThan(seqs[2]!);
    expect(Array.from(replaced.vector)).toEqual([9, 9, 9]);
    // A reader that had seen everything up to c sees exactly the replacement.
    expect((await embeddingsAfter(s, 'm1', seqs[2]!, 100)).map((e) => [e.key, Array.from(e.vector)])).toEqual([['a', [9, 9, 9]]]);
    expect(await countEmbeddings(s, 'm1')).toBe(3);
    expect(Array.from((await storedEmbedding(s, 'm1', 'a'))!)).toEqual([9, 9, 9]);
    expect(await storedEmbedding(s, 'm1', 'zzz')).toBeNull();
    await writeEmbeddings(s, 'm1', []);
    expect(await countEmbeddings(s, 'm1')).toBe(3);
  });

  it('keeps each model\'s vectors apart and writes more keys than one statement holds', async () => {
    const s = ctx.store;
    await createEmbeddingModel(s, model('m1', 2), NOW);
    await createEmbeddingModel(s, model('m2', 2), NOW);
    const many = Array.from({ length: 1234 }, (_, i) => ({ key: `k${String(i).padStart(4, '0')}`, contentHash: null, vector: v(i % 100, -(i % 100)) }));
    await writeEmbeddings(s, 'm1', many);
    await writeEmbeddings(s, 'm2', [{ key: 'k0000', contentHash: null, vector: v(1, 1) }]);
    expect(await countEmbeddings(s, 'm1')).toBe(1234);
    expect(await countEmbeddings(s, 'm2')).toBe(1);
    const all = await embeddingsAfter(s, 'm1', 0, 5000);
    expect(all.map((e) => e.key)).toEqual(many.map((m) => m.key));
    // Rewriting all of them again (across several 500-key statements) leaves one row per key.
    await writeEmbeddings(s, 'm1', many);
    expect(await countEmbeddings(s, 'm1')).toBe(1234);
    const again = await embeddingsAfter(s, 'm1', all[all.length - 1]!.seq, 5000);
    expect(again).toHaveLength(1234);
    expect(Array.from((await storedEmbedding(s, 'm2', 'k0000'))!)).toEqual([1, 1]);
  });

  it('lists papers without a vector or with a changed content hash, in id order after a cursor', async () => {
    const s = ctx.store;
    await upsertPapers(s.db, [paper(3), paper(1), paper(5), paper(2), paper(4)]);
    await createEmbeddingModel(s, model('m1'), NOW);
    await createEmbeddingModel(s, model('other'), NOW);
    const all = await papersToEmbed(s, 'm1', '', 100);
    expect(all.map((p) => p.id)).toEqual(['2401.00001', '2401.00002', '2401.00003', '2401.00004', '2401.00005']);
    expect(all[2]).toEqual({ id: '2401.00003', title: 'Paper 3', abstract: 'Abstract of paper 3.', contentHash: await hashOf(s, '2401.00003') });

    await writeEmbeddings(s, 'm1', await Promise.all(['2401.00001', '2401.00002', '2401.00004'].map(async (id) => ({ key: id, contentHash: await hashOf(s, id), vector: v(1, 0, 0) }))));
    // A vector in another model does not count for this one.
    await writeEmbeddings(s, 'other', [{ key: '2401.00003', contentHash: await hashOf(s, '2401.00003'), vector: v(1, 0, 0) }]);
    expect((await papersToEmbed(s, 'm1', '', 100)).map((p) => p.id)).toEqual(['2401.00003', '2401.00005']);

    // A new version of paper 2 changes its content hash: it is due again, with the new text.
    await upsertPapers(s.db, [paper(2, { abstract: 'A revised abstract.' })]);
    const due = await papersToEmbed(s, 'm1', '', 100);
    expect(due.map((p) => p.id)).toEqual(['2401.00002', '2401.00003', '2401.00005']);
    expect(due[0]).toMatchObject({ abstract: 'A revised abstract.', contentHash: await hashOf(s, '2401.00002') });
    // Rewriting an unchanged paper keeps its hash, so it is not due.
    await upsertPapers(s.db, [paper(4)]);
    expect((await papersToEmbed(s, 'm1', '', 100)).map((p) => p.id)).not.toContain('2401.00004');

    expect((await papersToEmbed(s, 'm1', '2401.00002', 100)).map((p) => p.id)).toEqual(['2401.00003', '2401.00005']);
    expect((await papersToEmbed(s, 'm1', '', 2)).map((p) => p.id)).toEqual(['2401.00002', '2401.00003']);
    expect(await papersToEmbed(s, 'm1', '2401.00005', 100)).toEqual([]);
  });

  it('activates one model, dropping every other model and its vectors', async () => {
    const s = ctx.store;
    await createEmbeddingModel(s, model('old'), NOW);
    await activateEmbeddingModel(s, 'old');
    await writeEmbeddings(s, 'old', [{ key: 'a', contentHash: null, vector: v(1, 2, 3) }]);
    await createEmbeddingModel(s, { ...model('new', 2), scale: 55.5, params: Uint8Array.from([0, 1, 255]), trainedDocs: 42 }, new Date(NOW.getTime() + 1000));
    await writeEmbeddings(s, 'new', [{ key: 'a', contentHash: null, vector: v(4, 5) }]);

    expect(await embeddingModel(s, 'active')).toMatchObject({ id: 'old', state: 'active' });
    const building = await embeddingModel(s, 'building');
    expect(building).toMatchObject({ id: 'new', dims: 2, scale: 55.5, trainedDocs: 42, state: 'building' });
    expect(Array.from(building!.params!)).toEqual([0, 1, 255]);
    // Registering the same id again (a re-run) leaves the row as it was.
    await createEmbeddingModel(s, { ...model('new', 9), scale: 1 }, NOW);
    expect(await embeddingModel(s, 'building')).toMatchObject({ id: 'new', dims: 2, scale: 55.5 });

    await activateEmbeddingModel(s, 'new');
    expect(await embeddingModel(s, 'active')).toMatchObject({ id: 'new', state: 'active' });
    expect(await embeddingModel(s, 'building')).toBeNull();
    expect(await countEmbeddings(s, 'old')).toBe(0);
    expect(await countEmbeddings(s, 'new')).toBe(1);
    const models = await s.db.selectFrom('embedding_models').select('id').execute();
    expect(models.map((m) => m.id)).toEqual(['new']);
  });
});

describeEachDialect('catalog filter for semantic candidates', (ctx) => {
  const code = [{ kind: 'code' as const, url: 'https://github.com/x/y', stars: 3, starsReadAt: '2024-02-01T00:00:00.000Z' }];
  const project = [{ kind: 'project' as const, url: 'https://x.example', stars: null, starsReadAt: null }];
  const CATALOG = [
    paper(1, { categories: ['cs.LG', 'stat.ML'], publishedAt: '2024-01-01T00:00:00.000Z', links: code }),
    paper(2, { categories: ['cs.CV'], publishedAt: '2024-01-10T12:00:00.000Z', links: project }),
    paper(3, { categories: ['hep-th'], publishedAt: '2024-01-20T23:59:59.000Z' }),
    paper(4, { categories: ['CS.CL'], publishedAt: '2024-02-01T00:00:00.000Z', links: code }),
    paper(5, { categories: ['math.AG', 'cs.LG'], publishedAt: '2023-12-31T23:59:59.000Z' }),
    // An archive name that merely starts like another must not match it.
    paper(6, { categories: ['csx.AB'], publishedAt: '2024-01-15T00:00:00.000Z' }),
  ];
  const ALL = CATALOG.map((p) => p.id as string);
  const pass = async (f: Partial<CatalogFilter>, keys: readonly string[] = ALL) => [...(await keysPassing(ctx.store, keys, { ...NO_FILTER, ...f }))].sort();

  it('keeps only catalog papers; dates are [from, until)', async () => {
    await upsertPapers(ctx.store.db, CATALOG);
    expect(await pass({}, [...ALL, '2401.99999', 'not-a-paper'])).toEqual(ALL);
    expect(await pass({}, [])).toEqual([]);
    expect(await pass({ from: '2024-01-10' })).toEqual(['2401.00002', '2401.00003', '2401.00004', '2401.00006']);
    expect(await pass({ until: '2024-01-10' })).toEqual(['2401.00001', '2401.00005']);
    expect(await pass({ from: '2024-01-01', until: '2024-01-21' })).toEqual(['2401.00001', '2401.00002', '2401.00003', '2401.00006']);
    expect(await pass({ from: '2025-01-01' })).toEqual([]);
  });

  it('matches categories exactly or by archive, case-insensitively, and code links only', async () => {
    await upsertPapers(ctx.store.db, CATALOG);
    expect(await pass({ categories: ['cs.LG'] })).toEqual(['2401.00001', '2401.00005']);
    expect(await pass({ categories: ['cs.lg'] })).toEqual(['2401.00001', '2401.00005']);
    expect(await pass({ categories: ['cs'] })).toEqual(['2401.00001', '2401.00002', '2401.00004', '2401.00005']);
    expect(await pass({ categories: ['CS'] })).toEqual(['2401.00001', '2401.00002', '2401.00004', '2401.00005']);
    expect(await pass({ categories: ['hep-th', 'cs.CV'] })).toEqual(['2401.00002', '2401.00003']);
    expect(await pass({ categories: ['hep'] })).toEqual([]);
    expect(await pass({ categories: ['cs.L'] })).toEqual([]);
    expect(await pass({ hasCode: true })).toEqual(['2401.00001', '2401.00004']);
    expect(await pass({ hasCode: true, categories: ['cs'], from: '2024-01-02' })).toEqual(['2401.00004']);
  });

  it('checks more keys than one statement holds', async () => {
    const many = Array.from({ length: 620 }, (_, i) => paper(i + 1, { publishedAt: `2024-${String((i % 12) + 1).padStart(2, '0')}-01T00:00:00.000Z`, categories: i % 2 ? ['cs.LG'] : ['math.AG'] }));
    await upsertPapers(ctx.store.db, many);
    const keys = many.map((p) => p.id as string);
    const got = await keysPassing(ctx.store, keys, { ...NO_FILTER, categories: ['cs'], from: '2024-07-01' });
    const expected = many.filter((p, i) => i % 2 === 1 && (p.publishedAt ?? '') >= '2024-07-01').map((p) => p.id as string);
    expect(expected.length).toBeGreaterThan(100);
    expect([...got].sort()).toEqual(expected.sort());
  });
});
