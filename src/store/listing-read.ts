// Pages of papers by one author or in one category, newest first: the order of the rest of the
// site (v1 date, published_at; papers without one last, then by id so pages never overlap).
// Withdrawn papers and papers hidden by moderators are left out, as on every listing.
import type { ExpressionBuilder } from 'kysely';
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Db } from './db.js';
import { notHiddenPaper } from './hidden-papers.js';
import type { Database } from './schema.js';
import type { CategoryFilter } from './new-read.js';

export interface IdPage {
  readonly ids: readonly ArxivId[];
  readonly hasMore: boolean;
  /** Every matching paper, when counting them is cheap; null when not counted. */
  readonly total: number | null;
}

/**
 * A category page first looks for its papers among the newest papers of the whole catalog
 * (walking the published_at index), this many per paper it needs, and reads the category's own
 * index only when too few are there: so categories holding more than 1/40 of recent papers are
 * served without reading (and sorting) their whole index. Whole category page commands on
 * 1,000,000 synthetic papers in SQLite, loading the 50 papers included: page 1 of cs.LG (120,000
 * papers) 3 ms, of the cs archive 3 ms, of a small category 10 ms (the window searched in vain,
 * then its index); page 101 of cs.LG, read through its index, 290 ms.
 */
const WINDOW_PAPERS_PER_WANTED = 40;
/** Pages from the 6th on (of 50 papers) read the category's index instead. */
const MAX_WINDOW_PAPERS = 12_000;

type Visible = ReturnType<typeof visible>;

function visible(db: Db) {
  return db.selectFrom('papers as p').where('p.withdrawn', '=', 0).where(notHiddenPaper('p.id'));
}

async function newestPage(q: Visible, offset: number, limit: number): Promise<{ ids: ArxivId[]; hasMore: boolean }> {
  const rows = await q
    .select('p.id')
    .orderBy('p.published_at', (ob) => ob.desc().nullsLast())
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { ids: rows.slice(0, limit).map((r) => r.id as ArxivId), hasMore: rows.length > limit };
}

/** Papers with an author whose authorKey is `key` (index paper_authors_name_key), counted. */
export async function papersByAuthorKey(db: Db, key: string, offset: number, limit: number): Promise<IdPage> {
  const byAuthor = visible(db).where('p.id', 'in', db.selectFrom('paper_authors as a').select('a.paper_id').where('a.name_key', '=', key));
  const [found, count] = await Promise.all([
    newestPage(byAuthor, offset, limit),
    byAuthor.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ...found, total: Number(count.n) };
}

/** The stored spellings of an author key, most used first. */
export async function authorSpellings(db: Db, key: string): Promise<string[]> {
  const rows = await db
    .selectFrom('paper_authors')
    .select(['name', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('name_key', '=', key)
    .groupBy('name')
    .execute();
  return rows.sort((a, b) => Number(b.n) - Number(a.n) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => r.name);
}

function listedIn(eb: ExpressionBuilder<Database, 'paper_categories'>, filter: CategoryFilter) {
  return filter.archive
    ? eb.or([eb('paper_categories.category', '=', filter.value), eb('paper_categories.category', 'like', `${filter.value}.%`)])
    : eb('paper_categories.category', '=', filter.value);
}

/**
 * Papers listed in a category, or anywhere in an archive (cross-lists included, each paper once).
 * Not counted: a large category's count reads its whole index.
 */
export async function papersInCategory(db: Db, filter: CategoryFilter, offset: number, limit: number): Promise<IdPage> {
  const want = offset + limit + 1;
  if (want <= MAX_WINDOW_PAPERS / WINDOW_PAPERS_PER_WANTED) {
    // Exact when it finds `want` papers: every paper of the category newer than the last of them
    // is in the window, which is cut in the same order. Undated papers come last, so are not needed.
    const recent = db
      .selectFrom('papers as r')
      .select(['r.id', 'r.published_at'])
      .where('r.withdrawn', '=', 0)
      .where(notHiddenPaper('r.id'))
      .where('r.published_at', 'is not', null)
      .orderBy('r.published_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(want * WINDOW_PAPERS_PER_WANTED)
      .as('w');
    const rows = await db
      .selectFrom(recent)
      .select('w.id')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('paper_categories')
            .select('paper_categories.paper_id')
            .whereRef('paper_categories.paper_id', '=', 'w.id')
            .where((c) => listedIn(c, filter)),
        ),
      )
      .orderBy('w.published_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(limit + 1)
      .offset(offset)
      .execute();
    if (rows.length === limit + 1) return { ids: rows.slice(0, limit).map((r) => r.id as ArxivId), hasMore: true, total: null };
  }
  const inFilter = db.selectFrom('paper_categories').select('paper_categories.paper_id').where((eb) => listedIn(eb, filter));
  return { ...(await newestPage(visible(db).where('p.id', 'in', inFilter), offset, limit)), total: null };
}

/** Whether any paper, withdrawn or not, is listed in exactly this category. */
export async function categoryExists(db: Db, category: string): Promise<boolean> {
  const row = await db.selectFrom('paper_categories').select('paper_id').where('category', '=', category).limit(1).executeTakeFirst();
  return row !== undefined;
}
