// Query schemas of the search page, its JSON twin and the Hugging Face-compatible search. The query
// text itself is never rejected (the parser degrades whatever it cannot read); the controls are.
import { z } from 'zod';
import { DayParam } from '../../../domain/period-params.js';
import { CATEGORY_PATTERN, MAX_QUERY_CHARS } from '../../../domain/query-parser.js';
import { DEFAULT_SEARCH_MODE, MAX_LIKE_CHARS, SEARCH_MODES, SEARCH_SORTS } from '../../../domain/search.js';

/** Results per HTML page. */
export const PAGE_SIZE = 20;

/** Empty form fields mean "not set". */
const blank = (v: unknown) => (v === '' ? undefined : v);

const Q = z.string({ message: 'q must be given once, as text' }).default('').transform((s) => s.slice(0, MAX_QUERY_CHARS));
const Page = z.coerce.number({ message: 'p must be a whole number from 0' }).int('p must be a whole number').min(0, 'p must be a whole number from 0').max(100_000).default(0);
const Category = z.string().trim().max(40).regex(CATEGORY_PATTERN, 'cat must look like cs, cs.LG or hep-th');

const Controls = z.object({
  q: Q,
  p: Page,
  cat: z.preprocess(blank, Category.optional()),
  from: z.preprocess(blank, DayParam.optional()),
  to: z.preprocess(blank, DayParam.optional()),
  code: z.preprocess(blank, z.enum(['1', 'true', 'on', '0', 'false'], { message: 'code must be 1 or 0' }).optional()).transform((v) => v === '1' || v === 'true' || v === 'on'),
  sort: z.preprocess(blank, z.enum(SEARCH_SORTS, { message: `sort must be one of ${SEARCH_SORTS.join(', ')}` }).default('relevance')),
  mode: z.preprocess(blank, z.enum(SEARCH_MODES, { message: `mode must be one of ${SEARCH_MODES.join(', ')}` }).default(DEFAULT_SEARCH_MODE)),
  like: z.preprocess(blank, z.string({ message: 'like must be given once, as text' }).max(MAX_LIKE_CHARS, `like is at most ${MAX_LIKE_CHARS} characters`).optional()),
});

const datesInOrder = (q: { from?: string; to?: string }) => !(q.from && q.to && q.from > q.to);
const ORDER = { message: 'from must not be after to', path: ['from'] };

export const SearchPageQuery = Controls.refine(datesInOrder, ORDER);

export const ApiSearchQuery = Controls.extend({
  limit: z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(PAGE_SIZE),
}).refine(datesInOrder, ORDER);

/** GET /api/papers/search?q=&limit= as Hugging Face answers it (other parameters are ignored). */
export const HfSearchQuery = z.object({
  q: Q,
  limit: z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(50),
});
