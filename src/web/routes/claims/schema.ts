// Paths, queries and bodies of the author-claim routes.
import { z } from 'zod';
import { MAX_CLAIM_NOTE_CHARS } from '../../../commands/author-claims.js';
import { ModerateBody } from '../moderation/schema.js';
import { PaperIdText, PaperParams } from '../paper-id-params.js';

export { ModerateBody, PaperParams };

/** A claim's optional note for the moderators. */
export const ClaimBody = z
  .object({ note: z.string().max(MAX_CLAIM_NOTE_CHARS, `a note is at most ${MAX_CLAIM_NOTE_CHARS} characters`).default(''), _csrf: z.string().optional() })
  .default({ note: '' });

/** /claim?paper=… */
export const ClaimPageQuery = z.object({ paper: PaperIdText });

/** /moderation/claims/<n>/… */
export const ClaimParams = z.object({ claim: z.coerce.number().int().positive().max(2 ** 31 - 1) });
