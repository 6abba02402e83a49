// Use-case: the papers of an arXiv category ("cs.LG") or a whole archive ("cs", "hep-th"), cross-
// lists included, newest first (/categories/<cat> and its JSON twin).
import type { Store } from '../store/db.js';
import { categoryExists, papersInCategory } from '../store/listing-read.js';
import type { CategoryFilter } from '../store/new-read.js';
import { listingOf, type PaperListing } from './paper-listing.js';

export interface CategoryPapers extends PaperListing {
  readonly filter: CategoryFilter;
}

/** An archive has no dot ("cs", "hep-th"); a category has one ("cs.LG"). */
export function categoryFilter(cat: string): CategoryFilter {
  return { value: cat, archive: !cat.includes('.') };
}

/**
 * The listing; or, when nothing is listed there, the category as arXiv spells it if that differs
 * only in the case of its subject class ("cs.lg" → "cs.LG"), else null.
 */
export async function getCategoryPapers(store: Store, cat: string, page: number, limit: number): Promise<CategoryPapers | { readonly spelled: string } | null> {
  const filter = categoryFilter(cat);
  const found = await papersInCategory(store.db, filter, page * limit, limit);
  // Past the last page is an empty page, not a missing category.
  const any = found.ids.length > 0 || (page > 0 && (await papersInCategory(store.db, filter, 0, 1)).ids.length > 0);
  if (any) return { ...(await listingOf(store.db, found, page, limit)), filter };
  const dot = cat.indexOf('.');
  const upper = dot < 0 ? cat : `${cat.slice(0, dot)}.${cat.slice(dot + 1).toUpperCase()}`;
  return upper !== cat && (await categoryExists(store.db, upper)) ? { spelled: upper } : null;
}
