// The cron role: every tick, enqueue the latest due run of each schedule entry (idempotently).
// A missed day is not replayed one by one: the next tick enqueues the latest due run only, and
// tasks such as the harvest cover the gap themselves from their stored cursor.
import { lastDue, runKey, type ScheduleEntry } from './schedule.js';
import { pause } from './pause.js';
import type { TaskContext } from './task.js';
import { enqueueTask } from './worker.js';

/** How often the cron role checks the schedule (ms). */
export const CRON_TICK_MS = 30_000;

/** Enqueues due runs; returns the keys newly enqueued. */
export async function cronTick(ctx: Pick<TaskContext, 'store' | 'now'>, schedule: readonly ScheduleEntry[]): Promise<string[]> {
  const now = ctx.now();
  const added: string[] = [];
  for (const entry of schedule) {
    const due = lastDue(entry, now);
    const key = runKey(entry, due);
    if (await enqueueTask(ctx, entry.task, entry.payload(due), key, due)) added.push(key);
  }
  return added;
}

export async function runCron(ctx: TaskContext, schedule: readonly ScheduleEntry[], signal: AbortSignal): Promise<void> {
  ctx.log(`cron started with ${schedule.length} scheduled task(s)`);
  while (!signal.aborted) {
    try {
      for (const key of await cronTick(ctx, schedule)) ctx.log(`enqueued ${key}`);
    } catch (err) {
      ctx.log(`cron error: ${err instanceof Error ? err.message : String(err)}`);
    }
    await pause(CRON_TICK_MS, signal);
  }
}
