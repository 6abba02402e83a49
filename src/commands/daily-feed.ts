// Use-case: the daily feed for a day, ISO week or month, ranked by upvotes (or trending, or newest
// first). The HTML page, the HF-compatible JSON and the Markdown all come from this one command.
import type { DailyEntry, Paper } from '../domain/paper.js';
import { dayPeriod, type Day, type Period } from '../domain/period.js';
import { trendingScore } from '../domain/ranking.js';
import type { Store } from '../store/db.js';
import { entriesBetween, latestDay, neighbourDays, type EntryRow } from '../store/daily-read.js';
import { loadPapers } from '../store/papers-read.js';

export const FEED_SORTS = ['upvotes', 'trending', 'publishedAt'] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

export interface FeedQuery {
  /** null: the latest day that has papers. */
  readonly period: Period | null;
  readonly page: number;
  readonly limit: number;
  readonly sort: FeedSort;
  /** Only entries credited to this submitter (a source name or a user's display name). */
  readonly submitter?: string;
  readonly now?: Date;
}

export interface DailyFeed {
  readonly period: Period | null;
  readonly entries: readonly DailyEntry[];
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly prev: Day | null;
  readonly next: Day | null;
}

export function startOfDayMs(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** What a feed ranks by and its cards show: the imported baseline plus this site's votes. */
const votes = (r: EntryRow) => r.baselineUpvotes + r.localVotes;

function rank(rows: EntryRow[], sort: FeedSort, nowMs: number): EntryRow[] {
  const byId = (a: EntryRow, b: EntryRow) => (a.paperId < b.paperId ? 1 : a.paperId > b.paperId ? -1 : 0);
  switch (sort) {
    case 'upvotes':
      return rows.sort((a, b) => votes(b) - votes(a) || byId(a, b));
    case 'publishedAt':
      return rows.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || byId(a, b));
    case 'trending': {
      const score = (r: EntryRow) => trendingScore(votes(r), startOfDayMs(r.day), nowMs);
      return rows.sort((a, b) => score(b) - score(a) || byId(a, b));
    }
  }
}

/** Who an entry is credited to: the reader who submitted it, or the source it was imported from. */
export function entrySubmitter(row: EntryRow): DailyEntry['submitter'] {
  return row.userName !== null && row.userId !== null
    ? { kind: 'user', name: row.userName, userId: row.userId }
    : { kind: 'source', name: row.sourceName ?? 'unknown' };
}

/** A paper featured twice in the period is listed once, on its first day. */
export function firstPerPaper(rows: readonly EntryRow[]): EntryRow[] {
  const first = new Map<string, EntryRow>();
  for (const row of rows) {
    const seen = first.get(row.paperId);
    if (!seen || row.day < seen.day) first.set(row.paperId, row);
  }
  return [...first.values()];
}

export async function getDailyFeed(store: Store, query: FeedQuery): Promise<DailyFeed> {
  const period = query.period ?? (await latestPeriod(store));
  if (!period) return { period: null, entries: [], total: 0, page: 0, limit: query.limit, prev: null, next: null };
  const [rows, neighbours] = await Promise.all([
    entriesBetween(store.db, period.first, period.last),
    neighbourDays(store.db, period.first, period.last),
  ]);
  let selected = firstPerPaper(rows);
  if (query.submitter !== undefined) {
    const who = query.submitter.toLowerCase();
    selected = selected.filter((r) => (r.userName ?? r.sourceName ?? '').toLowerCase() === who);
  }
  // For a past period "now" is its end, so trending means "trending at the time".
  const endMs = startOfDayMs(period.last) + 86_400_000;
  const nowMs = Math.min(query.now?.getTime() ?? Date.now(), endMs);
  const ranked = rank(selected, query.sort, nowMs);
  const pageRows = ranked.slice(query.page * query.limit, (query.page + 1) * query.limit);
  const papers = await loadPapers(store.db, pageRows.map((r) => r.paperId));
  const entries: DailyEntry[] = [];
  for (const row of pageRows) {
    const paper: Paper | undefined = papers.get(row.paperId);
    if (!paper) continue;
    const submitter = entrySubmitter(row);
    entries.push({ day: row.day, submitter, paper });
  }
  return { period, entries, total: ranked.length, page: query.page, limit: query.limit, ...neighbours };
}

async function latestPeriod(store: Store): Promise<Period | null> {
  const day = await latestDay(store.db);
  return day ? dayPeriod(day) : null;
}
