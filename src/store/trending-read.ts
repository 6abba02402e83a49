// Candidates of /trending that never were on the daily feed: papers readers voted for (from their
// paper pages), dated by their publication day. Featured papers come from daily-read.ts.
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Day } from '../domain/period.js';
import type { Db } from './db.js';
import { notHiddenPaper } from './hidden-papers.js';

export interface VotedPaperRow {
  readonly paperId: ArxivId;
  /** The publication day. */
  readonly day: Day;
  readonly baselineUpvotes: number;
}

/** Visible, voted, never-featured papers published up to the end of `last`. */
function votedUnfeatured(db: Db, last: Day) {
  return (
    db
      .selectFrom('papers as p')
      .where('p.withdrawn', '=', 0)
      .where(notHiddenPaper('p.id'))
      .where('p.published_at', 'is not', null)
      // published_at is an ISO timestamp: every instant of `last` sorts before this.
      .where('p.published_at', '<', `${last}T99`)
      .where((eb) => eb.exists(eb.selectFrom('votes as v').select('v.user_id').whereRef('v.paper_id', '=', 'p.id')))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('daily_entries as e').select('e.id').whereRef('e.paper_id', '=', 'p.id'))))
  );
}

/** Visible papers with at least one vote, never featured, published between `first` (null: any) and `last`. */
export async function votedUnfeaturedBetween(db: Db, first: Day | null, last: Day): Promise<VotedPaperRow[]> {
  let q = votedUnfeatured(db, last).leftJoin('upvote_baselines as b', 'b.paper_id', 'p.id').select(['p.id', 'p.published_at', 'b.upvotes']);
  if (first !== null) q = q.where('p.published_at', '>=', first);
  const rows = await q.execute();
  return rows.map((r) => ({ paperId: r.id as ArxivId, day: (r.published_at ?? '').slice(0, 10) as Day, baselineUpvotes: r.upvotes ?? 0 }));
}

/** The latest publication day of a voted, never-featured paper, up to `last`. */
export async function latestVotedUnfeaturedDay(db: Db, last: Day): Promise<Day | null> {
  const row = await votedUnfeatured(db, last).select((eb) => eb.fn.max('p.published_at').as('at')).executeTakeFirst();
  return typeof row?.at === 'string' ? (row.at.slice(0, 10) as Day) : null;
}
