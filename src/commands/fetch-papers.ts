// Use-case: fetch papers from the arXiv API by id and upsert them. Ids arXiv does not know are
// reported back, never invented.
import type { ParsedArxivId } from '../domain/arxiv-id.js';
import type { ArxivClient } from '../ingest/arxiv-client.js';
import type { Store } from '../store/db.js';
import { upsertPapers } from '../store/papers-write.js';

export interface FetchSummary {
  readonly found: string[];
  readonly missing: { readonly id: string; readonly reason: string }[];
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export async function fetchPapers(store: Store, client: ArxivClient, ids: readonly ParsedArxivId[], dryRun = false): Promise<FetchSummary> {
  const { papers, missing } = await client.lookup(ids);
  const counts = dryRun ? { inserted: 0, updated: 0, unchanged: 0 } : await upsertPapers(store.db, papers);
  return { found: papers.map((p) => p.id), missing, ...counts };
}
