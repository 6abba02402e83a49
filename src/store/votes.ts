// Votes (0008): one row per (paper, user). A paper's local vote count is count(*) of its rows,
// read through the primary key's paper prefix; nothing else stores a count, so the two cannot
// drift. Inserts are `on conflict do nothing`, so identical concurrent votes leave one row.
import { sql } from 'kysely';
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Db, Store } from './db.js';

/** Ids per `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const IN_CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += IN_CHUNK) out.push(list.slice(i, i + IN_CHUNK));
  return out;
}

export async function paperExists(db: Db, id: ArxivId): Promise<boolean> {
  return (await db.selectFrom('papers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Adds the vote; false when the user had already voted for the paper (nothing changes). */
export async function insertVote(db: Db, paperId: ArxivId, userId: number, at: string): Promise<boolean> {
  const result = await db
    .insertInto('votes')
    .values({ paper_id: paperId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['paper_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Removes the vote; false when there was none. */
export async function deleteVote(db: Db, paperId: ArxivId, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('votes').where('paper_id', '=', paperId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countVotes(db: Db, paperId: ArxivId): Promise<number> {
  const row = await db.selectFrom('votes').where('paper_id', '=', paperId).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Local vote counts of the given papers; papers without votes are absent. */
export async function countVotesFor(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('votes')
      .where('paper_id', 'in', part)
      .groupBy('paper_id')
      .select(['paper_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .execute();
    for (const r of rows) counts.set(r.paper_id, Number(r.n));
  }
  return counts;
}

/** Which of `ids` the user has voted for. */
export async function votedAmong(db: Db, userId: number, ids: readonly ArxivId[]): Promise<Set<ArxivId>> {
  const voted = new Set<ArxivId>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('votes').select('paper_id').where('user_id', '=', userId).where('paper_id', 'in', part).execute();
    for (const r of rows) voted.add(r.paper_id as ArxivId);
  }
  return voted;
}

/** When the user's account was created (ISO), or undefined for no such user. */
export async function userCreatedAt(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst())?.created_at;
}

/**
 * Local votes of the given papers cast by accounts that were at least `minAccountAgeHours` old
 * when they voted (the votes that count toward trending); papers without such votes are absent.
 */
export async function countedVotesFor(store: Store, ids: readonly string[], minAccountAgeHours: number): Promise<Map<string, number>> {
  if (minAccountAgeHours <= 0) return countVotesFor(store.db, ids);
  const hours = Math.floor(minAccountAgeHours);
  // Timestamps are ISO strings; each dialect adds the hours its own way, exactly.
  const oldEnough =
    store.dialect === 'sqlite'
      ? sql<boolean>`v.created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', u.created_at, ${`+${hours} hours`})`
      : sql<boolean>`v.created_at::timestamptz >= u.created_at::timestamptz + make_interval(hours => ${hours}::int)`;
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await store.db
      .selectFrom('votes as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .where('v.paper_id', 'in', part)
      .where(oldEnough)
      .groupBy('v.paper_id')
      .select(['v.paper_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .execute();
    for (const r of rows) counts.set(r.paper_id, Number(r.n));
  }
  return counts;
}

export type LimitedVote = { readonly kind: 'voted'; readonly inserted: boolean } | { readonly kind: 'limited'; readonly retryAt: string };

/**
 * Votes under a rate limit: at most `limit` new votes since `windowStart` (ISO), counted in
 * rate_limit_hits. One transaction, serialised per user (SQLite's BEGIN IMMEDIATE; a row lock on
 * the user in PostgreSQL), so concurrent requests cannot both pass at the limit. A vote the user
 * already has is not a new vote and always succeeds. `retryAt` is when the oldest counted hit
 * leaves the window, given `windowMs`.
 */
export async function insertVoteLimited(
  store: Store,
  v: { readonly paperId: ArxivId; readonly userId: number; readonly at: string; readonly limit: number; readonly windowStart: string; readonly windowMs: number },
): Promise<LimitedVote> {
  const subject = String(v.userId);
  return store.db.transaction().execute(async (tx) => {
    if (store.dialect === 'postgres') await tx.selectFrom('users').select('id').where('id', '=', v.userId).forUpdate().execute();
    const existing = await tx.selectFrom('votes').select('user_id').where('paper_id', '=', v.paperId).where('user_id', '=', v.userId).executeTakeFirst();
    if (existing) return { kind: 'voted', inserted: false } as const;
    const hits = await tx
      .selectFrom('rate_limit_hits')
      .select('at')
      .where('action', '=', 'vote')
      .where('subject', '=', subject)
      .where('at', '>', v.windowStart)
      .orderBy('at', 'desc')
      .limit(v.limit)
      .execute();
    const oldest = hits.at(-1);
    if (hits.length >= v.limit && oldest) return { kind: 'limited', retryAt: new Date(Date.parse(oldest.at) + v.windowMs).toISOString() } as const;
    const inserted = await tx
      .insertInto('votes')
      .values({ paper_id: v.paperId, user_id: v.userId, created_at: v.at })
      .onConflict((oc) => oc.columns(['paper_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return { kind: 'voted', inserted: false } as const;
    await tx.insertInto('rate_limit_hits').values({ action: 'vote', subject, at: v.at }).execute();
    return { kind: 'voted', inserted: true } as const;
  });
}

/** Deletes limit hits older than `before` (ISO); for a periodic clean-up. Returns how many. */
export async function purgeRateLimitHits(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('rate_limit_hits').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
