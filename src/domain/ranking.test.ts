import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Day } from './period.js';
import {
  HF_BASELINE_WEIGHT,
  TRENDING_GRAVITY,
  TRENDING_WINDOW_OFFSET_HOURS,
  TRENDING_WINDOWS,
  trendingRange,
  trendingScore,
  trendingVotes,
  type TrendingWindow,
} from './ranking.js';

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

describe('trending windows', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const day = (d: number) => now - 10 * HOUR - d * 24 * HOUR; // start of the day d days ago

  it('orders by votes over decayed age, the window setting how fast it forgets', () => {
    // Featured today with 2 votes, 3 days ago with 5, 6 days ago with 7.
    const papers = { a: [2, day(0)], b: [5, day(3)], c: [7, day(6)] } as const;
    const order = (window: TrendingWindow) =>
      Object.entries(papers)
        .sort(([, [v1, t1]], [, [v2, t2]]) => trendingScore(v2, t2, now, TRENDING_WINDOW_OFFSET_HOURS[window]) - trendingScore(v1, t1, now, TRENDING_WINDOW_OFFSET_HOURS[window]))
        .map(([k]) => k);
    expect(order('week')).toEqual(['b', 'c', 'a']);
    // A year's offset nearly ignores a week's age: most votes first.
    expect(order('all')).toEqual(['c', 'b', 'a']);
    // The feeds' 2-hour offset forgets fastest: the fresh paper wins.
    expect(trendingScore(2, day(0), now)).toBeGreaterThan(trendingScore(7, day(6), now));
  });

  it('needs (1 + 1)^gravity times the votes at the oldest edge of a window', () => {
    for (const window of TRENDING_WINDOWS) {
      const offset = TRENDING_WINDOW_OFFSET_HOURS[window];
      const fresh = trendingScore(1, now, now, offset);
      const edge = trendingScore(2 ** TRENDING_GRAVITY, now - offset * HOUR, now, offset);
      expect(edge).toBeCloseTo(fresh, 12);
    }
  });

  it('covers whole days ending on the last one', () => {
    const last = '2026-11-30' as Day;
    expect(trendingRange('day', last)).toEqual({ first: '2026-11-30', last });
    expect(trendingRange('week', last)).toEqual({ first: '2026-11-24', last });
    expect(trendingRange('month', last)).toEqual({ first: '2026-11-01', last });
    expect(trendingRange('all', last)).toEqual({ first: null, last });
  });

  it('adds the HF baseline at its stated weight', () => {
    fc.assert(fc.property(fc.nat(1000), fc.nat(1000), (local, hf) => trendingVotes(local, hf) === local + HF_BASELINE_WEIGHT * hf));
  });
});
