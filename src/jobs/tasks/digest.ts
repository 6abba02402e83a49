// Task: send the digests that are due (commands/send-digests.ts, mode 'due'): every subscriber
// whose local send hour (and, weekly, weekday) has come and whose period is not yet in the send
// log. Scheduled every DIGEST_EVERY_MINUTES; each run looks at every active subscription, so a
// run that failed or was killed is made up by the next one the same local day. Idempotent by the
// send log; a retry after a failure re-sends nothing that was marked sent.
import { z } from 'zod';
import { describeTally, digestMailer, digestSite, sendDigests } from '../../commands/send-digests.js';
import { defineTask, jitteredBackoff } from '../task.js';

/** Retry after 5 min, 10 min, … capped at 30 min: the next scheduled run comes anyway. */
const RETRY_BASE_MS = 5 * 60_000;
const RETRY_CAP_MS = 30 * 60_000;

export const digestTask = defineTask({
  type: 'send-digests',
  payload: z.object({}),
  maxAttempts: 3,
  backoffMs: jitteredBackoff(RETRY_BASE_MS, RETRY_CAP_MS),
  perform: async (_payload, ctx) => {
    const mailer = digestMailer(ctx.config);
    try {
      const summary = await sendDigests(ctx.store, mailer, digestSite(ctx.config), {
        frequencies: ['daily', 'weekly'],
        mode: { kind: 'due' },
        dryRun: false,
        to: null,
        now: ctx.now,
        log: ctx.log,
      });
      for (const t of summary.periods) ctx.log(`digest ${describeTally(t, false)}`);
      for (const s of summary.skipped) ctx.log(`digest skipped ${s.email} (${s.periodKey}): ${s.reason}`);
      // Reported, then thrown, so the queue retries with backoff (HOUSE-STYLE: jobs report then re-throw).
      if (summary.aborted !== null) throw new Error(`digest run stopped: ${summary.aborted}`);
    } finally {
      await mailer.close();
    }
  },
});
