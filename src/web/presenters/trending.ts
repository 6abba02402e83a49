// JSON of /api/trending: the window, then the papers as HF daily-papers items (an explicit field
// list, see hf.ts) each with its trending figures.
import type { Trending } from '../../commands/trending.js';
import { hfDailyItem } from './hf.js';

/** Significant digits of a published score: enough to order, not a promise of precision. */
const SCORE_DIGITS = 6;

export function trendingJson(t: Trending) {
  return {
    window: { name: t.window, first: t.first, last: t.last, fellBack: t.fellBack },
    total: t.total,
    page: t.page,
    limit: t.limit,
    papers: t.entries.map((e) => ({ ...hfDailyItem(e), trending: { score: Number(e.score.toPrecision(SCORE_DIGITS)), countedVotes: e.countedVotes } })),
  };
}
