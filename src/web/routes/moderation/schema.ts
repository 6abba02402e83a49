// Paths, queries and bodies of the flag and moderation routes.
import { z } from 'zod';
import { MAX_REASON_CHARS } from '../../../commands/moderation.js';
import { CommentParams } from '../comments/schema.js';
import { PaperIdText, PaperParams } from '../paper-id-params.js';

export { CommentParams, PaperParams };

/** A flag's optional note. */
export const FlagBody = z
  .object({ reason: z.string().max(MAX_REASON_CHARS, `a reason is at most ${MAX_REASON_CHARS} characters`).default(''), _csrf: z.string().optional() })
  .default({ reason: '' });

/** Hiding or restoring needs a reason (shown in place of what is hidden, kept in the audit log). */
export const ModerateBody = z.object({
  reason: z
    .string({ message: 'give a reason' })
    .max(MAX_REASON_CHARS, `a reason is at most ${MAX_REASON_CHARS} characters`)
    .refine((s) => s.trim() !== '', 'give a reason'),
  _csrf: z.string().optional(),
});

/** /flag?comment=… or /flag?paper=… */
export const FlagPageQuery = z.union([
  z.object({ comment: z.coerce.number().int().positive().max(2 ** 31 - 1) }).transform((q) => ({ kind: 'comment' as const, id: String(q.comment) })),
  z.object({ paper: PaperIdText }).transform((q) => ({ kind: 'paper' as const, id: q.paper })),
]);
