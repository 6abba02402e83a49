// Exact nearest-neighbour search over int8 vectors held in one growing Int8Array. The query stays
// float (only the documents are quantized); stored vectors are (x − center) · scale
// (quantize.ts), so a score is q·stored / scale + q·center: exact up to the rounding of stored
// components.
// One 256-d dot product is ~256 multiply-adds: ~10,000 papers answer in a few ms in plain JS.
import { TopK } from './top-k.js';

export interface VectorHit {
  readonly key: string;
  /** Cosine similarity (vectors are unit length). */
  readonly score: number;
}

export class FlatIndex {
  private data: Int8Array;
  private readonly keys: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor(
    readonly dims: number,
    readonly scale: number,
    readonly center: Float32Array | null = null,
    capacity = 1024,
  ) {
    this.data = new Int8Array(Math.max(1, capacity) * dims);
  }

  /** The last query's offset: score() is called for hundreds of candidates of one query. */
  private offsetOf: { query: Float32Array; value: number } | null = null;

  /** q·center: the part of every score that is the same for all documents. */
  offset(query: Float32Array): number {
    if (!this.center) return 0;
    if (this.offsetOf?.query === query) return this.offsetOf.value;
    let s = 0;
    for (let k = 0; k < this.dims; k++) s += query[k]! * this.center[k]!;
    this.offsetOf = { query, value: s };
    return s;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Adds a vector, or replaces the vector of a key already present. */
  upsert(key: string, vector: Int8Array): void {
    if (vector.length !== this.dims) throw new Error(`vector of ${vector.length} dims in a ${this.dims}-dim index`);
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      if ((slot + 1) * this.dims > this.data.length) {
        const grown = new Int8Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      this.keys.push(key);
      this.slots.set(key, slot);
    }
    this.data.set(vector, slot * this.dims);
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** The stored vector of a key (a view; do not modify). */
  vector(key: string): Int8Array | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.data.subarray(slot * this.dims, (slot + 1) * this.dims);
  }

  /** Cosine of the query with one stored key, or null. */
  score(query: Float32Array, key: string): number | null {
    const slot = this.slots.get(key);
    return slot === undefined ? null : this.dot(query, slot) / this.scale + this.offset(query);
  }

  private dot(query: Float32Array, slot: number): number {
    const d = this.dims;
    const base = slot * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += query[k]! * this.data[base + k]!;
    return s;
  }

  /**
   * The `k` nearest keys, best first; `accept` (optional) filters keys before they compete.
   * `fromSlot` scans only vectors added from that position on (the part an approximate index
   * built earlier does not cover).
   */
  search(query: Float32Array, k: number, accept?: (key: string) => boolean, fromSlot = 0): VectorHit[] {
    const top = new TopK(k);
    for (let slot = fromSlot; slot < this.keys.length; slot++) {
      const s = this.dot(query, slot);
      if (s <= top.floor) continue;
      if (accept && !accept(this.keys[slot]!)) continue;
      top.push(slot, s);
    }
    const offset = this.offset(query);
    return top.sorted().map(({ id, score }) => ({ key: this.keys[id]!, score: score / this.scale + offset }));
  }

  /** A copy of every vector and key so far, in slot order (to build an approximate index from). */
  snapshot(): { data: Int8Array; keys: string[] } {
    return { data: this.data.slice(0, this.keys.length * this.dims), keys: [...this.keys] };
  }
}
