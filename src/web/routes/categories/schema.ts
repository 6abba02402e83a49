// Path and query schemas of the category page and its JSON twin.
import { z } from 'zod';
import { CATEGORY_PATTERN } from '../../../domain/query-parser.js';

/** Papers per page. */
export const PAGE_SIZE = 50;

export const CategoryParams = z.object({
  cat: z.string().max(40, 'a category is at most 40 characters').regex(CATEGORY_PATTERN, 'the category must look like cs, cs.LG, hep-th or cond-mat.mes-hall'),
});

export const CategoryQuery = z.object({
  p: z.coerce.number({ message: 'p must be a whole number from 0' }).int('p must be a whole number').min(0, 'p must be a whole number from 0').max(100_000).default(0),
});
