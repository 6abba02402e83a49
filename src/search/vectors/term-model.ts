// A low-rank term model learned from the catalog's own abstracts (latent semantic analysis by a
// randomized SVD of the tf-idf matrix, Halko–Martinsson–Tropp 2011). Every term gets a vector such
// that terms used in the same abstracts point the same way, including words no general-purpose
// embedding knows ("LLM", "LoRA"). A text's vector is the tf-idf-weighted sum of its terms'
// vectors: the fold-in of the text into the model's latent space.
import { gaussian, gram, matrix, orthonormalizeColumns, seededRandom, symmetricEigen, type Matrix } from './linalg.js';
import { stem, words } from './words.js';

export interface TermModel {
  readonly terms: readonly string[];
  readonly idf: Float32Array;
  readonly dims: number;
  /** terms × dims, row-major. */
  readonly vectors: Float32Array;
}

export interface TrainOptions {
  readonly dims: number;
  /** Terms in fewer documents than this carry no reliable co-occurrence signal. */
  readonly minDf: number;
  readonly maxTerms: number;
  /** Power iterations sharpen the randomized range when singular values decay slowly. */
  readonly powerIterations: number;
  readonly seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { dims: 128, minDf: 2, maxTerms: 60_000, powerIterations: 3, seed: 20_240_501 };

/** Extra columns sampled beyond `dims` so the leading subspace is captured accurately. */
const OVERSAMPLE = 12;

export function stems(text: string): string[] {
  return words(text).map(stem);
}

/** Term counts of one text. */
function counts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Sparse rows of the weighted document-term matrix (compressed sparse row layout). */
interface Sparse {
  readonly rows: number;
  readonly cols: number;
  readonly start: Uint32Array;
  readonly col: Uint32Array;
  readonly value: Float32Array;
}

/** Y = X·M for sparse X (rows × cols) and dense M (cols × l). */
function times(x: Sparse, m: Matrix): Matrix {
  const l = m.cols;
  const y = matrix(x.rows, l);
  for (let r = 0; r < x.rows; r++) {
    const out = r * l;
    for (let i = x.start[r]!; i < x.start[r + 1]!; i++) {
      const v = x.value[i]!;
      const base = x.col[i]! * l;
      for (let j = 0; j < l; j++) y.data[out + j]! += v * m.data[base + j]!;
    }
  }
  return y;
}

/** Z = Xᵀ·M for sparse X (rows × cols) and dense M (rows × l). */
function transposeTimes(x: Sparse, m: Matrix): Matrix {
  const l = m.cols;
  const z = matrix(x.cols, l);
  for (let r = 0; r < x.rows; r++) {
    const from = r * l;
    for (let i = x.start[r]!; i < x.start[r + 1]!; i++) {
      const v = x.value[i]!;
      const base = x.col[i]! * l;
      for (let j = 0; j < l; j++) z.data[base + j]! += v * m.data[from + j]!;
    }
  }
  return z;
}

/** tf weight of a term seen `tf` times in a text. */
export const tfWeight = (tf: number) => 1 + Math.log(tf);

/** Trains on the given texts (a sample of the catalog is enough: ~100,000 abstracts at most). */
export function trainTermModel(texts: readonly string[], options: TrainOptions = DEFAULT_TRAIN): TermModel {
  const docs = texts.map((t) => counts(stems(t)));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.entries()]
    .filter(([, n]) => n >= options.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxTerms)
    .map(([t]) => t);
  const id = new Map(terms.map((t, i) => [t, i]));
  const n = docs.length;
  const idf = Float32Array.from(terms, (t) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1);

  const start = new Uint32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  docs.forEach((d, r) => {
    let norm = 0;
    const from = cols.length;
    for (const [t, tf] of d) {
      const c = id.get(t);
      if (c === undefined) continue;
      const w = tfWeight(tf) * idf[c]!;
      cols.push(c);
      values.push(w);
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = from; i < values.length; i++) values[i]! *= inv;
    start[r + 1] = cols.length;
  });
  const x: Sparse = { rows: n, cols: terms.length, start, col: Uint32Array.from(cols), value: Float32Array.from(values) };

  const l = Math.min(options.dims + OVERSAMPLE, terms.length, n);
  const random = seededRandom(options.seed);
  let q = times(x, gaussian(terms.length, l, random));
  orthonormalizeColumns(q);
  for (let i = 0; i < options.powerIterations; i++) {
    const z = transposeTimes(x, q);
    orthonormalizeColumns(z);
    q = times(x, z);
    orthonormalizeColumns(q);
  }
  // B = QᵀX (l × terms), kept transposed; BBᵀ = (Bᵀ)ᵀBᵀ is small and its eigenvectors give B's
  // left singular vectors, from which the right ones (the term vectors) follow: V = BᵀWΣ⁻¹.
  const bt = transposeTimes(x, q);
  const { values: lambda, vectors: w } = symmetricEigen(gram(bt));
  const dims = Math.min(options.dims, l);
  // A term's k-th coordinate is V[t,k]·σ_k/σ_k: scaling the fold-in x·V by Σ⁻¹ and back by Σ
  // cancels, so a text's vector is x·V, the LSA document coordinates UΣ. Rows of W scaled by 1/σ
  // first, then each term's row of Bᵀ times them (contiguous loops).
  const ws = new Float64Array(l * dims);
  for (let j = 0; j < l; j++) {
    for (let k = 0; k < dims; k++) {
      const sigma = Math.sqrt(Math.max(lambda[k]!, 0));
      ws[j * dims + k] = sigma > 1e-12 ? w.data[j * l + k]! / sigma : 0;
    }
  }
  const vectors = new Float32Array(terms.length * dims);
  const row = new Float64Array(dims);
  for (let t = 0; t < terms.length; t++) {
    row.fill(0);
    for (let j = 0; j < l; j++) {
      const x = bt.data[t * l + j]!;
      const from = j * dims;
      for (let k = 0; k < dims; k++) row[k]! += x * ws[from + k]!;
    }
    vectors.set(row, t * dims);
  }
  return { terms, idf, dims, vectors };
}
