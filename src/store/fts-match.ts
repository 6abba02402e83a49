// Builds FTS5 MATCH expressions from terms. Every user-supplied string becomes a quoted FTS5 string
// (inner quotes doubled), so no input can inject FTS5 operators, column filters or prefixes; FTS5
// tokenizes the quoted text with the table's tokenizer, so "gpt-4" is the phrase "gpt 4".
// Terms with no letter or digit are dropped: FTS5 reads them as an empty phrase that matches nothing.

/** What to match; each string is a word or a phrase of several words. */
export interface KeywordMatch {
  /** All of these must occur. */
  readonly required: readonly string[];
  /** At least one of these must occur (ignored when empty). */
  readonly optional: readonly string[];
  /** Phrases that must occur in the authors column. */
  readonly authors: readonly string[];
  /** None of these may occur. */
  readonly excluded: readonly string[];
  /**
   * These must occur too but are left out of the ranked expression: words in most documents,
   * whose idf FTS5 clamps to ~0 but computes by walking their whole posting list on every query.
   * They are checked per candidate; a query of nothing else lists its matches newest first.
   */
  readonly unranked?: readonly string[];
}

const usable = (term: string) => /[\p{L}\p{N}]/u.test(term);

export function ftsString(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function group(terms: readonly string[], op: 'AND' | 'OR'): string | null {
  const parts = terms.filter(usable).map(ftsString);
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(` ${op} `)})`;
}

/** The positive part alone, or null when nothing positive is asked for. */
export function positiveExpression(m: KeywordMatch): string | null {
  const authors = m.authors.filter(usable).map((a) => `authors : ${ftsString(a)}`);
  const parts = [group(m.required, 'AND'), ...authors, group(m.optional, 'OR')].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(' AND ');
}

/** The exclusions as one OR group (to match documents to leave out), or null. */
export function excludedExpression(m: KeywordMatch): string | null {
  return group(m.excluded, 'OR');
}

/** The unranked terms as one AND group, or null. */
export function unrankedExpression(m: KeywordMatch): string | null {
  return group(m.unranked ?? [], 'AND');
}

/** The full expression, or null when nothing positive is asked for (FTS5 has no bare NOT). */
export function matchExpression(m: KeywordMatch): string | null {
  const positive = positiveExpression(m);
  if (positive === null) return null;
  const excluded = excludedExpression(m);
  return excluded === null ? positive : `(${positive}) NOT ${excluded}`;
}
