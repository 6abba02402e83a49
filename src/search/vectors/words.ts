// Words of a text as the vector models see them: lowercased, diacritics folded ("Schölkopf" is
// "scholkopf"), split at anything that is not a letter or digit, English stopwords and lone
// characters dropped. `stem` is a light plural stemmer (Harman's S-stemmer): "models" and "model"
// share a term vector, which matters for a vocabulary learned from a few thousand abstracts.
import { STOPWORDS } from '../stopwords.js';

const COMBINING = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Plain ASCII needs no Unicode folding (most abstracts): skipping NFKD doubles embedding speed. */
const NON_ASCII = /[\u0080-\uffff]/;

export function words(text: string): string[] {
  const folded = (NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING, '') : text).toLowerCase();
  const out: string[] = [];
  for (const m of folded.matchAll(WORD)) {
    const w = m[0];
    if (w.length > 1 && !STOPWORDS.has(w)) out.push(w);
  }
  return out;
}

export function stem(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('us') || word.endsWith('ss') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}
