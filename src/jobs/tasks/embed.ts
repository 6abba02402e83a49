// Task: bring every catalog paper's vector up to date (training the catalog embedder first when
// it is missing or the catalog has outgrown it). Idempotent and resumable; see embed-papers.ts.
import { z } from 'zod';
import { closeChoice, embedderChoice } from '../../commands/embedder-choice.js';
import { embedPapers } from '../../commands/embed-papers.js';
import { defineTask, jitteredBackoff } from '../task.js';

/** Retry after 1 min, 2 min, … capped at 30 min: failures here are local (disk, a bad model folder). */
const RETRY_BASE_MS = 60_000;
const RETRY_CAP_MS = 30 * 60_000;

export const embedTask = defineTask({
  type: 'embed',
  payload: z.object({}),
  maxAttempts: 5,
  backoffMs: jitteredBackoff(RETRY_BASE_MS, RETRY_CAP_MS),
  perform: async (_payload, ctx) => {
    const choice = await embedderChoice(ctx.config);
    try {
      const s = await embedPapers(ctx.store, { embedder: choice, cacheDir: ctx.config.cacheDir, now: ctx.now, log: ctx.log });
      if (s.embedded > 0 || s.activated) ctx.log(`embed: ${s.embedded} papers embedded into ${s.model ?? '-'}${s.activated ? ' (now active)' : ''}`);
    } finally {
      await closeChoice(choice);
    }
  },
});
