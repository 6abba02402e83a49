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

/** Every word and phrase must occur. */
export function allOf(t: QueryTerms): KeywordMatch {
  return { required: [...t.words, ...t.phrases], optional: [], authors: t.authors, excluded: t.excluded };
}

/**
 * Phrases, authors and exclusions still hold; of the plain words any one will do. Null when that
 * is no wider than allOf (fewer than two words).
 */
export function someOf(t: QueryTerms): KeywordMatch | null {
  if (t.words.length < 2) return null;
  return { required: t.phrases, optional: t.words, authors: t.authors, excluded: t.excluded };
}
