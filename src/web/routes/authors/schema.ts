// Path and query schemas of the author page and its JSON twin.
import { z } from 'zod';

/** Papers per page. */
export const PAGE_SIZE = 50;

export const AuthorParams = z.object({
  name: z
    .string()
    .refine((s) => !/\p{Cc}/u.test(s), 'the author name must not contain control characters')
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    // No length limit here: the router answers 414 to path parameters over 200 characters.
    .pipe(z.string().min(1, 'give an author name, e.g. /authors/Yann%20LeCun')),
});

export const AuthorQuery = z.object({
  p: z.coerce.number({ message: 'p must be a whole number from 0' }).int('p must be a whole number').min(0, 'p must be a whole number from 0').max(100_000).default(0),
});
