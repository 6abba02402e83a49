// From a parsed query to the terms the keyword index matches: plain words are lowercased, split
// at punctuation ("gpt-4" becomes the phrase "gpt 4", as the index tokenizes it) and stripped of
// stopwords, unless every word is one ("to be or not to be" is still searched).
import type { ParsedQuery } from '../domain/query-parser.js';
import type { KeywordMatch } from '../store/keyword-index.js';
import { STOPWORDS } from './stopwords.js';

export interface QueryTerms {
  /** Plain words, one string per word (several parts joined by spaces for compounds). */
  readonly words: readonly string[];
  readonly phrases: readonly string[];
  readonly authors: readonly string[];
  readonly excluded: readonly string[];
}

function parts(word: string): string[] {
  return word.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function queryTerms(q: ParsedQuery, stopwords: ReadonlySet<string> = STOPWORDS): QueryTerms {
  const all = q.words.map(parts).filter((p) => p.length > 0);
  const kept = all.filter((p) => p.some((w) => !stopwords.has(w)));
  const words = [...new Set((kept.length > 0 ? kept : all).map((p) => p.join(' ')))];
  return { words, phrases: q.phrases, authors: q.authors, excluded: q.excluded };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Every word and phrase must occur. When every word is `ubiquitous` (and there is no phrase or
 * author), the words are matched but not ranked: their bm25 would be ~0 and cost a walk of each
 * word's postings. A query mixing them with other words ranks them all: checking them per
 * candidate instead proved slower than FTS5's own intersection (bench:search, with filters).
 */
export function allOf(t: QueryTerms, ubiquitous: ReadonlySet<string> = NONE): KeywordMatch {
  const unranked = t.words.length > 0 && t.phrases.length + t.authors.length === 0 && t.words.every((w) => ubiquitous.has(w));
  return {
    required: unranked ? [] : [...t.words, ...t.phrases],
    optional: [],
    authors: t.authors,
    excluded: t.excluded,
    unranked: unranked ? t.words : [],
  };
}

/**
 * Phrases, authors and exclusions still hold; of the plain words any one will do. Null when that
 * is no wider than allOf (fewer than two words), or when every word is `ubiquitous` (it would
 * match nearly everything, ranked ~0).
 */
export function someOf(t: QueryTerms, ubiquitous: ReadonlySet<string> = NONE): KeywordMatch | null {
  if (t.words.length < 2 || t.words.every((w) => ubiquitous.has(w))) return null;
  return { required: t.phrases, optional: t.words, authors: t.authors, excluded: t.excluded };
}
