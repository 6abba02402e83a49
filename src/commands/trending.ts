// Use-case: /trending and /api/trending. The papers featured (or, if never featured, published)
// in the window, ranked by trendingScore over their counted votes: local votes of accounts that
// were no longer new when they voted, plus the weighted HF baseline (domain/ranking.ts). When the
// window ending today holds no paper (an offline install with only the bundled papers), it ends
// on the latest day that has one instead, and says so.
import type { DailyEntry } from '../domain/paper.js';
import { dayOf, type Day } from '../domain/period.js';
import { TRENDING_WINDOW_OFFSET_HOURS, trendingRange, trendingScore, trendingVotes, type TrendingWindow } from '../domain/ranking.js';
import type { Store } from '../store/db.js';
import { entriesBetween, latestDay } from '../store/daily-read.js';
import { loadPapers } from '../store/papers-read.js';
import { latestVotedUnfeaturedDay, votedUnfeaturedBetween } from '../store/trending-read.js';
import { countedVotesFor } from '../store/votes.js';
import { entrySubmitter, firstPerPaper, startOfDayMs } from './daily-feed.js';

/** Lowest day a window without a start reads from. */
const EARLIEST_DAY = '1000-01-01' as Day;
const MS_PER_DAY = 86_400_000;

export interface TrendingQuery {
  readonly window: TrendingWindow;
  readonly page: number;
  readonly limit: number;
  readonly now: Date;
  /** config.newAccountHours: votes cast by accounts younger than this do not count. */
  readonly newAccountHours: number;
}

export interface TrendingEntry extends DailyEntry {
  readonly score: number;
  /** The local votes that count toward trending (all but those of new accounts). */
  readonly countedVotes: number;
}

export interface Trending {
  readonly window: TrendingWindow;
  /** The days the window covers (first null: since the beginning). */
  readonly first: Day | null;
  readonly last: Day;
  /** True when the window ending today was empty and this one ends on the latest featured day. */
  readonly fellBack: boolean;
  readonly entries: readonly TrendingEntry[];
  /** Papers in the window with at least one counted vote. */
  readonly total: number;
  /** Papers in the window, with or without votes. */
  readonly candidates: number;
  readonly page: number;
  readonly limit: number;
}

interface Candidate {
  readonly paperId: DailyEntry['paper']['id'];
  readonly day: Day;
  readonly baselineUpvotes: number;
  readonly submitter: DailyEntry['submitter'];
}

async function candidatesBetween(store: Store, first: Day | null, last: Day): Promise<Candidate[]> {
  const [featured, voted] = await Promise.all([entriesBetween(store.db, first ?? EARLIEST_DAY, last), votedUnfeaturedBetween(store.db, first, last)]);
  return [
    ...firstPerPaper(featured).map((r) => ({
      paperId: r.paperId,
      day: r.day,
      baselineUpvotes: r.baselineUpvotes,
      submitter: entrySubmitter(r),
    })),
    ...voted.map((r) => ({ paperId: r.paperId, day: r.day, baselineUpvotes: r.baselineUpvotes, submitter: { kind: 'source' as const, name: 'arXiv' } })),
  ];
}

export interface RankedCandidate {
  readonly paperId: DailyEntry['paper']['id'];
  readonly day: Day;
  readonly submitter: DailyEntry['submitter'];
  readonly score: number;
  readonly countedVotes: number;
}

async function scoreCandidates(store: Store, candidates: readonly Candidate[], nowMs: number, offsetHours: number, newAccountHours: number): Promise<RankedCandidate[]> {
  const counted = await countedVotesFor(store, candidates.map((c) => c.paperId), newAccountHours);
  return candidates
    .map((c) => {
      const countedVotes = counted.get(c.paperId) ?? 0;
      return { paperId: c.paperId, day: c.day, submitter: c.submitter, countedVotes, score: trendingScore(trendingVotes(countedVotes, c.baselineUpvotes), startOfDayMs(c.day), nowMs, offsetHours) };
    })
    .sort((a, b) => b.score - a.score || b.day.localeCompare(a.day) || (a.paperId < b.paperId ? 1 : a.paperId > b.paperId ? -1 : 0));
}

/**
 * Every paper of the days first–last in /trending's order as it stood at the end of `last` (the
 * digests' ranking): papers without any vote are kept, last. No fallback to other days.
 */
export async function rankedBetween(store: Store, window: TrendingWindow, first: Day, last: Day, newAccountHours: number): Promise<RankedCandidate[]> {
  const candidates = await candidatesBetween(store, first, last);
  return scoreCandidates(store, candidates, startOfDayMs(last) + MS_PER_DAY, TRENDING_WINDOW_OFFSET_HOURS[window], newAccountHours);
}

/** The latest day up to `last` with a featured paper or a voted, never-featured one; null for an empty catalog. */
export async function latestCandidateDay(store: Store, last: Day): Promise<Day | null> {
  const days = await Promise.all([latestDay(store.db), latestVotedUnfeaturedDay(store.db, last)]);
  return days.reduce<Day | null>((a, b) => (a === null || (b !== null && b > a) ? b : a), null);
}

export async function getTrending(store: Store, query: TrendingQuery): Promise<Trending> {
  const today = dayOf(query.now);
  let range = trendingRange(query.window, today);
  let candidates = await candidatesBetween(store, range.first, range.last);
  let fellBack = false;
  if (candidates.length === 0 && query.window !== 'all') {
    const latest = await latestCandidateDay(store, today);
    if (latest !== null && latest < today) {
      range = trendingRange(query.window, latest);
      candidates = await candidatesBetween(store, range.first, range.last);
      fellBack = true;
    }
  }
  // A window that ended in the past is ranked as it stood at its end.
  const nowMs = fellBack ? startOfDayMs(range.last) + MS_PER_DAY : query.now.getTime();
  const scored = (await scoreCandidates(store, candidates, nowMs, TRENDING_WINDOW_OFFSET_HOURS[query.window], query.newAccountHours)).filter((c) => c.score > 0);
  const pageRows = scored.slice(query.page * query.limit, (query.page + 1) * query.limit);
  const papers = await loadPapers(store.db, pageRows.map((r) => r.paperId));
  const entries: TrendingEntry[] = [];
  for (const row of pageRows) {
    const paper = papers.get(row.paperId);
    if (paper) entries.push({ day: row.day, submitter: row.submitter, paper, score: row.score, countedVotes: row.countedVotes });
  }
  return { window: query.window, first: range.first, last: range.last, fellBack, entries, total: scored.length, candidates: candidates.length, page: query.page, limit: query.limit };
}
