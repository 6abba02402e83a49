// Use-case: every paper arXiv announced on a day (its v1 date), grouped by primary category, with
// cross-lists marked: the firehose beside the community-curated daily page.
import type { Paper } from '../domain/paper.js';
import type { Day } from '../domain/period.js';
import type { Store } from '../store/db.js';
import { papersPublishedOn, publishedNeighbours, type CategoryFilter } from '../store/new-read.js';
import { loadPapers } from '../store/papers-read.js';

/** Papers without a known category (e.g. imported from Hugging Face only) are grouped under this. */
export const UNCATEGORISED = 'uncategorised';

export interface NewGroup {
  readonly category: string;
  readonly papers: readonly { readonly paper: Paper; readonly crossList: boolean }[];
}

export interface NewSubmissions {
  readonly day: Day | null;
  readonly filter: CategoryFilter | null;
  readonly total: number;
  readonly groups: readonly NewGroup[];
  readonly prev: Day | null;
  readonly next: Day | null;
}

function matches(category: string, filter: CategoryFilter): boolean {
  return filter.archive ? category === filter.value || category.startsWith(`${filter.value}.`) : category === filter.value;
}

export async function getNewSubmissions(store: Store, day: Day | null, filter: CategoryFilter | null): Promise<NewSubmissions> {
  const around = await publishedNeighbours(store.db, day, filter);
  const shown = day ?? around.latest;
  if (!shown) return { day: null, filter, total: 0, groups: [], prev: null, next: null };
  const neighbours = day ? around : await publishedNeighbours(store.db, shown, filter);
  const ids = await papersPublishedOn(store.db, shown, filter);
  const papers = await loadPapers(store.db, ids);
  const groups = new Map<string, { paper: Paper; crossList: boolean }[]>();
  for (const id of ids) {
    const paper = papers.get(id);
    if (!paper) continue;
    const primary = paper.primaryCategory ?? UNCATEGORISED;
    // Filtered: a paper whose primary category is outside the filter is a cross-list into it.
    const crossList = filter !== null && !matches(primary, filter);
    const group = crossList ? `${filter.value} (cross-lists)` : primary;
    const list = groups.get(group);
    if (list) list.push({ paper, crossList });
    else groups.set(group, [{ paper, crossList }]);
  }
  const ordered = [...groups.entries()]
    .sort(([a, pa], [b, pb]) => Number(pa[0]?.crossList) - Number(pb[0]?.crossList) || (a === UNCATEGORISED ? 1 : b === UNCATEGORISED ? -1 : a.localeCompare(b)))
    .map(([category, list]) => ({ category, papers: list }));
  return { day: shown, filter, total: ids.length, groups: ordered, prev: neighbours.prev, next: neighbours.next };
}
