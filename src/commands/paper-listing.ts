// A page of whole papers, newest first, as the author and category pages show it.
import type { Paper } from '../domain/paper.js';
import type { Db } from '../store/db.js';
import type { IdPage } from '../store/listing-read.js';
import { loadPapers } from '../store/papers-read.js';

export interface PaperListing {
  readonly papers: readonly Paper[];
  /** Every matching paper, not just this page's; null when not counted. */
  readonly total: number | null;
  /** Whether a later page has papers. */
  readonly hasMore: boolean;
  /** From 0. */
  readonly page: number;
  readonly limit: number;
}

export async function listingOf(db: Db, found: IdPage, page: number, limit: number): Promise<PaperListing> {
  const byId = await loadPapers(db, found.ids);
  const papers = found.ids.map((id) => byId.get(id)).filter((p): p is Paper => p !== undefined);
  return { papers, total: found.total, hasMore: found.hasMore, page, limit };
}
