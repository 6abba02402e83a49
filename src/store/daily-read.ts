// Queries of the daily feed: which days have papers, and the entries of a range of days.
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Day } from '../domain/period.js';
import type { Db } from './db.js';
import { notHiddenPaper } from './hidden-papers.js';

export interface EntryRow {
  readonly day: Day;
  readonly paperId: ArxivId;
  readonly sourceName: string | null;
  readonly userName: string | null;
  /** The reader who submitted it (null for imported entries). */
  readonly userId: number | null;
  readonly baselineUpvotes: number;
  /** Votes cast on this site (count of its vote rows). */
  readonly localVotes: number;
  readonly publishedAt: string | null;
}

/** The latest day with at least one visible (neither withdrawn nor hidden) paper. */
export async function latestDay(db: Db): Promise<Day | null> {
  const row = await db
    .selectFrom('daily_entries as e')
    .innerJoin('papers as p', 'p.id', 'e.paper_id')
    .where('p.withdrawn', '=', 0)
    .where(notHiddenPaper('p.id'))
    .select((eb) => eb.fn.max('e.day').as('day'))
    .executeTakeFirst();
  return (row?.day as Day | null | undefined) ?? null;
}

/** The nearest days before and after `first`…`last` that have papers (empty days are skipped). */
export async function neighbourDays(db: Db, first: Day, last: Day): Promise<{ prev: Day | null; next: Day | null }> {
  const visible = db.selectFrom('daily_entries as e').innerJoin('papers as p', 'p.id', 'e.paper_id').where('p.withdrawn', '=', 0).where(notHiddenPaper('p.id'));
  const [prev, next] = await Promise.all([
    visible.where('e.day', '<', first).select((eb) => eb.fn.max('e.day').as('day')).executeTakeFirst(),
    visible.where('e.day', '>', last).select((eb) => eb.fn.min('e.day').as('day')).executeTakeFirst(),
  ]);
  return { prev: (prev?.day as Day | null | undefined) ?? null, next: (next?.day as Day | null | undefined) ?? null };
}

/** Every visible entry featured between `first` and `last` inclusive, unordered. */
export async function entriesBetween(db: Db, first: Day, last: Day): Promise<EntryRow[]> {
  const rows = await db
    .selectFrom('daily_entries as e')
    .innerJoin('papers as p', 'p.id', 'e.paper_id')
    .leftJoin('upvote_baselines as b', 'b.paper_id', 'e.paper_id')
    .leftJoin('sources as s', 's.id', 'e.source_id')
    .leftJoin('users as u', 'u.id', 'e.submitter_user_id')
    .where('e.day', '>=', first)
    .where('e.day', '<=', last)
    .where('p.withdrawn', '=', 0)
    .where(notHiddenPaper('p.id'))
    .select(['e.day', 'e.paper_id', 's.name as source_name', 'u.display_name as user_name', 'e.submitter_user_id', 'b.upvotes', 'p.published_at'])
    .select((eb) => eb.selectFrom('votes as v').whereRef('v.paper_id', '=', 'e.paper_id').select(eb.fn.countAll<string | number>().as('n')).as('local_votes'))
    .execute();
  return rows.map((r) => ({
    day: r.day as Day,
    paperId: r.paper_id as ArxivId,
    sourceName: r.source_name,
    userName: r.user_name,
    userId: r.submitter_user_id === null ? null : Number(r.submitter_user_id),
    baselineUpvotes: r.upvotes ?? 0,
    localVotes: Number(r.local_votes ?? 0),
    publishedAt: r.published_at,
  }));
}
