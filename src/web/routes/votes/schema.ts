// Paths and queries of the vote routes.
import { z } from 'zod';
import { PaperIdText } from '../paper-id-params.js';

/** Most papers one /api/me/votes request asks about (a feed page shows 50). */
export const MAX_IDS_PER_REQUEST = 200;

/** ?ids=2608.19880,hep-th/9901001 */
export const MyVotesQuery = z.object({
  ids: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .pipe(z.array(PaperIdText).max(MAX_IDS_PER_REQUEST, `ask about at most ${MAX_IDS_PER_REQUEST} papers at once`)),
});

/** The form posts only its CSRF token (checked before the handler runs). */
export const VoteFormBody = z.object({ _csrf: z.string().optional() }).optional();
