// A task is a named, typed unit of background work: its payload is validated by a zod schema when
// it runs, it states its retries and backoff, and `perform` must be idempotent (a task may run
// again after a crash between doing the work and recording that it was done).
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Store } from '../store/db.js';

export interface TaskContext {
  readonly store: Store;
  readonly config: Config;
  readonly log: (message: string) => void;
  readonly now: () => Date;
}

export interface Task<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly payload: S;
  readonly maxAttempts: number;
  /** Delay before retry number `attempt` (1-based), in ms. */
  readonly backoffMs: (attempt: number) => number;
  readonly perform: (payload: z.infer<S>, ctx: TaskContext) => Promise<void>;
}

export function defineTask<S extends z.ZodType>(task: Task<S>): Task<S> {
  return task;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))]. */
export function jitteredBackoff(baseMs: number, capMs: number, random: () => number = Math.random) {
  return (attempt: number) => Math.round(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1)));
}

export type TaskRegistry = ReadonlyMap<string, Task>;

export function registry(tasks: readonly Task[]): TaskRegistry {
  return new Map(tasks.map((t) => [t.type, t]));
}
