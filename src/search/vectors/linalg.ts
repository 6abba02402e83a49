// The few dense linear-algebra routines the catalog-trained embedder needs, on row-major
// Float64Arrays: a seeded Gaussian generator, Gram–Schmidt orthonormalisation of columns, and the
// eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Sizes here are at most
// ~100,000 × 150 and 150 × 150, where plain loops take seconds, not minutes.

/** A dense row-major matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** mulberry32: a small, seeded, well-mixed 32-bit generator, so training runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller). */
export function gaussian(rows: number, cols: number, random: () => number): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const theta = 2 * Math.PI * random();
    m.data[i] = r * Math.cos(theta);
    if (i + 1 < m.data.length) m.data[i + 1] = r * Math.sin(theta);
  }
  return m;
}

/**
 * Orthonormalises the columns of `m` in place by Cholesky QR, done twice (CholQR2: the second pass
 * repairs the orthogonality the first loses to rounding). Everything runs along rows, which are
 * contiguous, so it is ~10× faster here than column-wise Gram–Schmidt. Columns that are linearly
 * dependent on earlier ones come out zero.
 */
export function orthonormalizeColumns(m: Matrix): void {
  for (let pass = 0; pass < 2; pass++) {
    const l = m.cols;
    const r = cholesky(gram(m));
    // Rᵀ, so the substitution below walks memory contiguously.
    const rt = new Float64Array(l * l);
    for (let a = 0; a < l; a++) for (let b = 0; b < l; b++) rt[b * l + a] = r.data[a * l + b]!;
    const row = new Float64Array(l);
    for (let i = 0; i < m.rows; i++) {
      const base = i * l;
      // Solve x·R = y for the row (R upper triangular): forward substitution along the row.
      for (let j = 0; j < l; j++) {
        const d = rt[j * l + j]!;
        if (d === 0) {
          row[j] = 0;
          continue;
        }
        let s = m.data[base + j]!;
        const off = j * l;
        for (let k = 0; k < j; k++) s -= row[k]! * rt[off + k]!;
        row[j] = s / d;
      }
      m.data.set(row, base);
    }
  }
}

/** Upper-triangular R with RᵀR = g; a non-positive pivot (a dependent column) gives a zero row. */
function cholesky(g: Matrix): Matrix {
  const n = g.rows;
  const r = matrix(n, n);
  const scale = Math.max(1e-300, ...Array.from({ length: n }, (_, i) => g.data[i * n + i]!));
  for (let j = 0; j < n; j++) {
    let d = g.data[j * n + j]!;
    for (let k = 0; k < j; k++) d -= r.data[k * n + j]! ** 2;
    if (d <= scale * 1e-12) continue;
    const rjj = Math.sqrt(d);
    r.data[j * n + j] = rjj;
    for (let c = j + 1; c < n; c++) {
      let s = g.data[j * n + c]!;
      for (let k = 0; k < j; k++) s -= r.data[k * n + j]! * r.data[k * n + c]!;
      r.data[j * n + c] = s / rjj;
    }
  }
  return r;
}

/** AᵀA for a tall matrix A (cols × cols). */
export function gram(a: Matrix): Matrix {
  const { rows, cols, data } = a;
  const g = matrix(cols, cols);
  const gd = g.data;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let p = 0; p < cols; p++) {
      const x = data[base + p]!;
      if (x === 0) continue;
      const out = p * cols;
      for (let q = p; q < cols; q++) gd[out + q]! += x * data[base + q]!;
    }
  }
  for (let p = 0; p < cols; p++) for (let q = 0; q < p; q++) gd[p * cols + q] = gd[q * cols + p]!;
  return g;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations: returns eigenvalues
 * in descending order and the matching eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen(s: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const v = matrix(n, n);
  for (let i = 0; i < n; i++) v.data[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.data[k * n + p]!;
          const vkq = v.data[k * n + q]!;
          v.data[k * n + p] = c * vkp - sn * vkq;
          v.data[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = matrix(n, n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + to] = v.data[k * n + from]!;
  });
  return { values, vectors };
}
