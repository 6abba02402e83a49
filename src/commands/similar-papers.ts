// Use-case: papers nearest in meaning to one paper (its stored vector) or to a pasted text (an
// abstract). Empty until the embed job has built the vectors; the paper page then simply shows no
// "similar papers" section.
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Paper } from '../domain/paper.js';
import { usableSnapshot } from '../search/semantic-index.js';
import { dequantize } from '../search/vectors/quantize.js';
import type { Store } from '../store/db.js';
import { allHiddenPaperIds } from '../store/hidden-papers.js';
import { loadPapers } from '../store/papers-read.js';

export interface SimilarPaper {
  readonly paper: Paper;
  /** Cosine similarity, −1 to 1. */
  readonly similarity: number;
}

async function papersOf(store: Store, hits: readonly { key: string; score: number }[]): Promise<SimilarPaper[]> {
  const papers = await loadPapers(store.db, hits.map((h) => h.key));
  const out: SimilarPaper[] = [];
  for (const h of hits) {
    const paper = papers.get(h.key as ArxivId);
    if (paper && !paper.withdrawn) out.push({ paper, similarity: h.score });
  }
  return out;
}

export async function similarToPaper(store: Store, id: ArxivId, limit: number): Promise<SimilarPaper[]> {
  const snapshot = await usableSnapshot(store);
  const stored = snapshot?.index.vector(id);
  if (!snapshot || !stored) return [];
  const query = dequantize(stored, snapshot.index.scale, snapshot.index.center);
  // Papers hidden by moderators are never candidates.
  const hidden = await allHiddenPaperIds(store.db);
  const hits = snapshot.search(query, limit + 1, (key) => key !== id && !hidden.has(key));
  return papersOf(store, hits.slice(0, limit));
}
