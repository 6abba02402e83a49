// Task: the daily clean-up of account state (commands/clean-up.ts). Idempotent: it deletes only
// rows past their time, so a retry or a second run deletes nothing more.
import { z } from 'zod';
import { cleanUpAccountState } from '../../commands/clean-up.js';
import { defineTask, jitteredBackoff } from '../task.js';

/** Retry after 1 min, 2 min, … capped at 30 min (a failure is a database hiccup). */
const RETRY_BASE_MS = 60_000;
const RETRY_CAP_MS = 30 * 60_000;

export const cleanUpTask = defineTask({
  type: 'clean-up',
  payload: z.object({}),
  maxAttempts: 5,
  backoffMs: jitteredBackoff(RETRY_BASE_MS, RETRY_CAP_MS),
  perform: async (_payload, ctx) => {
    const s = await cleanUpAccountState(ctx.store, ctx.now());
    ctx.log(`clean-up: deleted ${s.sessions} expired sessions, ${s.emailTokens} used or expired e-mail tokens, ${s.pendingLogins} expired pending log-ins, ${s.rateLimitHits} old rate-limit hits, ${s.unconfirmedSubscriptions} unconfirmed subscriptions`);
  },
});
