// Paper ids in paths, queries and form fields, shared by every route that names a paper.
import { z } from 'zod';
import { parseArxivId, type ArxivId } from '../../domain/arxiv-id.js';

/** A paper id; a versioned id names its paper. */
export const PaperIdText = z.string().transform((s, ctx): ArxivId => {
  const parsed = parseArxivId(s);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 60)}" is not an arXiv id. Ids look like 2608.19880 or hep-th/9901001.` });
    return z.NEVER;
  }
  return parsed.id;
});

/** `/papers/:id/…` and `/papers/:archive/:number/…` (old-style ids keep their slash). */
export const PaperParams = z
  .union([z.object({ archive: z.string(), number: z.string() }), z.object({ id: z.string() })])
  .transform((p) => ('archive' in p ? `${p.archive}/${p.number}` : p.id))
  .pipe(PaperIdText);
