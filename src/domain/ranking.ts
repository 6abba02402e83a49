// Trending rank: votes decay with the paper's age on the feed, so a fresh paper with a few votes
// can pass an older one with many. Gravity-style decay (score = votes / (age + offset)^gravity),
// the form Hacker News and Lobsters use; the constants are the knobs. Explained to readers on
// /about/ranking (web/views/about-ranking.ts), which prints these constants.
import { addDays, type Day } from './period.js';

/** Hours added to every age so a brand-new paper does not divide by ~0. */
export const TRENDING_AGE_OFFSET_HOURS = 2;
/** Exponent of the age penalty; larger values make the feed forget faster. */
export const TRENDING_GRAVITY = 1.5;

const MS_PER_HOUR = 3_600_000;

/**
 * Trending score of a paper with `votes` votes featured at `featuredAtMs`, seen at `nowMs` (both
 * epoch ms); `offsetHours` is TRENDING_AGE_OFFSET_HOURS on feeds, the window's on /trending.
 */
export function trendingScore(votes: number, featuredAtMs: number, nowMs: number, offsetHours = TRENDING_AGE_OFFSET_HOURS): number {
  const ageHours = Math.max(0, (nowMs - featuredAtMs) / MS_PER_HOUR);
  return Math.max(0, votes) / (ageHours + offsetHours) ** TRENDING_GRAVITY;
}

// Trending windows (/trending?window=): which papers compete, and how fast the ranking forgets.
// A paper's age is counted from the day it was featured (or published, for papers that were never
// on the daily feed). Inside a window the same gravity formula applies with an age offset as long
// as the window, so at the window's oldest edge a paper needs (1 + 1)^TRENDING_GRAVITY ≈ 2.8 times
// the votes of a brand-new one to rank level with it; "all" uses a year, so it mostly ranks by votes.

export const TRENDING_WINDOWS = ['day', 'week', 'month', 'all'] as const;
export type TrendingWindow = (typeof TRENDING_WINDOWS)[number];

/** Days each window spans, ending at (and including) its last day; null: the whole catalog. */
export const TRENDING_WINDOW_DAYS: Readonly<Record<TrendingWindow, number | null>> = { day: 1, week: 7, month: 30, all: null };

/** The age offset of each window (hours): its length, one year for "all". */
export const TRENDING_WINDOW_OFFSET_HOURS: Readonly<Record<TrendingWindow, number>> = { day: 24, week: 7 * 24, month: 30 * 24, all: 365 * 24 };

/**
 * Weight of one imported Hugging Face upvote against one vote cast here (votes per HF upvote).
 * 1: an upvote on HF is a reader's vote like one here, so an offline install ranks its bundled
 * papers sensibly before anyone votes, and local votes add on top. Set to 0 to rank by local votes
 * only. Votes of new accounts (NEW_ACCOUNT_HOURS) are not counted either way.
 */
export const HF_BASELINE_WEIGHT = 1;

/** The votes a paper's trending score is made of. */
export function trendingVotes(countedLocalVotes: number, baselineUpvotes: number): number {
  return countedLocalVotes + HF_BASELINE_WEIGHT * baselineUpvotes;
}

/** The days a window covers when it ends on `last` (first null: no lower bound). */
export function trendingRange(window: TrendingWindow, last: Day): { readonly first: Day | null; readonly last: Day } {
  const days = TRENDING_WINDOW_DAYS[window];
  return { first: days === null ? null : addDays(last, 1 - days), last };
}
