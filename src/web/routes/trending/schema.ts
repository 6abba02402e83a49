// Query of /trending and /api/trending.
import { z } from 'zod';
import { TRENDING_WINDOWS } from '../../../domain/ranking.js';

/** The window shown when none is asked for. */
export const DEFAULT_WINDOW = 'week';
/** Papers per page. */
export const TRENDING_PAGE_SIZE = 50;

export const TrendingQuery = z.object({
  window: z.enum(TRENDING_WINDOWS, { message: `window must be one of ${TRENDING_WINDOWS.join(', ')}` }).default(DEFAULT_WINDOW),
  p: z.coerce.number({ message: 'p must be a whole number from 0' }).int('p must be a whole number').min(0).max(100_000).default(0),
});
