// Paths and queries of the vote routes.
import { z } from 'zod';
import { parseArxivId, type ArxivId } from '../../../domain/arxiv-id.js';

/** Most papers one /api/me/votes request asks about (a feed page shows 50). */
export const MAX_IDS_PER_REQUEST = 200;

/** A paper id from the path; a versioned id names its paper. */
export const PaperIdText = z.string().transform((s, ctx): ArxivId => {
  const parsed = parseArxivId(s);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 60)}" is not an arXiv id. Ids look like 2608.19880 or hep-th/9901001.` });
    return z.NEVER;
  }
  return parsed.id;
});

/** /papers/:id/vote and /papers/:archive/:number/vote (old-style ids keep their slash). */
export const VoteParams = z
  .union([z.object({ archive: z.string(), number: z.string() }), z.object({ id: z.string() })])
  .transform((p) => ('archive' in p ? `${p.archive}/${p.number}` : p.id))
  .pipe(PaperIdText);

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
