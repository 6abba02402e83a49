// The catalog-trained embedder on 1,000 real abstracts from the bundled Hugging Face papers: vector
// shape, the stored-parameter round trip and its corruption errors, the GloVe part (with a tiny
// synthetic word-vector table), and a retrieval sanity check — a paper's own title finds it.
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogEmbedder, DEFAULT_CATALOG_TRAIN, trainCatalogEmbedder } from '../../src/search/embedders/catalog.js';
import { CorruptParamsError, decodeCatalogParams, encodeCatalogParams } from '../../src/search/embedders/catalog-params.js';
import type { WordVectors } from '../../src/search/vectors/glove-file.js';
import { seededRandom } from '../../src/search/vectors/linalg.js';
import { words } from '../../src/search/vectors/words.js';
import { BUNDLE } from '../support/paths.js';

interface Paper {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}

/** The first `n` distinct papers of the bundle (one JSON line per featured day). */
function bundledPapers(n: number): Paper[] {
  const seen = new Map<string, Paper>();
  for (const line of gunzipSync(fs.readFileSync(BUNDLE)).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const day = JSON.parse(line) as { papers: { paper: Paper }[] };
    for (const { paper } of day.papers) if (!seen.has(paper.id)) seen.set(paper.id, { id: paper.id, title: paper.title, summary: paper.summary });
    if (seen.size >= n) break;
  }
  return [...seen.values()].slice(0, n);
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));
const cosine = (a: Float32Array, b: Float32Array): number => dot(a, b) / (norm(a) * norm(b));

/** A tiny word-vector table: a fixed random unit vector per listed word. */
function syntheticGlove(list: readonly string[], dims: number): WordVectors {
  const random = seededRandom(77);
  const table = new Map(
    list.map((w) => {
      const v = Float32Array.from({ length: dims }, () => random() - 0.5);
      const n = norm(v);
      return [w, v.map((x) => x / n)] as const;
    }),
  );
  return { dims, size: table.size, get: (w) => table.get(w) };
}

const TRAIN = { ...DEFAULT_CATALOG_TRAIN, dims: 128 };
const bytesOf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

let papers: Paper[];
let texts: string[];
let embedder: CatalogEmbedder;
let docVectors: Float32Array[];

beforeAll(async () => {
  papers = bundledPapers(1000);
  texts = papers.map((p) => `${p.title}\n${p.summary}`);
  // The production options at half the LSA dimensions (256 triples the training time).
  embedder = trainCatalogEmbedder('catalog:test', texts, null, TRAIN);
  docVectors = await embedder.embedDocuments(papers.map((p) => ({ title: p.title, text: p.summary })));
});

describe('CatalogEmbedder without GloVe', () => {
  it('trains on 1,000 bundled abstracts and gives unit vectors of its documented dims', async () => {
    expect(papers).toHaveLength(1000);
    expect(embedder.id).toBe('catalog:test');
    expect(embedder.params.glove).toBeNull();
    expect(embedder.dims).toBe(TRAIN.dims);
    expect(embedder.params.term.terms.length).toBeGreaterThan(1000);
    for (const v of docVectors) {
      expect(v).toHaveLength(embedder.dims);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    const q = await embedder.embedQuery('instruction tuning of large language models');
    expect(norm(q)).toBeCloseTo(1, 5);
  });

  it('embeds a document as its title followed by its text', async () => {
    const p = papers[3]!;
    const [asDoc] = await embedder.embedDocuments([{ title: p.title, text: p.summary }]);
    expect(asDoc).toEqual(await embedder.embedQuery(`${p.title} ${p.summary}`));
    expect(cosine(asDoc!, await embedder.embedQuery(p.summary))).toBeLessThan(1 - 1e-6);
  });

  it('gives the zero vector, which matches nothing, to a text without any known word', async () => {
    const v = await embedder.embedQuery('the of and zzqx');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it("finds most papers within the top 10 of the 1,000 by their own title", async () => {
    // Measured 19/20 (20/20 at 256 dims); a broken fold-in or term weighting falls far below.
    let found = 0;
    for (let i = 0; i < papers.length; i += 50) {
      const q = await embedder.embedQuery(papers[i]!.title);
      const own = dot(q, docVectors[i]!);
      const better = docVectors.filter((v) => dot(q, v) > own).length;
      if (better < 10) found++;
    }
    expect(found).toBeGreaterThanOrEqual(15);
  });

  it('places papers on the same subject closer than papers on unrelated ones', async () => {
    const [speech, speech2, scenes] = await Promise.all([
      embedder.embedQuery('text-to-speech synthesis of natural speech audio with a neural vocoder'),
      embedder.embedQuery('speech generation and voice cloning from audio prompts'),
      embedder.embedQuery('3D reconstruction of scenes from multi-view images with gaussian splatting'),
    ]);
    expect(cosine(speech, speech2)).toBeGreaterThan(cosine(speech, scenes) + 0.2);
  });
});

describe('catalog parameters as stored', () => {
  it('decode(encode(params)) embeds like the original (cosine ≥ 0.99)', async () => {
    const buf = encodeCatalogParams(embedder.params);
    const decoded = decodeCatalogParams(new Uint8Array(buf));
    expect(decoded.term.terms).toEqual(embedder.params.term.terms);
    expect(bytesOf(decoded.term.idf).equals(bytesOf(embedder.params.term.idf))).toBe(true);
    expect(decoded.term.dims).toBe(embedder.params.term.dims);
    expect(decoded.glove).toBeNull();
    const again = new CatalogEmbedder('catalog:test', decoded);
    expect(again.dims).toBe(embedder.dims);
    const sample = papers.filter((_, i) => i % 10 === 0);
    const vectors = await again.embedDocuments(sample.map((p) => ({ title: p.title, text: p.summary })));
    vectors.forEach((v, j) => expect(cosine(v, docVectors[j * 10]!)).toBeGreaterThanOrEqual(0.99));
    // Decoding copies: it does not depend on the buffer's alignment or survive its reuse.
    const shifted = Buffer.concat([Buffer.alloc(3), buf]).subarray(3);
    expect(bytesOf(decodeCatalogParams(shifted).term.vectors).equals(bytesOf(decoded.term.vectors))).toBe(true);
  });

  it('throws CorruptParamsError for an empty, cut, padded or garbled buffer', () => {
    const buf = encodeCatalogParams(embedder.params);
    const headerLength = buf.readUInt32LE(0);
    const corrupt = (b: Buffer) => () => decodeCatalogParams(new Uint8Array(b));
    expect(corrupt(Buffer.alloc(0))).toThrow(CorruptParamsError);
    expect(corrupt(buf.subarray(0, buf.length - 1))).toThrow(CorruptParamsError);
    expect(corrupt(Buffer.concat([buf, Buffer.of(0)]))).toThrow(CorruptParamsError);
    // Cut inside a float32 section, off its 4-byte grid.
    expect(corrupt(buf.subarray(0, 4 + headerLength + 4 * embedder.params.term.terms.length + 3))).toThrow(CorruptParamsError);
    // Cut inside the JSON header.
    expect(corrupt(buf.subarray(0, 4 + Math.floor(headerLength / 2)))).toThrow(CorruptParamsError);
    // A header length beyond the buffer, and header bytes that are not JSON.
    const long = Buffer.from(buf);
    long.writeUInt32LE(buf.length, 0);
    expect(corrupt(long)).toThrow(CorruptParamsError);
    const garbled = Buffer.from(buf);
    garbled.fill(0xff, 4, 12);
    expect(corrupt(garbled)).toThrow(CorruptParamsError);
    // Well-formed JSON of another version.
    const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as Record<string, unknown>;
    const v2 = Buffer.from(JSON.stringify({ ...header, version: 2 }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(v2.length);
    expect(corrupt(Buffer.concat([length, v2, buf.subarray(4 + headerLength)]))).toThrow(CorruptParamsError);
  });

  it('throws CorruptParamsError for every truncation', () => {
    const buf = encodeCatalogParams(embedder.params);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: buf.length - 1 }), (cut) => {
        expect(() => decodeCatalogParams(new Uint8Array(buf.subarray(0, cut)))).toThrow(CorruptParamsError);
      }),
      { numRuns: 40 },
    );
  });
});

describe('CatalogEmbedder with GloVe', () => {
  const GLOVE_DIMS = 8;
  // GloVe is off by default (DEFAULT_CATALOG_TRAIN); these tests turn it on at the weight it was measured with.
  const OPTIONS = { ...DEFAULT_CATALOG_TRAIN, dims: 32, gloveWeight: 0.5 };
  let rare: string;
  let glove: WordVectors;
  let withGlove: CatalogEmbedder;

  beforeAll(() => {
    // A word in exactly one abstract: below minDf, so only the GloVe part knows it.
    const df = new Map<string, number>();
    for (const t of texts) for (const w of new Set(words(t))) df.set(w, (df.get(w) ?? 0) + 1);
    rare = [...df].find(([w, n]) => n === 1 && /^[a-z]{6,}$/.test(w))![0];
    glove = syntheticGlove(['model', 'language', 'image', 'video', 'reasoning', 'speech', rare, 'notinthecorpus'], GLOVE_DIMS);
    withGlove = trainCatalogEmbedder('catalog:glove', texts, glove, OPTIONS);
  });

  it('keeps the vectors of the words the catalog uses, and only those', () => {
    const params = withGlove.params.glove!;
    expect(params.dims).toBe(GLOVE_DIMS);
    expect([...params.words].sort()).toEqual(['image', 'language', 'model', rare, 'reasoning', 'speech', 'video'].sort());
    params.words.forEach((w, i) => expect(params.vectors.subarray(i * GLOVE_DIMS, (i + 1) * GLOVE_DIMS)).toEqual(glove.get(w)));
    expect(withGlove.dims).toBe(OPTIONS.dims + GLOVE_DIMS);
  });

  it('joins two unit parts, the GloVe one at gloveWeight', async () => {
    const v = await withGlove.embedQuery('reasoning in large language models');
    expect(v).toHaveLength(withGlove.dims);
    expect(norm(v)).toBeCloseTo(1, 5);
    const lsa = v.subarray(0, OPTIONS.dims);
    const g = v.subarray(OPTIONS.dims);
    expect(norm(g) / norm(lsa)).toBeCloseTo(OPTIONS.gloveWeight, 5);
  });

  it('still embeds a word only GloVe knows', async () => {
    const v = await withGlove.embedQuery(rare);
    expect(v.subarray(0, OPTIONS.dims).every((x) => x === 0)).toBe(true);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(cosine(v.subarray(OPTIONS.dims), glove.get(rare)!)).toBeCloseTo(1, 5);
  });

  it('round-trips its parameters, GloVe included', async () => {
    const decoded = decodeCatalogParams(new Uint8Array(encodeCatalogParams(withGlove.params)));
    expect(decoded.glove?.words).toEqual(withGlove.params.glove?.words);
    expect(decoded.gloveWeight).toBe(OPTIONS.gloveWeight);
    const again = new CatalogEmbedder('catalog:glove', decoded);
    for (const text of [papers[0]!.summary, papers[500]!.title, `${rare} speech video`]) {
      expect(cosine(await again.embedQuery(text), await withGlove.embedQuery(text))).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('leaves GloVe out at weight 0', () => {
    const without = trainCatalogEmbedder('catalog:zero', texts.slice(0, 200), glove, { ...OPTIONS, gloveWeight: 0 });
    expect(without.params.glove).toBeNull();
    expect(without.dims).toBe(OPTIONS.dims);
  });
});
