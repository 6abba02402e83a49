// The body of the submit form and its JSON twin.
import { z } from 'zod';
import { MAX_REFERENCE_CHARS } from '../../../commands/submit-paper.js';

/** `paper`: an arXiv id or URL (parsed by the command, which says what is wrong with it). */
export const SubmitBody = z.object({
  paper: z
    .string({ message: 'give an arXiv id or URL in "paper"' })
    .trim()
    .min(1, 'give an arXiv id or URL in "paper"')
    .max(MAX_REFERENCE_CHARS, `an arXiv id or URL is at most ${MAX_REFERENCE_CHARS} characters`),
  _csrf: z.string().optional(),
});
