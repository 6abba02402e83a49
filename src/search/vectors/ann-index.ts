// Approximate nearest neighbours (HNSW, from the usearch package) for catalogs too large for an
// exact scan (flat-index.ts reads every vector: ~60 ms at 250,000 papers). Built from the stored
// int8 vectors, dequantized to float and kept as f16 in the graph (i8 graphs lost recall in
// measurements; f16 halves f32's memory). The stored vectors are residuals (x − center, see
// quantize.ts), so the metric is the inner product (distance 1 − q·r); callers add q·center back. The index file is saved next to a list of the document keys in its slot
// order, so any process can map its hits back to keys.
import fs from 'node:fs';
import usearch from 'usearch';

const { Index, MetricKind, ScalarKind } = usearch;

/** Graph degree: 16 links per node is usearch's default and held recall@10 ≥ 0.98 in bench:search. */
export const CONNECTIVITY = 32;
/** Candidates kept while inserting (build quality) and while searching (recall against speed). */
export const EXPANSION_ADD = 200;
export const EXPANSION_SEARCH = 256;

export interface AnnHit {
  readonly key: string;
  readonly score: number;
}

function newIndex(dims: number) {
  return new Index({
    dimensions: dims,
    metric: MetricKind.Cos,
    quantization: ScalarKind.F16,
    connectivity: CONNECTIVITY,
    expansion_add: EXPANSION_ADD,
    expansion_search: EXPANSION_SEARCH,
    multi: false,
  });
}

export class AnnIndex {
  private constructor(
    private readonly index: InstanceType<typeof Index>,
    /** Document key of each slot. */
    readonly keys: readonly string[],
  ) {}

  get size(): number {
    return this.keys.length;
  }

  /** Builds from `count` int8 vectors laid end to end, on `threads` threads (blocks the caller). */
  static build(data: Int8Array, keys: readonly string[], dims: number, scale: number, threads: number): AnnIndex {
    const index = newIndex(dims);
    const chunk = 10_000;
    for (let start = 0; start < keys.length; start += chunk) {
      const n = Math.min(chunk, keys.length - start);
      const floats = new Float32Array(n * dims);
      for (let i = 0; i < floats.length; i++) floats[i] = data[start * dims + i]! / scale;
      const slots = new BigUint64Array(n);
      for (let i = 0; i < n; i++) slots[i] = BigInt(start + i);
      index.add(slots, floats, threads);
    }
    return new AnnIndex(index, keys);
  }

  /** Saves the graph to `file` and its keys to `file.keys` (each written under a temporary name, then renamed). */
  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(`${tmp}.keys`, this.keys.join('\n'));
    this.index.save(tmp);
    fs.renameSync(`${tmp}.keys`, `${file}.keys`);
    fs.renameSync(tmp, file);
  }

  /** Memory-maps a saved index (~0.5 s for a million vectors, pages load as searched). */
  static view(file: string, dims: number): AnnIndex {
    const keys = fs.readFileSync(`${file}.keys`, 'utf8').split('\n');
    const index = newIndex(dims);
    index.view(file);
    if (index.size() !== keys.length) throw new Error(`${file}: ${index.size()} vectors but ${keys.length} keys`);
    return new AnnIndex(index, keys);
  }

  search(query: Float32Array, k: number): AnnHit[] {
    const found = this.index.search(query, Math.min(k, this.keys.length), 1);
    const hits: AnnHit[] = [];
    for (let i = 0; i < found.keys.length; i++) {
      const key = this.keys[Number(found.keys[i])];
      if (key !== undefined) hits.push({ key, score: 1 - found.distances[i]! });
    }
    return hits;
  }
}
