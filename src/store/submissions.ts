// Submissions (0012): a reader puts a catalog paper on a day's daily page, as a daily_entries row
// credited to them. One transaction per submission, serialised per paper (SQLite's BEGIN
// IMMEDIATE; a row lock on the paper in PostgreSQL), so identical concurrent submissions leave one
// row and the second sees the first. A new account's limit goes through the shared limiter
// (rate-limits.ts): the check, the insert and the hit are that same transaction.
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Day } from '../domain/period.js';
import type { Db, Store } from './db.js';
import { withinRateLimits, type RateLimit } from './rate-limits.js';

export type EntryOutcome =
  /** A new entry on `day`. */
  | { readonly kind: 'submitted'; readonly day: Day }
  /** The same reader had already submitted it (on `day`): nothing changes. */
  | { readonly kind: 'already'; readonly day: Day }
  /** The paper is already on a daily page (its first day), by someone else or an import. */
  | { readonly kind: 'duplicate'; readonly day: Day };

export type SubmissionOutcome = EntryOutcome | { readonly kind: 'limited'; readonly retryAt: string };

export interface NewSubmission {
  readonly paperId: ArxivId;
  readonly userId: number;
  readonly day: Day;
  readonly at: Date;
}

/** Where the paper already is on the daily pages, seen from this reader; undefined when nowhere. */
export async function existingEntry(db: Db, paperId: ArxivId, userId: number): Promise<Exclude<EntryOutcome, { kind: 'submitted' }> | undefined> {
  // One statement (one snapshot): two could straddle a concurrent submission's commit.
  const rows = await db.selectFrom('daily_entries').select(['day', 'submitter_user_id']).where('paper_id', '=', paperId).orderBy('day').execute();
  const mine = rows.find((r) => r.submitter_user_id !== null && Number(r.submitter_user_id) === userId);
  if (mine) return { kind: 'already', day: mine.day as Day };
  const first = rows[0];
  return first ? { kind: 'duplicate', day: first.day as Day } : undefined;
}

async function insertIn(store: Store, tx: Db, s: NewSubmission): Promise<EntryOutcome> {
  if (store.dialect === 'postgres') await tx.selectFrom('papers').select('id').where('id', '=', s.paperId).forUpdate().execute();
  const existing = await existingEntry(tx, s.paperId, s.userId);
  if (existing) return existing;
  await tx
    .insertInto('daily_entries')
    .values({ day: s.day, paper_id: s.paperId, submitter_user_id: s.userId, source_id: null, created_at: s.at.toISOString() })
    .execute();
  return { kind: 'submitted', day: s.day };
}

/** Adds the reader's entry unless the paper is on a daily page already; under `limit` when given (only new entries count). */
export async function insertSubmission(store: Store, s: NewSubmission, limit: RateLimit | null): Promise<SubmissionOutcome> {
  if (!limit) return store.db.transaction().execute((tx) => insertIn(store, tx, s));
  const outcome = await withinRateLimits(store, [limit], s.at, (tx) => insertIn(store, tx, s), { counts: (o) => o.kind === 'submitted' });
  return outcome.kind === 'done' ? outcome.value : { kind: 'limited', retryAt: outcome.retryAt };
}
