// Use-case: an author's papers, newest first (/authors/<name> and its JSON twin). Spellings that
// differ only in accents, case or spacing are one author (domain/author-name.ts).
import { authorKey } from '../domain/author-name.js';
import type { Store } from '../store/db.js';
import { authorSpellings, papersByAuthorKey } from '../store/listing-read.js';
import { listingOf, type PaperListing } from './paper-listing.js';

export interface AuthorPapers extends PaperListing {
  readonly total: number;
  /** The name as asked for when it is stored that way, else the most used spelling. */
  readonly name: string;
  /** Every stored spelling, most used first. */
  readonly spellings: readonly string[];
}

/** Null when no visible paper has this author. */
export async function getAuthorPapers(store: Store, name: string, page: number, limit: number): Promise<AuthorPapers | null> {
  const key = authorKey(name);
  const [found, spellings] = await Promise.all([papersByAuthorKey(store.db, key, page * limit, limit), authorSpellings(store.db, key)]);
  const total = found.total ?? 0;
  if (total === 0) return null;
  const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const asked = tidy(name);
  const listing = await listingOf(store.db, found, page, limit);
  return { ...listing, total, name: spellings.find((s) => tidy(s) === asked) ?? spellings[0] ?? asked, spellings };
}
