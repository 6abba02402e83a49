// Use-case: one paper with the days it was featured; the page, its JSON and its Markdown share it.
import type { ArxivId } from '../domain/arxiv-id.js';
import { notFound } from '../domain/errors.js';
import type { Paper } from '../domain/paper.js';
import type { Day } from '../domain/period.js';
import type { Store } from '../store/db.js';
import { featuredDays, findPaper } from '../store/papers-read.js';

export interface PaperPage {
  readonly paper: Paper;
  readonly featuredOn: readonly Day[];
}

export async function getPaperPageOrThrow(store: Store, id: ArxivId): Promise<PaperPage> {
  const [paper, days] = await Promise.all([findPaper(store.db, id), featuredDays(store.db, id)]);
  if (!paper) throw notFound(`No paper ${id} in this catalog.`);
  return { paper, featuredOn: days };
}
