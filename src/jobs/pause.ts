import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, or less when `signal` aborts (then resolves quietly, so loops can end). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // aborted: the caller's loop checks the signal
  }
}
