// The worker role: claims due jobs from the queue and performs them, one at a time per process.
// Jobs report failures and are retried with their task's backoff until attempts run out.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { claimJob, completeJob, enqueueJob, failJob } from '../store/jobs.js';
import { pause } from './pause.js';
import type { Task, TaskContext, TaskRegistry } from './task.js';

/** How long a claimed job is ours before another worker may take it over (ms). */
export const JOB_LEASE_MS = 30 * 60_000;
/** How often an idle worker looks for due jobs (ms). */
export const WORKER_POLL_MS = 1_000;

export function workerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export type RunResult = { kind: 'idle' } | { kind: 'done'; type: string } | { kind: 'retry' | 'failed'; type: string; error: string };

/** Claims and performs at most one job. */
export async function runOneJob(ctx: TaskContext, tasks: TaskRegistry, worker: string): Promise<RunResult> {
  const job = await claimJob(ctx.store, worker, JOB_LEASE_MS, ctx.now());
  if (!job) return { kind: 'idle' };
  const task = tasks.get(job.type);
  let error: string;
  if (!task) {
    error = `no task named ${job.type}`;
  } else {
    const payload = task.payload.safeParse(job.payload);
    if (!payload.success) {
      error = `invalid payload: ${payload.error.message}`;
    } else {
      try {
        await task.perform(payload.data, ctx);
        await completeJob(ctx.store.db, job.id, worker, ctx.now());
        return { kind: 'done', type: job.type };
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
  }
  const retryable = task !== undefined && !error.startsWith('invalid payload');
  const retryAt = retryable ? new Date(ctx.now().getTime() + task.backoffMs(job.attempts)) : null;
  const outcome = await failJob(ctx.store.db, job, worker, error, retryAt, ctx.now());
  ctx.log(`job ${job.id} (${job.type}) attempt ${job.attempts}/${job.maxAttempts} failed: ${error}${outcome === 'retry' ? `; retry at ${retryAt?.toISOString()}` : '; giving up'}`);
  return { kind: outcome, type: job.type, error };
}

/** Queues a task run with a validated payload. */
export async function enqueueTask<T extends Task>(ctx: Pick<TaskContext, 'store' | 'now'>, task: T, payload: unknown, uniqueKey?: string, runAt?: Date): Promise<boolean> {
  const valid = task.payload.parse(payload);
  return enqueueJob(ctx.store.db, { type: task.type, payload: valid, uniqueKey, maxAttempts: task.maxAttempts, runAt: runAt ?? ctx.now() }, ctx.now());
}

/** Runs jobs until `signal` aborts. */
export async function runWorker(ctx: TaskContext, tasks: TaskRegistry, signal: AbortSignal): Promise<void> {
  const worker = workerId();
  ctx.log(`worker ${worker} started`);
  while (!signal.aborted) {
    let result: RunResult;
    try {
      result = await runOneJob(ctx, tasks, worker);
    } catch (err) {
      ctx.log(`worker error: ${err instanceof Error ? err.message : String(err)}`);
      result = { kind: 'idle' };
    }
    if (result.kind === 'idle') await pause(WORKER_POLL_MS, signal);
  }
}
