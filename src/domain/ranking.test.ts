import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trendingScore } from './ranking.js';

const HOUR = 3_600_000;

describe('trendingScore', () => {
  it('grows with votes and shrinks with age', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(24 * 365), (votes, extra, age) => {
        const now = 1_800_000_000_000;
        const featured = now - age * HOUR;
        expect(trendingScore(votes + extra, featured, now)).toBeGreaterThanOrEqual(trendingScore(votes, featured, now));
        expect(trendingScore(votes, featured - HOUR, now)).toBeLessThanOrEqual(trendingScore(votes, featured, now));
      }),
    );
  });
  it('lets a fresh paper pass an old one with more votes', () => {
    const now = 1_800_000_000_000;
    expect(trendingScore(10, now - 3 * HOUR, now)).toBeGreaterThan(trendingScore(60, now - 72 * HOUR, now));
  });
});
