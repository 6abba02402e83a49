// The ONNX embedder through the real onnxruntime-node, on a tiny seeded model generated per run.
// Every test also checks that nothing opened a network connection.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { EmbedDoc } from '../../src/search/embedder.js';
import { DOCS_PER_BATCH, OnnxEmbedder, OnnxModelFolderError } from '../../src/search/embedders/onnx.js';
import { makeTinyOnnxModel, TINY_MODEL_DIMS, type TinyModel } from '../support/tiny-onnx-model.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));
const maxAbsDiff = (a: Float32Array, b: Float32Array): number => Math.max(...a.map((x, i) => Math.abs(x - (b[i] ?? 0))));

const WORDS = 'graph neural networks attention transformer retrieval diffusion quantum protein robot sparse token'.split(' ');
/** Documents of varied lengths (so batches pad), crossing the batch boundary twice. */
const DOCS: EmbedDoc[] = Array.from({ length: 2 * DOCS_PER_BATCH + 7 }, (_, i) => ({
  title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`,
  text: Array.from({ length: i % 13 }, (_, j) => WORDS[(i + j) % WORDS.length]).join(' '),
}));

let model: TinyModel;
let embedder: OnnxEmbedder;
let connect: MockInstance;
let fetchSpy: MockInstance;

/** A copy of the tiny model with extra sentence-transformers files, same basename. */
function variant(files: Record<string, unknown>): string {
  const folder = path.join(fs.mkdtempSync(path.join(path.dirname(model.folder), 'variant-')), 'tiny-bert');
  fs.cpSync(model.folder, folder, { recursive: true });
  for (const [name, json] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), JSON.stringify(json));
  }
  return folder;
}

beforeAll(async () => {
  model = makeTinyOnnxModel();
  embedder = await OnnxEmbedder.load(model.folder);
});

afterAll(async () => {
  await embedder?.close();
  model?.remove();
});

beforeEach(() => {
  connect = vi.spyOn(net.Socket.prototype, 'connect');
  fetchSpy = vi.spyOn(globalThis, 'fetch');
});

afterEach(() => {
  expect(connect).not.toHaveBeenCalled();
  expect(fetchSpy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('OnnxEmbedder', () => {
  it('names its space after the folder and a hash of the files, and knows its width', () => {
    expect(embedder.id).toMatch(/^onnx:tiny-bert@[0-9a-f]{12}$/);
    expect(embedder.dims).toBe(TINY_MODEL_DIMS);
  });

  it('returns unit vectors of `dims` components for documents and queries', async () => {
    const vectors = [...(await embedder.embedDocuments(DOCS.slice(0, 5))), await embedder.embedQuery('sparse retrieval')];
    expect(vectors).toHaveLength(6);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_MODEL_DIMS);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('gives the same text the same vector, within a load and across loads', async () => {
    const first = await embedder.embedQuery('Graph neural networks for protein structure');
    expect(await embedder.embedQuery('Graph neural networks for protein structure')).toEqual(first);
    const again = await OnnxEmbedder.load(model.folder);
    try {
      expect(again.id).toBe(embedder.id);
      expect(await again.embedQuery('Graph neural networks for protein structure')).toEqual(first);
    } finally {
      await again.close();
    }
  });

  it('gives different texts different vectors, word order included', async () => {
    const texts = ['graph neural networks', 'neural graph networks', 'quantum robot control', 'zebra 42'];
    const vectors = await Promise.all(texts.map((t) => embedder.embedQuery(t)));
    for (let i = 0; i < vectors.length; i++) {
      for (let j = i + 1; j < vectors.length; j++) expect(dot(vectors[i]!, vectors[j]!)).toBeLessThan(0.999);
    }
  });

  it('embeds a query like a document of the same text', async () => {
    const query = await embedder.embedQuery('Attention Is All You Need');
    const [titleOnly, textOnly, both] = await embedder.embedDocuments([
      { title: 'Attention is all you need', text: '' },
      { title: '  ', text: 'attention is all you need' },
      { title: 'Attention is all you need', text: 'A new transformer.' },
    ]);
    expect(dot(query, titleOnly!)).toBeGreaterThan(0.9999);
    expect(dot(query, textOnly!)).toBeGreaterThan(0.9999);
    expect(dot(await embedder.embedQuery('Attention is all you need. A new transformer.'), both!)).toBeGreaterThan(0.9999);
  });

  it('gives each document the same vector in a batch as alone, in order', async () => {
    const batched = await embedder.embedDocuments(DOCS);
    expect(batched).toHaveLength(DOCS.length);
    for (const [i, doc] of DOCS.entries()) {
      const [alone] = await embedder.embedDocuments([doc]);
      expect(maxAbsDiff(batched[i]!, alone!), `document ${i}`).toBeLessThan(1e-5);
    }
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it('changes its id when a file that shapes the vectors changes, not when the folder moves', async () => {
    const moved = await OnnxEmbedder.load(variant({}));
    const truncated = await OnnxEmbedder.load(variant({ 'sentence_bert_config.json': { max_seq_length: 5 } }));
    try {
      expect(moved.id).toBe(embedder.id);
      expect(truncated.id).not.toBe(embedder.id);
      // Five tokens: [CLS] and four words (transformers.js cuts the tail, [SEP] included).
      const a = await truncated.embedQuery('graph neural networks for robots');
      expect(await truncated.embedQuery('graph neural networks for quantum physics')).toEqual(a);
      expect(dot(await embedder.embedQuery('graph neural networks for quantum physics'), a)).toBeLessThan(0.999);
    } finally {
      await moved.close();
      await truncated.close();
    }
  });

  it('prefixes the prompts of config_sentence_transformers.json', async () => {
    const prompted = await OnnxEmbedder.load(
      variant({ 'config_sentence_transformers.json': { prompts: { query: 'search: ', passage: 'paper: ' } } }),
    );
    try {
      expect(maxAbsDiff(await prompted.embedQuery('diffusion'), await embedder.embedQuery('search: diffusion'))).toBeLessThan(1e-6);
      const [doc] = await prompted.embedDocuments([{ title: 'Diffusion', text: '' }]);
      expect(maxAbsDiff(doc!, await embedder.embedQuery('paper: diffusion'))).toBeLessThan(1e-6);
    } finally {
      await prompted.close();
    }
  });

  it('pools the first token when 1_Pooling asks for CLS', async () => {
    const cls = await OnnxEmbedder.load(variant({ '1_Pooling/config.json': { pooling_mode_cls_token: true, pooling_mode_mean_tokens: false } }));
    try {
      // The tiny graph has no attention, so the [CLS] position never sees the rest of the text.
      expect(await cls.embedQuery('quantum physics')).toEqual(await cls.embedQuery('robot control'));
    } finally {
      await cls.close();
    }
  });

  it('refuses a pooling it does not implement', async () => {
    const folder = variant({ '1_Pooling/config.json': { pooling_mode_mean_tokens: false, pooling_mode_max_tokens: true } });
    await expect(OnnxEmbedder.load(folder)).rejects.toThrow(/1_Pooling\/config\.json asks for a pooling other than mean or CLS/);
  });

  it('fails fast, naming the folder and what is missing, without any network attempt', async () => {
    for (const folder of [path.join(model.folder, 'nowhere'), 'Xenova/all-MiniLM-L6-v2']) {
      const started = performance.now();
      const error: unknown = await OnnxEmbedder.load(folder).catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(500);
      expect(error).toBeInstanceOf(OnnxModelFolderError);
      expect((error as Error).message).toContain(path.resolve(folder));
      expect((error as Error).message).toMatch(/does not exist; it needs config\.json, tokenizer\.json, tokenizer_config\.json, onnx\/model\.onnx/);
    }
    const partial = variant({});
    fs.rmSync(path.join(partial, 'tokenizer.json'));
    await expect(OnnxEmbedder.load(partial)).rejects.toThrow(`ONNX model folder ${partial}: lacks tokenizer.json (`);
  });

  it('refuses to embed after close', async () => {
    const closing = await OnnxEmbedder.load(model.folder);
    await closing.close();
    await expect(closing.embedQuery('graph')).rejects.toThrow(/closed/);
  });
});
