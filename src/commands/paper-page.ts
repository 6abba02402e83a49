// Use-case: one paper with the days it was featured; the page, its JSON and its Markdown share it.
import type { ArxivId } from '../domain/arxiv-id.js';
import { notFound } from '../domain/errors.js';
import type { Paper } from '../domain/paper.js';
import type { Day } from '../domain/period.js';
import { approvedClaimants, type ClaimedAuthor } from '../store/author-claims.js';
import type { Store } from '../store/db.js';
import { featuredDays, findPaper } from '../store/papers-read.js';
import { commentThread, visiblePaperOrThrow, type CommentThread } from './comments.js';
import { similarToPaper, type SimilarPaper } from './similar-papers.js';

/** Similar papers shown on a paper page. */
export const SIMILAR_ON_PAGE = 6;

export interface PaperPage {
  readonly paper: Paper;
  readonly featuredOn: readonly Day[];
  /** Nearest papers by meaning; empty until the papers are embedded. */
  readonly similar: readonly SimilarPaper[];
  /** The paper's comments, threaded. */
  readonly comments: CommentThread;
  /** Readers whose authorship claims moderators approved. */
  readonly claimedBy: readonly ClaimedAuthor[];
}

export async function getPaperPageOrThrow(store: Store, id: ArxivId): Promise<PaperPage> {
  const [paper, days] = await Promise.all([findPaper(store.db, id), featuredDays(store.db, id)]);
  if (!paper) throw notFound(`No paper ${id} in this catalog.`);
  await visiblePaperOrThrow(store, id);
  const [similar, comments, claimedBy] = await Promise.all([similarToPaper(store, id, SIMILAR_ON_PAGE), commentThread(store, id), approvedClaimants(store.db, id)]);
  return { paper, featuredOn: days, similar, comments, claimedBy };
}
