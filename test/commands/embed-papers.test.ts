// embedPapers (the embed job's use-case) on a real slice of the bundled papers, on both dialects:
// training, idempotence, re-embedding changed papers, resuming an interrupted build, and an ONNX
// embedder. The catalog embedder trains with a small GloVe file (semantic-fixtures.ts), never the
// full 307 MB conversion.
import { dequantize } from '../../src/search/vectors/quantize.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { embedPapers, type EmbedderChoice, type EmbedOptions } from '../../src/commands/embed-papers.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import type { Embedder } from '../../src/search/embedder.js';
import { OnnxEmbedder } from '../../src/search/embedders/onnx.js';
import type { Store } from '../../src/store/db.js';
import { countEmbeddings, countPapers, embeddingModel, embeddingsAfter, papersToEmbed, storedEmbedding } from '../../src/store/embeddings.js';
import { findPaper } from '../../src/store/papers-read.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { describeEachDialect } from '../support/dialects.js';
import { importBundleDays, smallGloveCache, type GloveCache } from '../support/semantic-fixtures.js';
import { makeTinyOnnxModel, TINY_MODEL_DIMS, type TinyModel } from '../support/tiny-onnx-model.js';

/**
 * Featured days imported: 100 papers; 279 (more than one embedding batch of 256) where an
 * interrupted build is resumed, embedded with the tiny ONNX model: training the catalog embedder on
 * as many papers takes ~5 s (its cost grows with the cube of min(papers, 268)).
 */
const MANY_DAYS = 20;
const DAYS = 10;
const NOW = new Date('2026-11-30T10:00:00.000Z');

let cache: GloveCache;
let tiny: TinyModel;
let onnx: OnnxEmbedder;

beforeAll(async () => {
  cache = await smallGloveCache();
  tiny = makeTinyOnnxModel();
  onnx = await OnnxEmbedder.load(tiny.folder);
});

afterAll(async () => {
  await onnx?.close();
  tiny?.remove();
  cache?.remove();
});

function options(over: Partial<EmbedOptions> & { embedder?: EmbedderChoice } = {}): EmbedOptions & { readonly logged: string[] } {
  const logged: string[] = [];
  return { embedder: 'catalog', cacheDir: cache.dir, now: () => NOW, log: (m) => logged.push(m), logged, ...over };
}

async function allKeys(store: Store, modelId: string): Promise<string[]> {
  return (await embeddingsAfter(store, modelId, 0, 100_000)).map((e) => e.key).sort();
}

function letterCounts(text: string): Float32Array {
  const v = new Float32Array(26);
  for (const c of text.toLowerCase()) {
    const i = c.charCodeAt(0) - 97;
    if (i >= 0 && i < 26) v[i] = (v[i] ?? 0) + 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

async function paperIds(store: Store): Promise<string[]> {
  return (await store.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
}

describeEachDialect('embedPapers', (ctx) => {
  it('does nothing on an empty catalog', async () => {
    expect(await embedPapers(ctx.store, options())).toEqual({ model: null, trained: false, embedded: 0, activated: false });
    expect(await embeddingModel(ctx.store, 'building')).toBeNull();
  });

  it('trains, embeds every paper and activates; a second run embeds nothing; a changed paper alone is embedded again', async () => {
    const s = ctx.store;
    const papers = await importBundleDays(s, DAYS);
    expect(papers).toBeGreaterThanOrEqual(100);
    expect(papers).toBe(await countPapers(s));

    const first = options();
    const r1 = await embedPapers(s, first);
    expect(r1).toEqual({ model: `catalog:${NOW.toISOString()}:${papers}`, trained: true, embedded: papers, activated: true });
    expect(first.logged.join('\n')).toMatch(new RegExp(`trained on ${papers} papers`));
    if (cache.file) expect(first.logged.join('\n')).not.toMatch(/without GloVe/);
    const model = await embeddingModel(s, 'active');
    expect(model).toMatchObject({ id: r1.model, state: 'active', trainedDocs: papers });
    expect(model?.params?.length).toBeGreaterThan(0);
    expect(model?.scale).toBeGreaterThan(0);
    expect(await embeddingModel(s, 'building')).toBeNull();
    expect(await allKeys(s, r1.model!)).toEqual(await paperIds(s));
    const vector = await storedEmbedding(s, r1.model!, (await paperIds(s))[0]!);
    expect(vector).toHaveLength(model!.dims);
    // Quantized unit vectors: not all zero, within int8.
    expect(vector!.some((x) => x !== 0)).toBe(true);

    const r2 = await embedPapers(s, options({ now: () => new Date(NOW.getTime() + 600_000) }));
    expect(r2).toEqual({ model: r1.model, trained: false, embedded: 0, activated: false });
    expect(await papersToEmbed(s, r1.model!, '', 10)).toEqual([]);

    // A new version of one paper: only it is embedded again, with a vector for its new text.
    const target = (await paperIds(s))[7]!;
    const before = await storedEmbedding(s, r1.model!, target);
    const paper = (await findPaper(s.db, arxivIdOrThrow(target)))!;
    await upsertPapers(s.db, [{
      id: paper.id,
      title: paper.title,
      abstract: 'Quantum error correction with surface codes on superconducting qubits, decoded by minimum-weight perfect matching.',
      authors: paper.authors,
      categories: paper.categories,
      ...(paper.publishedAt ? { publishedAt: paper.publishedAt } : {}),
    }]);
    const lastSeq = (await embeddingsAfter(s, r1.model!, 0, 100_000)).reduce((m, e) => Math.max(m, e.seq), 0);
    const r3 = await embedPapers(s, options());
    expect(r3).toEqual({ model: r1.model, trained: false, embedded: 1, activated: false });
    expect((await embeddingsAfter(s, r1.model!, lastSeq, 100)).map((e) => e.key)).toEqual([target]);
    expect(Array.from((await storedEmbedding(s, r1.model!, target))!)).not.toEqual(Array.from(before!));
    expect(await countEmbeddings(s, r1.model!)).toBe(papers);
  });

  it('resumes an interrupted catalog build with the embedder it trained, without training again', async () => {
    const s = ctx.store;
    const papers = await importBundleDays(s, DAYS);
    // Aborted before the first batch: the model is trained and registered, nothing embedded.
    const stopped = new AbortController();
    stopped.abort();
    const r1 = await embedPapers(s, options({ signal: stopped.signal }));
    expect(r1).toMatchObject({ trained: true, embedded: 0, activated: false });
    const building = await embeddingModel(s, 'building');
    expect(building).toMatchObject({ id: r1.model, state: 'building', trainedDocs: papers });
    expect(await embeddingModel(s, 'active')).toBeNull();
    expect(await countEmbeddings(s, r1.model!)).toBe(0);

    // A later run (a later clock) continues that model rather than training a new one.
    const r2 = await embedPapers(s, options({ now: () => new Date(NOW.getTime() + 3_600_000) }));
    expect(r2).toEqual({ model: r1.model, trained: false, embedded: papers, activated: true });
    const active = await embeddingModel(s, 'active');
    expect(active).toMatchObject({ id: r1.model, scale: building!.scale });
    expect(Buffer.from(active!.params!).equals(Buffer.from(building!.params!))).toBe(true);
    expect(await allKeys(s, r1.model!)).toEqual(await paperIds(s));
  });

  it('stops after the batch in progress when aborted, keeps the previous model serving, and resumes with the rest', async () => {
    const s = ctx.store;
    const papers = await importBundleDays(s, MANY_DAYS);
    expect(papers).toBeGreaterThan(256);
    /** The ONNX model under another id, telling when it embeds. */
    const as = (id: string, onEmbed: () => void = () => {}): Embedder => ({
      id,
      dims: onnx.dims,
      embedDocuments: (docs) => {
        onEmbed();
        return onnx.embedDocuments(docs);
      },
      embedQuery: (text) => onnx.embedQuery(text),
      close: () => Promise.resolve(),
    });
    // The model serving before: any vectors will do (letter counts, cheaper than the model).
    const letters: Embedder = {
      id: 'test:previous',
      dims: 26,
      embedDocuments: (docs) => Promise.resolve(docs.map((d) => letterCounts(`${d.title} ${d.text}`))),
      embedQuery: (text) => Promise.resolve(letterCounts(text)),
      close: () => Promise.resolve(),
    };
    const previous = await embedPapers(s, options({ embedder: letters }));
    expect(previous).toMatchObject({ model: 'test:previous', embedded: papers, activated: true });

    // Registered (its scale chosen from a sample), then stopped before any batch.
    const stopped = new AbortController();
    stopped.abort();
    expect(await embedPapers(s, options({ embedder: onnx, signal: stopped.signal }))).toEqual({ model: onnx.id, trained: false, embedded: 0, activated: false });

    // Aborted while the first batch is being embedded: that batch is written, nothing after it.
    const controller = new AbortController();
    let calls = 0;
    const r2 = await embedPapers(s, options({ embedder: as(onnx.id, () => { calls += 1; controller.abort(); }), signal: controller.signal }));
    expect(calls).toBe(1);
    expect(r2).toMatchObject({ model: onnx.id, trained: false, activated: false });
    expect(r2.embedded).toBeGreaterThan(0);
    expect(r2.embedded).toBeLessThan(papers);
    // Batches walk the catalog in id order.
    expect(await allKeys(s, onnx.id)).toEqual((await paperIds(s)).slice(0, r2.embedded));
    expect(await embeddingModel(s, 'building')).toMatchObject({ id: onnx.id });
    // Searches meanwhile keep the previous model and all its vectors.
    expect(await embeddingModel(s, 'active')).toMatchObject({ id: 'test:previous' });
    expect(await countEmbeddings(s, 'test:previous')).toBe(papers);

    const r3 = await embedPapers(s, options({ embedder: onnx }));
    expect(r3).toEqual({ model: onnx.id, trained: false, embedded: papers - r2.embedded, activated: true });
    expect(await embeddingModel(s, 'active')).toMatchObject({ id: onnx.id, dims: TINY_MODEL_DIMS });
    expect(await embeddingModel(s, 'building')).toBeNull();
    expect(await allKeys(s, onnx.id)).toEqual(await paperIds(s));
    expect(await countEmbeddings(s, 'test:previous')).toBe(0);
  });

  it('embeds with an ONNX model under its own id and width, replacing the catalog model on activation', async () => {
    const s = ctx.store;
    const papers = await importBundleDays(s, 6);
    // No catalog model: the ONNX model goes straight in.
    const r1 = await embedPapers(s, options({ embedder: onnx }));
    expect(onnx.id).toMatch(/^onnx:tiny-bert/);
    expect(r1).toEqual({ model: onnx.id, trained: false, embedded: papers, activated: true });
    const model = await embeddingModel(s, 'active');
    expect(model).toMatchObject({ id: onnx.id, dims: TINY_MODEL_DIMS, params: null, trainedDocs: 0 });
    const stored = await embeddingsAfter(s, onnx.id, 0, 100_000);
    expect(stored).toHaveLength(papers);
    for (const e of stored) expect(e.vector).toHaveLength(TINY_MODEL_DIMS);
    // The int8 vectors, with the model's center added back, keep the direction of the model's own vectors.
    const [first] = await papersToEmbed(s, 'nothing-embedded-here', '', 1);
    const [exact] = await onnx.embedDocuments([{ title: first!.title, text: first!.abstract }]);
    const q = dequantize((await storedEmbedding(s, onnx.id, first!.id))!, model!.scale, model!.center);
    const dot = Array.from(q).reduce((sum, x, i) => sum + x * exact![i]!, 0);
    const norm = Math.sqrt(Array.from(q).reduce((sum, x) => sum + x * x, 0));
    expect(dot / norm).toBeGreaterThan(0.99);
    expect(await embedPapers(s, options({ embedder: onnx }))).toMatchObject({ model: onnx.id, embedded: 0, activated: false });

    // Switching to the catalog embedder builds a new model beside it, then drops the ONNX vectors.
    const r2 = await embedPapers(s, options());
    expect(r2).toMatchObject({ trained: true, embedded: papers, activated: true });
    expect(r2.model).toMatch(/^catalog:/);
    expect(await countEmbeddings(s, onnx.id)).toBe(0);
    const rows = await s.db.selectFrom('embedding_models').select(['id', 'state']).execute();
    expect(rows).toEqual([{ id: r2.model, state: 'active' }]);
  });
});
