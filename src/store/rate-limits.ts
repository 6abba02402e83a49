// A rate limiter kept in the database (rate_limit_hits, 0008), so a limit holds across web
// processes and restarts: "at most `limit` hits of `action` by `subject` in any rolling `windowMs`".
// Checking the limits, doing the limited work and recording the hits happen in one transaction,
// serialised per (action, subject): SQLite's write transactions are BEGIN IMMEDIATE (store/db.ts),
// and on PostgreSQL each key takes a transaction-scoped advisory lock first. So two requests at the
// limit, in any processes, cannot both pass. Used by log-in, second-factor codes and comments; fit
// for any other "N per window" rule (e.g. submissions of new accounts).
import { sql } from 'kysely';
import type { Db, Store } from './db.js';

export interface RateLimit {
  /** What is limited (1–40 characters): 'login', 'comment', … */
  readonly action: string;
  /** Whom it is counted against: a user id as text, a client IP, … */
  readonly subject: string;
  /** Most hits in any window. */
  readonly limit: number;
  readonly windowMs: number;
}

export type Limited = {
  readonly kind: 'limited';
  /** The limit that refused (of several, the one that frees last). */
  readonly limit: RateLimit;
  /** When a new hit would pass that limit again (ISO). */
  readonly retryAt: string;
};

export type WithinLimits<T> = { readonly kind: 'done'; readonly value: T } | Limited;

export interface LimitOptions<T> {
  /** Whether a finished piece of work counts as a hit (default: always). E.g. only failed attempts. */
  readonly counts?: (value: T) => boolean;
}

async function lockKeys(store: Store, tx: Db, limits: readonly RateLimit[]): Promise<void> {
  if (store.dialect !== 'postgres') return; // the SQLite transaction already holds the write lock
  // Action names have no colon, so "action:subject" is unambiguous. Sorted, so two transactions taking the same keys cannot deadlock.
  const keys = [...new Set(limits.map((l) => `${l.action}:${l.subject}`))].sort();
  for (const key of keys) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}

/** When `limit` frees up, if it is full at `at`; undefined while it has room. */
async function fullUntil(tx: Db, limit: RateLimit, at: Date): Promise<string | undefined> {
  if (limit.limit <= 0) return new Date(at.getTime() + limit.windowMs).toISOString();
  const hits = await tx
    .selectFrom('rate_limit_hits')
    .select('at')
    .where('action', '=', limit.action)
    .where('subject', '=', limit.subject)
    .where('at', '>', new Date(at.getTime() - limit.windowMs).toISOString())
    .orderBy('at', 'desc')
    .limit(limit.limit)
    .execute();
  const oldest = hits.at(-1);
  if (hits.length < limit.limit || !oldest) return undefined;
  return new Date(Date.parse(oldest.at) + limit.windowMs).toISOString();
}

/**
 * Runs `work` if every limit has room at `at`, and records one hit per limit (unless
 * `options.counts` says the result does not count), all in one transaction: a throwing `work`
 * records nothing. When a limit is full, nothing runs and the answer says when to retry.
 */
export async function withinRateLimits<T>(
  store: Store,
  limits: readonly RateLimit[],
  at: Date,
  work: (tx: Db) => Promise<T>,
  options: LimitOptions<T> = {},
): Promise<WithinLimits<T>> {
  return store.db.transaction().execute(async (tx): Promise<WithinLimits<T>> => {
    await lockKeys(store, tx, limits);
    let refused: Limited | undefined;
    for (const limit of limits) {
      const retryAt = await fullUntil(tx, limit, at);
      if (retryAt !== undefined && (refused === undefined || retryAt > refused.retryAt)) refused = { kind: 'limited', limit, retryAt };
    }
    if (refused) return refused;
    const value = await work(tx);
    if (limits.length > 0 && (options.counts?.(value) ?? true)) {
      const iso = at.toISOString();
      await tx
        .insertInto('rate_limit_hits')
        .values(limits.map((l) => ({ action: l.action, subject: l.subject, at: iso })))
        .execute();
    }
    return { kind: 'done', value };
  });
}

/** One hit against `limit` if it has room (nothing else to do): the check of log-in attempts. */
export async function takeRateLimit(store: Store, limit: RateLimit, at: Date): Promise<WithinLimits<undefined>> {
  return withinRateLimits(store, [limit], at, async () => undefined);
}

/** Hits of (action, subject) counted at `at` within `windowMs`; for tests and status pages. */
export async function countRateLimitHits(db: Db, action: string, subject: string, at: Date, windowMs: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .where('action', '=', action)
    .where('subject', '=', subject)
    .where('at', '>', new Date(at.getTime() - windowMs).toISOString())
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
