// Papers by the day arXiv announced their first version (published_at's UTC date): the /new firehose.
import type { ArxivId } from '../domain/arxiv-id.js';
import { addDays, type Day } from '../domain/period.js';
import type { Db } from './db.js';
import { notHiddenPaper } from './hidden-papers.js';

/** A category filter: a whole archive ("cs", "hep-th") or one category ("cs.LG"). */
export interface CategoryFilter {
  readonly value: string;
  readonly archive: boolean;
}

function visibleOn(db: Db, filter: CategoryFilter | null) {
  let q = db.selectFrom('papers as p').where('p.withdrawn', '=', 0).where(notHiddenPaper('p.id'));
  if (filter) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('paper_categories as c')
          .select('c.paper_id')
          .whereRef('c.paper_id', '=', 'p.id')
          .where((e) => (filter.archive ? e.or([e('c.category', '=', filter.value), e('c.category', 'like', `${filter.value}.%`)]) : e('c.category', '=', filter.value))),
      ),
    );
  }
  return q;
}

/** Ids of visible papers whose v1 is on `day`, newest first. */
export async function papersPublishedOn(db: Db, day: Day, filter: CategoryFilter | null): Promise<ArxivId[]> {
  const rows = await visibleOn(db, filter)
    .where('p.published_at', '>=', day)
    .where('p.published_at', '<', addDays(day, 1))
    .select('p.id')
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => r.id as ArxivId);
}

/** The nearest earlier and later announcement days with papers, and the latest day overall. */
export async function publishedNeighbours(db: Db, day: Day | null, filter: CategoryFilter | null): Promise<{ prev: Day | null; next: Day | null; latest: Day | null }> {
  const latestRow = await visibleOn(db, filter).select((eb) => eb.fn.max('p.published_at').as('at')).executeTakeFirst();
  const latest = latestRow?.at ? (latestRow.at.slice(0, 10) as Day) : null;
  if (!day) return { prev: null, next: null, latest };
  const [prev, next] = await Promise.all([
    visibleOn(db, filter).where('p.published_at', '<', day).select((eb) => eb.fn.max('p.published_at').as('at')).executeTakeFirst(),
    visibleOn(db, filter).where('p.published_at', '>=', addDays(day, 1)).select((eb) => eb.fn.min('p.published_at').as('at')).executeTakeFirst(),
  ]);
  return {
    prev: prev?.at ? (prev.at.slice(0, 10) as Day) : null,
    next: next?.at ? (next.at.slice(0, 10) as Day) : null,
    latest,
  };
}
