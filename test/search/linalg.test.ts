// The dense linear algebra under the catalog embedder's randomized SVD: the seeded generator that
// makes training reproducible, CholQR2 orthonormalisation, AᵀA, and the Jacobi eigen-solver, each
// checked against a matrix whose answer is known by construction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, gram, matrix, orthonormalizeColumns, seededRandom, symmetricEigen, type Matrix } from '../../src/search/vectors/linalg.js';

const at = (m: Matrix, r: number, c: number): number => m.data[r * m.cols + c]!;
const column = (m: Matrix, c: number): number[] => Array.from({ length: m.rows }, (_, r) => at(m, r, c));
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

function multiply(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.cols; j++) for (let k = 0; k < a.cols; k++) out.data[i * b.cols + j]! += at(a, i, k) * at(b, k, j);
  return out;
}

function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = at(a, i, j);
  return out;
}

/** The largest |QᵀQ − I| entry over the first `cols` columns. */
function orthonormalityError(q: Matrix, cols = q.cols): number {
  let worst = 0;
  for (let a = 0; a < cols; a++) for (let b = 0; b < cols; b++) worst = Math.max(worst, Math.abs(dot(column(q, a), column(q, b)) - (a === b ? 1 : 0)));
  return worst;
}

/** A random n × n orthogonal matrix: the orthonormalised columns of a Gaussian one. */
function randomOrthogonal(n: number, seed: number): Matrix {
  const q = gaussian(n, n, seededRandom(seed));
  orthonormalizeColumns(q);
  return q;
}

/** Q·diag(values)·Qᵀ. */
function withSpectrum(q: Matrix, values: readonly number[]): Matrix {
  const scaled = matrix(q.rows, q.cols);
  for (let i = 0; i < q.rows; i++) for (let j = 0; j < q.cols; j++) scaled.data[i * q.cols + j] = at(q, i, j) * values[j]!;
  return multiply(scaled, transpose(q));
}

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    // Well spread: the mean of 1,000 uniforms is 0.5 ± 0.009 (1σ).
    expect(a.reduce((s, x) => s + x, 0) / a.length).toBeCloseTo(0.5, 1);
    expect(new Set(a).size).toBe(a.length);
  });
});

describe('gaussian', () => {
  it('draws reproducible standard normal samples, odd sizes included', () => {
    const g = gaussian(101, 33, seededRandom(5));
    expect(gaussian(101, 33, seededRandom(5)).data).toEqual(g.data);
    const n = g.data.length;
    const mean = g.data.reduce((s, x) => s + x, 0) / n;
    const variance = g.data.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    // The last component of an odd-sized matrix is filled too.
    expect(g.data[n - 1]).not.toBe(0);
  });
});

describe('gram', () => {
  it('equals AᵀA computed directly', () => {
    const a = gaussian(17, 5, seededRandom(9));
    a.data[3] = 0; // zero entries are skipped by gram(); the result must not change
    const g = gram(a);
    const expected = multiply(transpose(a), a);
    expect(g.rows).toBe(5);
    expect(g.cols).toBe(5);
    for (let i = 0; i < g.data.length; i++) expect(g.data[i]).toBeCloseTo(expected.data[i]!, 12);
  });
});

describe('orthonormalizeColumns', () => {
  it('gives orthonormal columns spanning the original column space, in Gram–Schmidt order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 30 }), fc.integer(), (cols, extraRows, seed) => {
        const a = gaussian(cols + extraRows, cols, seededRandom(seed));
        const q = { ...a, data: Float64Array.from(a.data) };
        orthonormalizeColumns(q);
        expect(orthonormalityError(q)).toBeLessThan(1e-10);
        // Same span: every original column is its own projection onto the new columns.
        for (let c = 0; c < cols; c++) {
          const original = column(a, c);
          const coefficients = Array.from({ length: cols }, (_, j) => dot(column(q, j), original));
          const residual = original.map((x, r) => x - coefficients.reduce((s, w, j) => s + w * at(q, r, j), 0));
          expect(Math.hypot(...residual)).toBeLessThan(1e-9 * Math.hypot(...original));
        }
        // Triangular (QR): column j of the result is made from original columns 0..j only, so
        // the first column is the first original column normalised.
        const first = column(a, 0);
        const norm = Math.hypot(...first);
        column(q, 0).forEach((x, r) => expect(x).toBeCloseTo(first[r]! / norm, 10));
      }),
      { numRuns: 60 },
    );
  });

  it('repairs badly conditioned columns and zeroes a dependent one', () => {
    const rows = 40;
    const a = gaussian(rows, 4, seededRandom(3));
    for (let r = 0; r < rows; r++) {
      // Column 1 nearly parallel to column 0 (condition number ~1e4, 1e8 for AᵀA); column 3 = column 0 + column 2.
      a.data[r * 4 + 1] = at(a, r, 0) + 1e-4 * at(a, r, 1);
      a.data[r * 4 + 3] = at(a, r, 0) + at(a, r, 2);
    }
    orthonormalizeColumns(a);
    expect(orthonormalityError(a, 3)).toBeLessThan(1e-9);
    expect(Math.hypot(...column(a, 3))).toBeLessThan(1e-6);
  });
});

describe('symmetricEigen', () => {
  it('recovers the spectrum and eigenvectors of Q·diag·Qᵀ', () => {
    const values = [-2.5, 7, 0.25, 3, -0.75, 11, 1];
    const q = randomOrthogonal(values.length, 17);
    const { values: found, vectors } = symmetricEigen(withSpectrum(q, values));
    const sorted = [...values].sort((x, y) => y - x);
    sorted.forEach((v, i) => expect(found[i]).toBeCloseTo(v, 10));
    expect(orthonormalityError(vectors)).toBeLessThan(1e-10);
    // Each found vector is ± the column of Q that carried its eigenvalue.
    sorted.forEach((v, i) => {
      const j = values.indexOf(v);
      expect(Math.abs(dot(column(vectors, i), column(q, j)))).toBeCloseTo(1, 10);
    });
  });

  it('solves S·v = λ·v with orthonormal vectors and values in descending order, repeated values included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: n, maxLength: n }), fc.integer())),
        ([values, seed]) => {
          const n = values.length;
          const s = withSpectrum(randomOrthogonal(n, seed), values);
          const { values: found, vectors } = symmetricEigen(s);
          expect(found.length).toBe(n);
          for (let i = 1; i < n; i++) expect(found[i]!).toBeLessThanOrEqual(found[i - 1]!);
          [...values].sort((x, y) => y - x).forEach((v, i) => expect(found[i]).toBeCloseTo(v, 8));
          expect(orthonormalityError(vectors)).toBeLessThan(1e-9);
          for (let k = 0; k < n; k++) {
            const v = column(vectors, k);
            const residual = Array.from({ length: n }, (_, r) => dot(Array.from({ length: n }, (_, c) => at(s, r, c)), v) - found[k]! * v[r]!);
            expect(Math.hypot(...residual)).toBeLessThan(1e-8);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('returns an already diagonal matrix as it is, sorted', () => {
    const s = matrix(3, 3);
    [2, 5, -1].forEach((v, i) => (s.data[i * 3 + i] = v));
    const { values, vectors } = symmetricEigen(s);
    expect([...values]).toEqual([5, 2, -1]);
    expect(column(vectors, 0)).toEqual([0, 1, 0]);
    expect(column(vectors, 2)).toEqual([0, 0, 1]);
  });
});
