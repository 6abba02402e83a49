// THE schedule: every recurring job of Paperboy, in one table. The cron role turns each entry's
// most recent due time into a job with a unique key, so any number of cron processes (or a cron
// process restarted many times) enqueue each run exactly once.
import type { Task } from './task.js';

export type ScheduleEntry = {
  /** Stable name; part of each run's unique key. */
  readonly name: string;
  readonly task: Task;
  readonly payload: (due: Date) => unknown;
} & (
  | {
      /** Runs once a day at this UTC time. */
      readonly dailyAtUtc: { readonly hour: number; readonly minute: number };
    }
  | {
      /** Runs every this many minutes, at multiples of it since the Unix epoch (so every process agrees). */
      readonly everyMinutes: number;
    }
);

/** The latest due time at or before `now`. */
export function lastDue(entry: ScheduleEntry, now: Date): Date {
  if ('everyMinutes' in entry) {
    const period = entry.everyMinutes * 60_000;
    return new Date(Math.floor(now.getTime() / period) * period);
  }
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), entry.dailyAtUtc.hour, entry.dailyAtUtc.minute));
  if (due.getTime() > now.getTime()) due.setUTCDate(due.getUTCDate() - 1);
  return due;
}

export function runKey(entry: ScheduleEntry, due: Date): string {
  return `schedule:${entry.name}:${due.toISOString()}`;
}
