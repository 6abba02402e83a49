// The database-backed job queue. Any process with the worker role claims due jobs; a claim is a
// lease (locked_until) so a job whose worker died is picked up again when the lease runs out.
import { sql } from 'kysely';
import type { Db, Store } from './db.js';
import type { JobsTable } from './schema.js';

export interface NewJob {
  readonly type: string;
  readonly payload: unknown;
  readonly uniqueKey?: string;
  readonly maxAttempts: number;
  readonly runAt: Date;
}

export interface ClaimedJob {
  readonly id: number;
  readonly type: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly maxAttempts: number;
}

export type JobRow = Omit<JobsTable, 'id'> & { id: number };

/** Queues a job; with a unique key already queued or run, does nothing and returns false. */
export async function enqueueJob(db: Db, job: NewJob, now = new Date()): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      type: job.type,
      payload: JSON.stringify(job.payload),
      unique_key: job.uniqueKey ?? null,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt.toISOString(),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Claims the next due job for `worker`, or returns null. Safe under concurrent workers. */
export async function claimJob(store: Store, worker: string, leaseMs: number, now = new Date()): Promise<ClaimedJob | null> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return store.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('jobs')
      .select(['id'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);
    // PostgreSQL: concurrent workers skip each other's rows. SQLite: BEGIN IMMEDIATE serialises claims.
    if (store.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const next = await query.executeTakeFirst();
    if (!next) return null;
    const row = await trx
      .updateTable('jobs')
      .set({ status: 'running', locked_by: worker, locked_until: until, attempts: sql<number>`attempts + 1` })
      .where('id', '=', next.id)
      .returning(['id', 'type', 'payload', 'attempts', 'max_attempts'])
      .executeTakeFirstOrThrow();
    return { id: row.id, type: row.type, payload: JSON.parse(row.payload) as unknown, attempts: row.attempts, maxAttempts: row.max_attempts };
  });
}

export async function completeJob(db: Db, id: number, worker: string, now = new Date()): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, finished_at: now.toISOString(), last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

/** Records a failure: queued again at `retryAt`, or failed for good when attempts are used up. */
export async function failJob(db: Db, job: ClaimedJob, worker: string, error: string, retryAt: Date | null, now = new Date()): Promise<'retry' | 'failed'> {
  const giveUp = retryAt === null || job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: giveUp ? 'failed' : 'queued',
      run_at: giveUp ? undefined : retryAt.toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 4000),
      finished_at: giveUp ? now.toISOString() : null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', worker)
    .execute();
  return giveUp ? 'failed' : 'retry';
}

export async function listJobs(db: Db, limit = 50): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
