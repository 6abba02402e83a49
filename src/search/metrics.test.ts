import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanScores, mrrAt, ndcgAt, recallAt } from './metrics.js';

const rel = (...keys: string[]) => new Set(keys);

describe('ranking metrics, on examples worked by hand', () => {
  it('nDCG@10', () => {
    // Relevant at ranks 1 and 3 of two: DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) = 1.6309.
    expect(ndcgAt(['a', 'x', 'b'], rel('a', 'b'), 10)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 10);
    expect(ndcgAt(['a', 'x', 'b'], rel('a', 'b'), 10)).toBeCloseTo(0.9197, 4);
    // One relevant at rank 2: (1/log2(3)) / 1 = 0.6309.
    expect(ndcgAt(['x', 'a'], rel('a'), 10)).toBeCloseTo(0.6309, 4);
    // Found only at rank 11: outside the cut-off.
    expect(ndcgAt([...'bcdefghijk'].map((c) => `x${c}`).concat('a'), rel('a'), 10)).toBe(0);
    // Three relevant, one found at rank 1: ideal DCG counts all three = 1 + 0.6309 + 0.5.
    expect(ndcgAt(['a'], rel('a', 'b', 'c'), 10)).toBeCloseTo(1 / 2.1309, 4);
    expect(ndcgAt(['a', 'b'], rel('a', 'b'), 10)).toBe(1);
    // A repeated key earns nothing twice.
    expect(ndcgAt(['a', 'a'], rel('a', 'b'), 10)).toBeCloseTo(1 / 1.6309, 4);
  });

  it('recall@100', () => {
    expect(recallAt(['a', 'x', 'b'], rel('a', 'b', 'c', 'd'), 100)).toBe(0.5);
    expect(recallAt(['x', 'a'], rel('a'), 1)).toBe(0);
    expect(recallAt([], rel('a'), 100)).toBe(0);
  });

  it('MRR@10', () => {
    expect(mrrAt(['x', 'y', 'a', 'b'], rel('a', 'b'), 10)).toBeCloseTo(1 / 3, 10);
    expect(mrrAt(['a'], rel('a'), 10)).toBe(1);
    expect(mrrAt(['x', 'a'], rel('a'), 1)).toBe(0);
  });

  it('averages over judged queries only', () => {
    const scores = meanScores([
      { ranked: ['a'], relevant: rel('a') },
      { ranked: ['x', 'b'], relevant: rel('b') },
      { ranked: ['a'], relevant: rel() },
    ]);
    expect(scores.queries).toBe(2);
    expect(scores['mrr@10']).toBeCloseTo(0.75, 10);
    expect(scores['recall@100']).toBe(1);
    expect(scores['ndcg@10']).toBeCloseTo((1 + 0.6309) / 2, 4);
  });

  it('stay within [0, 1], and a perfect ranking scores 1', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.array(key, { maxLength: 12 }), fc.uniqueArray(key, { minLength: 1, maxLength: 6 }), (ranked, relevant) => {
        const r = new Set(relevant);
        for (const m of [ndcgAt(ranked, r, 10), recallAt(ranked, r, 100), mrrAt(ranked, r, 10)]) {
          expect(m).toBeGreaterThanOrEqual(0);
          expect(m).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(ndcgAt(relevant, r, 10)).toBeCloseTo(1, 10);
      }),
    );
  });
});
