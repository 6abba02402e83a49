import { expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../src/config.js';
import { cronTick } from '../../src/jobs/cron.js';
import type { ScheduleEntry } from '../../src/jobs/schedule.js';
import { defineTask, registry, type TaskContext } from '../../src/jobs/task.js';
import { enqueueTask, JOB_LEASE_MS, runOneJob } from '../../src/jobs/worker.js';
import { claimJob, enqueueJob, listJobs } from '../../src/store/jobs.js';
import { describeEachDialect } from '../support/dialects.js';

const config = parseConfig({ PAPERBOY_LOG_LEVEL: 'silent' });

describeEachDialect('job queue', (ctx) => {
  let clock = new Date('2026-11-30T10:00:00Z');
  const tc = (): TaskContext => ({ store: ctx.store, config, log: () => {}, now: () => clock });
  const performed: string[] = [];
  let failuresLeft = 0;
  const echo = defineTask({
    type: 'echo',
    payload: z.object({ text: z.string() }),
    maxAttempts: 3,
    backoffMs: (attempt) => attempt * 60_000,
    perform: async ({ text }) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error(`flaky ${text}`);
      }
      performed.push(text);
    },
  });
  const tasks = registry([echo]);

  it('enqueues once per unique key and performs the job', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    performed.length = 0;
    expect(await enqueueTask(tc(), echo, { text: 'a' }, 'k1')).toBe(true);
    expect(await enqueueTask(tc(), echo, { text: 'a' }, 'k1')).toBe(false);
    expect(await runOneJob(tc(), tasks, 'w1')).toEqual({ kind: 'done', type: 'echo' });
    expect(await runOneJob(tc(), tasks, 'w1')).toEqual({ kind: 'idle' });
    expect(performed).toEqual(['a']);
    expect((await listJobs(ctx.store.db))[0]).toMatchObject({ status: 'done', attempts: 1 });
    await expect(enqueueTask(tc(), echo, { text: 5 })).rejects.toThrow();
  });

  it('retries with the task backoff, then gives up', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    performed.length = 0;
    failuresLeft = 5;
    await enqueueTask(tc(), echo, { text: 'b' });
    expect(await runOneJob(tc(), tasks, 'w1')).toMatchObject({ kind: 'retry', error: 'flaky b' });
    expect(await runOneJob(tc(), tasks, 'w1')).toEqual({ kind: 'idle' }); // not due yet
    clock = new Date(clock.getTime() + 60_000);
    expect(await runOneJob(tc(), tasks, 'w1')).toMatchObject({ kind: 'retry' });
    clock = new Date(clock.getTime() + 120_000);
    expect(await runOneJob(tc(), tasks, 'w1')).toMatchObject({ kind: 'failed' });
    expect((await listJobs(ctx.store.db))[0]).toMatchObject({ status: 'failed', attempts: 3, last_error: 'flaky b' });
    failuresLeft = 0;
  });

  it('fails a job with an invalid payload or unknown type without retrying', async () => {
    await enqueueJob(ctx.store.db, { type: 'echo', payload: { nope: 1 }, maxAttempts: 3, runAt: clock });
    await enqueueJob(ctx.store.db, { type: 'missing', payload: {}, maxAttempts: 3, runAt: clock });
    expect(await runOneJob(tc(), tasks, 'w1')).toMatchObject({ kind: 'failed', error: expect.stringMatching(/invalid payload/) as unknown });
    expect(await runOneJob(tc(), tasks, 'w1')).toMatchObject({ kind: 'failed', error: 'no task named missing' });
  });

  it('gives a job whose worker died to another worker when the lease expires', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    await enqueueTask(tc(), echo, { text: 'c' });
    expect(await claimJob(ctx.store, 'dead-worker', JOB_LEASE_MS, clock)).not.toBeNull();
    expect(await runOneJob(tc(), tasks, 'w2')).toEqual({ kind: 'idle' });
    clock = new Date(clock.getTime() + JOB_LEASE_MS + 1);
    expect(await runOneJob(tc(), tasks, 'w2')).toEqual({ kind: 'done', type: 'echo' });
  });

  it('never hands one job to two concurrent claimers', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    for (let i = 0; i < 10; i++) await enqueueTask(tc(), echo, { text: `j${i}` });
    const claims = await Promise.all(Array.from({ length: 25 }, (_, i) => claimJob(ctx.store, `w${i}`, JOB_LEASE_MS, clock)));
    const ids = claims.filter((c) => c !== null).map((c) => c.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it('cron enqueues each scheduled run once, however often it ticks', async () => {
    const schedule: ScheduleEntry[] = [{ name: 'nightly-echo', task: echo, dailyAtUtc: { hour: 2, minute: 0 }, payload: (due) => ({ text: due.toISOString() }) }];
    clock = new Date('2026-11-30T01:59:00Z');
    expect(await cronTick(tc(), schedule)).toEqual(['schedule:nightly-echo:2026-11-29T02:00:00.000Z']);
    expect(await cronTick(tc(), schedule)).toEqual([]);
    clock = new Date('2026-11-30T02:00:00Z');
    expect(await cronTick(tc(), schedule)).toEqual(['schedule:nightly-echo:2026-11-30T02:00:00.000Z']);
    expect(await Promise.all([cronTick(tc(), schedule), cronTick(tc(), schedule)])).toEqual([[], []]);
    expect(await listJobs(ctx.store.db)).toHaveLength(2);
  });
});
