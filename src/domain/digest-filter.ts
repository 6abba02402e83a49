// Which papers a subscriber's digest keeps. A subscription may name categories and keywords:
//   - categories: a paper matches when one of its arXiv categories is named ("cs.CL"), or belongs
//     to a named archive ("cs" matches cs.CL, cs.LG, …); case-insensitive.
//   - keywords: a paper matches when a keyword occurs as whole words in its title, abstract or
//     AI keywords, case- and punctuation-insensitive ("large language model" matches
//     "Large-Language-Model"; "lora" does not match "explorative").
// An empty list does not filter. With both lists the paper must match both (each narrows the
// digest); within a list one match is enough.
// Papers from the Hugging Face daily feed carry no arXiv categories until arXiv metadata is
// fetched, so a categories-only digest of them is empty: the run reports that as "nothing new".

export interface DigestFilter {
  readonly categories: readonly string[];
  readonly keywords: readonly string[];
}

export const NO_FILTER: DigestFilter = Object.freeze({ categories: [], keywords: [] });

/** What filtering needs of a paper. */
export interface FilterablePaper {
  readonly title: string;
  readonly abstract: string;
  readonly categories: readonly string[];
  readonly aiKeywords: readonly string[];
}

/** A paper prepared once per run, so 10,000 subscribers do not re-normalise its text. */
export interface FilterIndex {
  readonly categories: ReadonlySet<string>;
  readonly archives: ReadonlySet<string>;
  /** Lower-case words of title, abstract and AI keywords, space-separated, with a space at both ends. */
  readonly words: string;
}

/** Lower case, every run of non-letters/digits one space, trimmed. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function filterIndex(paper: FilterablePaper): FilterIndex {
  const categories = new Set(paper.categories.map((c) => c.toLowerCase()));
  const archives = new Set([...categories].map((c) => c.split('.')[0] ?? c));
  const words = ` ${normaliseWords([paper.title, paper.abstract, ...paper.aiKeywords].join(' '))} `;
  return { categories, archives, words };
}

/** A filter with its terms normalised, prepared once per subscriber. */
export interface PreparedFilter {
  readonly categories: readonly string[];
  readonly keywords: readonly string[];
}

export function prepareFilter(filter: DigestFilter): PreparedFilter {
  return {
    categories: [...new Set(filter.categories.map((c) => c.trim().toLowerCase()).filter((c) => c !== ''))],
    keywords: [...new Set(filter.keywords.map(normaliseWords).filter((k) => k !== ''))],
  };
}

export function matchesFilter(paper: FilterIndex, filter: PreparedFilter): boolean {
  if (filter.categories.length > 0) {
    const hit = filter.categories.some((c) => (c.includes('.') ? paper.categories.has(c) : paper.archives.has(c) || paper.categories.has(c)));
    if (!hit) return false;
  }
  if (filter.keywords.length > 0) return filter.keywords.some((k) => paper.words.includes(` ${k} `));
  return true;
}

/** True when the filter keeps every paper. */
export function isUnfiltered(filter: PreparedFilter): boolean {
  return filter.categories.length === 0 && filter.keywords.length === 0;
}
