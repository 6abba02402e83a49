// The catalog's own term model (LSA by randomized SVD): on synthetic corpora whose topics are known,
// and against the exact answer — the top eigenvectors of XᵀX for the tf-idf matrix X — computed
// densely with symmetricEigen.
import { describe, expect, it } from 'vitest';
import { matrix, seededRandom, symmetricEigen, type Matrix } from '../../src/search/vectors/linalg.js';
import { stems, tfWeight, trainTermModel, type TermModel, type TrainOptions } from '../../src/search/vectors/term-model.js';

const BIO = 'protein enzyme molecule peptide genome cell membrane antibody'.split(' ');
const ASTRO = 'galaxy telescope star orbit planet comet nebula quasar'.split(' ');
const CODE = 'compiler parser bytecode register linker kernel syscall debugger'.split(' ');

const options = (o: Partial<TrainOptions>): TrainOptions => ({ dims: 2, minDf: 2, maxTerms: 10_000, powerIterations: 2, seed: 1, ...o });

/** `n` documents of `length` words drawn from topics chosen with the given shares. */
function corpus(n: number, length: number, topics: readonly (readonly string[])[], shares: readonly number[], seed: number, extra: () => string[] = () => []): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    let u = random();
    let t = 0;
    while (t < shares.length - 1 && u >= shares[t]!) u -= shares[t++]!;
    const topic = topics[t]!;
    return [...Array.from({ length }, () => topic[Math.floor(random() * topic.length)]!), ...extra()].join(' ');
  });
}

function termVector(m: TermModel, term: string): Float32Array {
  const i = m.terms.indexOf(term);
  expect(i, term).toBeGreaterThanOrEqual(0);
  return m.vectors.subarray(i * m.dims, (i + 1) * m.dims);
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    d += a[k]! * b[k]!;
    na += a[k]! ** 2;
    nb += b[k]! ** 2;
  }
  return d / Math.sqrt(na * nb);
}

/**
 * The documented weighting, written out densely: (1 + ln tf)·idf over the model's vocabulary, each
 * document's row scaled to unit length.
 */
function tfidf(texts: readonly string[], m: TermModel): Matrix {
  const x = matrix(texts.length, m.terms.length);
  texts.forEach((text, r) => {
    const tf = new Map<string, number>();
    for (const s of stems(text)) tf.set(s, (tf.get(s) ?? 0) + 1);
    let norm = 0;
    m.terms.forEach((t, c) => {
      const n = tf.get(t);
      if (n === undefined) return;
      const w = tfWeight(n) * m.idf[c]!;
      x.data[r * x.cols + c] = w;
      norm += w * w;
    });
    for (let c = 0; c < x.cols; c++) x.data[r * x.cols + c]! /= Math.sqrt(norm) || 1;
  });
  return x;
}

/** XᵀX for a dense X. */
function gramOf(x: Matrix): Matrix {
  const g = matrix(x.cols, x.cols);
  for (let r = 0; r < x.rows; r++)
    for (let p = 0; p < x.cols; p++) for (let q = 0; q < x.cols; q++) g.data[p * x.cols + q]! += x.data[r * x.cols + p]! * x.data[r * x.cols + q]!;
  return g;
}

/** Column k of the model (the k-th right singular vector) and column k of the exact eigenvectors. */
function columns(m: TermModel, exact: Matrix, k: number): [number[], number[]] {
  const t = m.terms.length;
  return [Array.from({ length: t }, (_, i) => m.vectors[i * m.dims + k]!), Array.from({ length: t }, (_, i) => exact.data[i * t + k]!)];
}

describe('trainTermModel', () => {
  it('points terms of one topic the same way and terms of different topics apart', () => {
    const texts = corpus(80, 10, [BIO, ASTRO], [0.5, 0.5], 7, () => ['method']);
    const m = trainTermModel(texts, options({ dims: 2 }));
    expect(m.dims).toBe(2);
    for (const topic of [BIO, ASTRO])
      for (const a of topic) for (const b of topic) if (a !== b) expect(cosine(termVector(m, a), termVector(m, b)), `${a}/${b}`).toBeGreaterThan(0.95);
    for (const a of BIO) for (const b of ASTRO) expect(Math.abs(cosine(termVector(m, a), termVector(m, b))), `${a}/${b}`).toBeLessThan(0.3);
  });

  it('keeps terms in at least minDf documents, most frequent first, stemmed and without stopwords', () => {
    const texts = ['The models of proteins', 'A model of the protein folding', 'protein kinetics', 'Galaxies and models'];
    const m = trainTermModel(texts, options({ dims: 2, minDf: 2 }));
    // protein (3 documents), model (3), then nothing else reaches 2 documents.
    expect(m.terms).toEqual(['model', 'protein']);
    const n = texts.length;
    expect(m.idf[0]).toBeCloseTo(Math.log((n + 1) / (3 + 1)) + 1, 6);
    expect(trainTermModel(texts, options({ minDf: 1 })).terms.slice(0, 2)).toEqual(['model', 'protein']);
    expect(trainTermModel(texts, options({ minDf: 1 })).terms).toContain('galaxy');
    expect(trainTermModel(texts, options({ minDf: 1, maxTerms: 3 })).terms).toEqual(['model', 'protein', 'folding']);
    expect(m.vectors.length).toBe(m.terms.length * m.dims);
  });

  it('is deterministic for a seed, and the seed is used', () => {
    // 24 terms, more than 3 dims + 12 oversampled columns, so the random projection matters.
    const texts = corpus(120, 12, [BIO, ASTRO, CODE], [0.5, 0.3, 0.2], 3);
    const a = trainTermModel(texts, options({ dims: 3, seed: 11 }));
    expect(trainTermModel(texts, options({ dims: 3, seed: 11 })).vectors).toEqual(a.vectors);
    expect(trainTermModel(texts, options({ dims: 3, seed: 12 })).vectors).not.toEqual(a.vectors);
  });

  it('learns exactly the top eigenvectors of XᵀX when the sample covers the whole vocabulary', () => {
    // 24 terms and 12 dims + 12 oversampled columns: the random range is the whole row space, so
    // the result is exact even without power iterations.
    const texts = corpus(60, 8, [BIO, ASTRO, CODE], [0.5, 0.3, 0.2], 5);
    const m = trainTermModel(texts, options({ dims: 12, powerIterations: 0 }));
    expect(m.terms.length).toBe(24);
    const x = tfidf(texts, m);
    const { values, vectors } = symmetricEigen(gramOf(x));
    const t = m.terms.length;
    for (let k = 0; k < m.dims; k++) {
      const [learned, exact] = columns(m, vectors, k);
      // Unit length, orthogonal to the others, and ± the exact eigenvector where its eigenvalue is
      // well separated from its neighbours (otherwise only the pair's span is defined).
      expect(Math.hypot(...learned)).toBeCloseTo(1, 4);
      for (let j = 0; j < k; j++) expect(Math.abs(cosine(learned, columns(m, vectors, j)[0]))).toBeLessThan(1e-4);
      const gap = (values[k - 1] ?? Infinity) - values[k]!;
      const nextGap = values[k]! - (values[k + 1] ?? -Infinity);
      if (Math.min(gap, nextGap) > 1e-3 * values[0]!) expect(Math.abs(cosine(learned, exact)), `dimension ${k}`).toBeGreaterThan(1 - 1e-4);
      // The singular value: ‖X·v‖² is the eigenvalue.
      let energy = 0;
      for (let r = 0; r < x.rows; r++) {
        let s = 0;
        for (let c = 0; c < t; c++) s += x.data[r * t + c]! * learned[c]!;
        energy += s * s;
      }
      expect(energy).toBeCloseTo(values[k]!, 4);
    }
  });

  it('recovers the leading topic directions by randomized SVD when the vocabulary is much larger than the model', () => {
    const noise = Array.from({ length: 60 }, (_, i) => `noise${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const random = seededRandom(99);
    const texts = corpus(200, 10, [BIO, ASTRO, CODE], [0.5, 0.3, 0.2], 8, () => [noise[Math.floor(random() * noise.length)]!]);
    const m = trainTermModel(texts, options({ dims: 3, powerIterations: 2 }));
    expect(m.terms.length).toBeGreaterThan(3 + 12 + 40);
    const { values, vectors } = symmetricEigen(gramOf(tfidf(texts, m)));
    // A clear spectral gap after the three topics is what makes the randomized range accurate.
    expect(values[3]!).toBeLessThan(0.5 * values[2]!);
    for (let k = 0; k < 3; k++) {
      const [learned, exact] = columns(m, vectors, k);
      expect(Math.abs(cosine(learned, exact)), `dimension ${k}`).toBeGreaterThan(0.999);
    }
  });
});
