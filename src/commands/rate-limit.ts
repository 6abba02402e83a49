// Turning a refused rate limit (store/rate-limits.ts) into the 429 the user sees, with Retry-After.
import { RateLimited } from '../domain/errors.js';
import { retryAfterSeconds } from '../domain/rate-limits.js';
import type { RateLimit, WithinLimits } from '../store/rate-limits.js';

/** The work's value, or throws RateLimited with `message(seconds until retry, the refusing limit)`. */
export function valueOrRateLimited<T>(outcome: WithinLimits<T>, now: Date, message: (seconds: number, limit: RateLimit) => string): T {
  if (outcome.kind === 'done') return outcome.value;
  const seconds = retryAfterSeconds(outcome.retryAt, now);
  throw new RateLimited(message(seconds, outcome.limit), seconds);
}

/** "45 seconds", "3 minutes", "2 hours": how long to wait, for messages. */
export function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}
