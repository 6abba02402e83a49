// Task: one OAI-PMH harvest of a set (or all of arXiv), resuming from its stored cursor.
// Idempotent: re-running re-reads at most the last committed day, and upserts change nothing.
import { z } from 'zod';
import { harvest } from '../../commands/harvest.js';
import { arxivClientFor } from '../../commands/arxiv-client.js';
import { defineTask, jitteredBackoff } from '../task.js';

/** Retry a failed harvest after 10 min, 20 min, … capped at 2 h (arXiv outages are usually short). */
const RETRY_BASE_MS = 10 * 60_000;
const RETRY_CAP_MS = 2 * 3_600_000;

export const harvestTask = defineTask({
  type: 'harvest',
  payload: z.object({ format: z.enum(['arXiv', 'arXivRaw']), set: z.string().optional() }),
  maxAttempts: 6,
  backoffMs: jitteredBackoff(RETRY_BASE_MS, RETRY_CAP_MS),
  perform: async (payload, ctx) => {
    const summary = await harvest(ctx.store, arxivClientFor(ctx.config), { format: payload.format, set: payload.set, now: ctx.now, log: ctx.log });
    ctx.log(`harvest ${summary.key}: ${summary.records} records over ${summary.pages} pages (${summary.inserted} new, ${summary.updated} changed), ${summary.outcome}`);
  },
});
