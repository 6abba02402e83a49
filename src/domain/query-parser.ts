// The search box's query syntax, parsed into parts the search engines understand:
//   plain words           graph neural networks
//   "quoted phrase"       "in-context learning"
//   -term, -"phrase"      exclusion
//   author:"Name"         author:lecun          (the authors field only)
//   cat:cs.LG, cat:cs     arXiv category or whole archive
//   year:2024, year:2024..2025, year:2024.., year:..2025
// Whatever does not parse degrades to plain words: an unbalanced quote is ignored, a field with a
// bad value is kept as words, and nothing ever throws. A query that is only an arXiv id or an
// arXiv / Hugging Face paper URL is recognised as a reference, so the page can jump to the paper.
import { parseArxivReference, type ParsedArxivId } from './arxiv-id.js';

export interface YearRange {
  /** Inclusive; null means open. */
  readonly from: number | null;
  readonly to: number | null;
}

export interface ParsedQuery {
  readonly words: readonly string[];
  readonly phrases: readonly string[];
  /** Words and phrases that must not occur. */
  readonly excluded: readonly string[];
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly years: YearRange | null;
  /** The whole query names one arXiv paper (id or URL). */
  readonly reference: ParsedArxivId | null;
}

/** Longest query considered (characters); the rest is dropped, so a pasted book costs nothing. */
export const MAX_QUERY_CHARS = 1000;
/** Years a `year:` filter may name; others degrade to words. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** An arXiv archive (cs, hep-th, q-bio) or category (cs.LG, cond-mat.stat-mech). */
export const CATEGORY_PATTERN = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;
const YEAR_PATTERN = /^(\d{4})?(?:(\.\.)(\d{4})?)?$/;
const FIELD_PATTERN = /^(author|cat|year):/i;

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly negated: boolean;
  readonly field: 'author' | 'cat' | 'year' | null;
}

/** Splits into tokens; an unbalanced quote is treated as a space. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i] ?? '')) i += 1;
    if (i >= n) break;
    let negated = false;
    let field: Token['field'] = null;
    if (input[i] === '-' && i + 1 < n && !/\s/.test(input[i + 1] ?? '')) {
      negated = true;
      i += 1;
    }
    const fieldMatch = FIELD_PATTERN.exec(input.slice(i, i + 7));
    if (fieldMatch?.[1]) {
      field = fieldMatch[1].toLowerCase() as Token['field'];
      i += fieldMatch[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close > i) {
        tokens.push({ text: input.slice(i + 1, close), quoted: true, negated, field });
        i = close + 1;
        continue;
      }
      // Unbalanced: drop the quote (a field before it degrades to its name) and read on.
      tokens.push({ text: '', quoted: false, negated, field });
      i += 1;
      continue;
    }
    const start = i;
    while (i < n && !/\s/.test(input[i] ?? '') && input[i] !== '"') i += 1;
    tokens.push({ text: input.slice(start, i), quoted: false, negated, field });
  }
  return tokens;
}

function parseYears(value: string): YearRange | null {
  const m = YEAR_PATTERN.exec(value);
  if (!m || (!m[1] && !m[3])) return null;
  const a = m[1] ? Number(m[1]) : null;
  const b = m[2] ? (m[3] ? Number(m[3]) : null) : a;
  if ([a, b].some((y) => y !== null && (y < MIN_YEAR || y > MAX_YEAR))) return null;
  return a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b };
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Holds at least one letter or digit, so it can match something. */
const meaningful = (s: string) => /[\p{L}\p{N}]/u.test(s);

export function parseQuery(raw: string): ParsedQuery {
  const input = raw.normalize('NFKC').slice(0, MAX_QUERY_CHARS).trim();
  const words: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  const authors: string[] = [];
  const categories: string[] = [];
  let years: YearRange | null = null;
  for (const token of tokenize(input)) {
    const text = clean(token.text);
    if (token.field === 'author' && meaningful(text) && !token.negated) {
      authors.push(text);
      continue;
    }
    if (token.field === 'cat' && CATEGORY_PATTERN.test(text) && !token.negated) {
      if (!categories.includes(text)) categories.push(text);
      continue;
    }
    if (token.field === 'year' && !token.negated && !token.quoted) {
      const parsed = parseYears(text);
      if (parsed) {
        years = parsed;
        continue;
      }
    }
    // Anything else is text. A field that did not parse keeps its name as a word, and so does a
    // field name inside its value (year:year:); a dash after a field name (year:-1) excludes nothing.
    let rest = text;
    if (token.field && !token.negated) words.push(token.field);
    while (token.field && !token.quoted) {
      if (!token.negated) rest = rest.replace(/^-+/, '');
      const m = FIELD_PATTERN.exec(rest);
      if (!m?.[1]) break;
      if (!token.negated) words.push(m[1].toLowerCase());
      rest = rest.slice(m[0].length);
    }
    if (!meaningful(rest)) continue;
    if (token.negated) excluded.push(rest);
    else if (token.quoted) phrases.push(rest);
    else words.push(rest);
  }
  return { words, phrases, excluded, authors, categories, years, reference: parseArxivReference(input) };
}

/** True when the query has something to match or filter on. */
export function hasConstraints(q: ParsedQuery): boolean {
  return q.words.length + q.phrases.length + q.authors.length + q.categories.length > 0 || q.years !== null;
}

const quote = (s: string) => `"${s}"`;
const bareOrQuoted = (s: string) => (/\s/.test(s) ? quote(s) : s);

/** The query in canonical syntax; parseQuery(formatQuery(q)) gives q back (reference aside). */
export function formatQuery(q: ParsedQuery): string {
  const yearText = (y: YearRange) => (y.from !== null && y.from === y.to ? String(y.from) : `${y.from ?? ''}..${y.to ?? ''}`);
  return [
    ...q.words,
    ...q.phrases.map(quote),
    ...q.excluded.map((e) => `-${quote(e)}`),
    ...q.authors.map((a) => `author:${bareOrQuoted(a)}`),
    ...q.categories.map((c) => `cat:${c}`),
    ...(q.years ? [`year:${yearText(q.years)}`] : []),
  ].join(' ');
}
