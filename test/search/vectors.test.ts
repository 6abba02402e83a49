// The exact vector index and its parts: the top-k heap, int8 quantization with one scale per model,
// and FlatIndex, each against the obvious brute-force computation on random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlatIndex, type VectorHit } from '../../src/search/vectors/flat-index.js';
import { chooseScale, dequantize, quantize } from '../../src/search/vectors/quantize.js';
import { TopK } from '../../src/search/vectors/top-k.js';

const dot = (q: ArrayLike<number>, v: ArrayLike<number>): number => {
  let s = 0;
  for (let k = 0; k < q.length; k++) s += q[k]! * v[k]!;
  return s;
};

function unit(v: readonly number[]): Float32Array {
  const n = Math.hypot(...v) || 1;
  return Float32Array.from(v, (x) => x / n);
}

describe('TopK', () => {
  /** Scores from a small range so ties are common; ids unique and pushed in any order. */
  const candidates = fc
    .array(fc.integer({ min: -4, max: 4 }), { maxLength: 40 })
    .chain((scores) => fc.shuffledSubarray([...scores.keys()], { minLength: scores.length, maxLength: scores.length }).map((ids) => ids.map((id) => ({ id, score: scores[id]! / 2 }))));

  it('equals sort-then-slice (score descending, then id ascending), whatever the order of the stream', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: -1, max: 45 }), (items, k) => {
        const top = new TopK(k);
        for (const { id, score } of items) top.push(id, score);
        const expected = [...items].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, Math.max(k, 0));
        expect(top.sorted()).toEqual(expected);
        expect(top.floor).toBe(k <= 0 ? Infinity : items.length >= k ? expected[k - 1]!.score : -Infinity);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the smaller id when the k-th place is tied', () => {
    const top = new TopK(2);
    top.push(0, 1);
    top.push(1, 1);
    top.push(2, 5);
    top.push(3, 1);
    expect(top.sorted()).toEqual([
      { id: 2, score: 5 },
      { id: 0, score: 1 },
    ]);
  });
});

describe('quantize', () => {
  it('chooses 127 over the largest component of a small sample, so nothing clamps', () => {
    const sample = Array.from({ length: 20 }, (_, i) => unit(Array.from({ length: 16 }, (_, k) => Math.sin(i * 16 + k + 1) * (k === i % 16 ? 3 : 1))));
    const largest = Math.max(...sample.flatMap((v) => [...v].map(Math.abs)));
    const scale = chooseScale(sample);
    expect(scale).toBeCloseTo(127 / largest, 10);
    const stored = sample.map((v) => quantize(v, scale));
    expect(Math.max(...stored.flatMap((q) => [...q].map(Math.abs)))).toBe(127);
    expect(chooseScale([])).toBe(127);
  });

  it('ignores the rarest 0.01 % of components when choosing the scale (they clamp at ±127)', () => {
    // 200 vectors × 64 dims = 12,800 components: the single largest is above the 99.99th percentile.
    const sample = Array.from({ length: 200 }, (_, i) => unit(Array.from({ length: 64 }, (_, k) => Math.cos(i * 64 + k))));
    sample[7] = unit(Array.from({ length: 64 }, (_, k) => (k === 3 ? -50 : 0.01)));
    const scale = chooseScale(sample);
    // 12,800 × 0.01 % rounds to one component: the scale comes from the second largest.
    const magnitudes = sample.flatMap((v) => [...v].map(Math.abs)).sort((a, b) => b - a);
    expect(magnitudes[0]).toBeGreaterThan(0.99);
    expect(scale).toBeCloseTo(127 / magnitudes[1]!, 8);
    const clamped = sample.map((v) => [...v].filter((x) => Math.abs(x * scale) > 127.5).length).reduce((a, b) => a + b, 0);
    expect(clamped).toBe(1);
    expect(quantize(sample[7], scale)[3]).toBe(-127);
    expect(quantize(Float32Array.of(0.999, -0.999, 0), scale)).toEqual(Int8Array.of(127, -127, 0));
  });

  it('round-trips every component within half a step, clamping only beyond ±127 steps', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 64 }), fc.double({ min: 1, max: 2000, noNaN: true }), (xs, scale) => {
        const v = Float32Array.from(xs);
        const q = quantize(v, scale);
        const back = dequantize(q, scale);
        v.forEach((x, i) => {
          if (Math.abs(x * scale) <= 127) expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual((0.5 / scale) * (1 + 1e-6) + 1e-7);
          else expect(q[i]).toBe(Math.sign(x) * 127);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the order of dot products that differ by more than the rounding can move them', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }).chain((d) =>
          fc.tuple(
            fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
            fc.array(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }), { minLength: 2, maxLength: 12 }),
          ),
        ),
        ([queryComponents, docComponents]) => {
          const query = unit(queryComponents);
          const docs = docComponents.map(unit);
          const scale = chooseScale(docs);
          const stored = docs.map((v) => quantize(v, scale));
          // |q·(stored/scale) − q·v| ≤ ‖q‖₁ · 0.5/scale for each document, so a gap above ‖q‖₁/scale survives.
          const margin = query.reduce((s, x) => s + Math.abs(x), 0) / scale;
          for (let i = 0; i < docs.length; i++)
            for (let j = 0; j < docs.length; j++) {
              if (dot(query, docs[i]!) - dot(query, docs[j]!) <= margin * (1 + 1e-6)) continue;
              checked++;
              expect(dot(query, stored[i]!)).toBeGreaterThan(dot(query, stored[j]!));
            }
        },
      ),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(500);
  });
});

describe('FlatIndex', () => {
  const KEYS = 'abcdefghijkl'.split('');

  /** An index's inputs: dims, scale, a small initial capacity (so it grows), and upserts that repeat keys. */
  const scenario = fc.integer({ min: 1, max: 6 }).chain((dims) =>
    fc.record({
      dims: fc.constant(dims),
      scale: fc.double({ min: 0.5, max: 400, noNaN: true }),
      capacity: fc.integer({ min: 1, max: 3 }),
      upserts: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.int8Array({ minLength: dims, maxLength: dims })), { maxLength: 30 }),
      // Small integers make exact ties common; floats check the general case.
      query: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.float({ min: -2, max: 2, noNaN: true })), { minLength: dims, maxLength: dims }).map((q) => Float32Array.from(q)),
      k: fc.integer({ min: 0, max: 14 }),
      accepted: fc.option(fc.subarray(KEYS)),
    }),
  );

  it('ranks exactly as brute force over the latest vector of each key, ties in insertion order', () => {
    fc.assert(
      fc.property(scenario, ({ dims, scale, capacity, upserts, query, k, accepted }) => {
        const index = new FlatIndex(dims, scale, null, capacity);
        // Map.set keeps a key's first position: the slot order FlatIndex documents.
        const latest = new Map<string, Int8Array>();
        for (const [key, vector] of upserts) {
          index.upsert(key, vector);
          latest.set(key, vector);
        }
        const accept = accepted === null ? undefined : (key: string) => accepted.includes(key);
        const expected: VectorHit[] = [...latest]
          .map(([key, vector], slot) => ({ key, slot, s: dot(query, vector) }))
          .filter(({ key }) => accept?.(key) ?? true)
          .sort((a, b) => b.s - a.s || a.slot - b.slot)
          .slice(0, k)
          .map(({ key, s }) => ({ key, score: s / scale }));
        const hits = index.search(query, k, accept);
        expect(hits).toEqual(expected);

        expect(index.size).toBe(latest.size);
        for (const key of KEYS) {
          expect(index.has(key)).toBe(latest.has(key));
          const stored = latest.get(key);
          expect(index.vector(key)).toEqual(stored);
          expect(index.score(query, key)).toBe(stored ? dot(query, stored) / scale : null);
        }
        for (const hit of hits) expect(index.score(query, hit.key)).toBe(hit.score);
      }),
      { numRuns: 400 },
    );
  });

  it('replaces the vector of a key already present, in place', () => {
    const index = new FlatIndex(2, 100, null, 1);
    index.upsert('a', Int8Array.of(100, 0));
    index.upsert('b', Int8Array.of(0, 100));
    index.upsert('a', Int8Array.of(-100, 0));
    expect(index.size).toBe(2);
    expect(index.search(Float32Array.of(1, 0), 2)).toEqual([
      { key: 'b', score: 0 },
      { key: 'a', score: -1 },
    ]);
  });

  it('keeps every vector across many growths of its buffer', () => {
    const index = new FlatIndex(3, 127, null, 1);
    const vectorOf = (i: number) => Int8Array.of((i % 255) - 127, (i * 7) % 100, -(i % 13));
    for (let i = 0; i < 1000; i++) index.upsert(`p${i}`, vectorOf(i));
    expect(index.size).toBe(1000);
    for (let i = 0; i < 1000; i += 37) expect(index.vector(`p${i}`)).toEqual(vectorOf(i));
    expect(index.search(Float32Array.of(1, 0, 0), 1)[0]?.key).toBe('p254');
  });

  it('rejects a vector of the wrong length and keeps its contents', () => {
    const index = new FlatIndex(4, 127);
    index.upsert('a', Int8Array.of(1, 2, 3, 4));
    expect(() => index.upsert('b', Int8Array.of(1, 2, 3))).toThrow(/3 dims in a 4-dim index/);
    expect(() => index.upsert('a', Int8Array.of(1, 2, 3, 4, 5))).toThrow(/5 dims/);
    expect(index.size).toBe(1);
    expect(index.has('b')).toBe(false);
    expect(index.vector('a')).toEqual(Int8Array.of(1, 2, 3, 4));
  });

  it('returns nothing for k = 0 or an empty index', () => {
    const index = new FlatIndex(2, 127);
    expect(index.search(Float32Array.of(1, 1), 5)).toEqual([]);
    index.upsert('a', Int8Array.of(1, 1));
    expect(index.search(Float32Array.of(1, 1), 0)).toEqual([]);
  });
});
