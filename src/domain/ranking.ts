// Trending rank: votes decay with the paper's age on the feed, so a fresh paper with a few votes
// can pass an older one with many. Gravity-style decay (score = votes / (age + offset)^gravity),
// the form Hacker News and Lobsters use; the constants are the knobs.

/** Hours added to every age so a brand-new paper does not divide by ~0. */
export const TRENDING_AGE_OFFSET_HOURS = 2;
/** Exponent of the age penalty; larger values make the feed forget faster. */
export const TRENDING_GRAVITY = 1.5;

const MS_PER_HOUR = 3_600_000;

/** Trending score of a paper with `votes` votes featured at `featuredAtMs`, seen at `nowMs` (both epoch ms). */
export function trendingScore(votes: number, featuredAtMs: number, nowMs: number): number {
  const ageHours = Math.max(0, (nowMs - featuredAtMs) / MS_PER_HOUR);
  return Math.max(0, votes) / (ageHours + TRENDING_AGE_OFFSET_HOURS) ** TRENDING_GRAVITY;
}
