// How the vector models read text: folded, lowercased words without stopwords, and the light plural
// stemmer that lets "models" and "model" share a term vector.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOPWORDS } from '../../src/search/stopwords.js';
import { stem, words } from '../../src/search/vectors/words.js';

describe('words', () => {
  it('folds diacritics and case, and splits at anything not a letter or digit', () => {
    expect(words('Schölkopf & Smola: Learning with Kernels')).toEqual(['scholkopf', 'smola', 'learning', 'kernels']);
    expect(words('Naïve café résumé — ÅNGSTRÖM')).toEqual(['naive', 'cafe', 'resume', 'angstrom']);
    expect(words('GPT-4o beats Llama-3.1 (70B) on MMLU/GSM8K')).toEqual(['gpt', '4o', 'beats', 'llama', '70b', 'mmlu', 'gsm8k']);
    // Compatibility forms fold too: the "ﬁ" ligature common in PDF-extracted abstracts.
    expect(words('ﬁne-tuning')).toEqual(['fine', 'tuning']);
    // Letters of other scripts are words.
    expect(words('Модель 模型')).toEqual(['модель', '模型']);
  });

  it('drops English stopwords and lone characters', () => {
    expect(words('The role of a model in the x and y of it')).toEqual(['role', 'model']);
    expect(words('What is not said')).toEqual(['said']);
    expect(words('')).toEqual([]);
  });

  it('returns only lowercase letter-or-digit runs of two or more UTF-16 units, never a stopword', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        for (const w of words(text)) {
          expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
          expect(w.length).toBeGreaterThan(1);
          expect(w).toBe(w.toLowerCase());
          expect(STOPWORDS.has(w)).toBe(false);
        }
      }),
    );
  });
});

describe('stem', () => {
  it.each([
    ['models', 'model'],
    ['studies', 'study'],
    ['queries', 'query'],
    ['networks', 'network'],
    ['phases', 'phase'],
    ['trees', 'tree'],
    ['heroes', 'heroe'],
  ])('%s → %s', (word, stemmed) => expect(stem(word)).toBe(stemmed));

  it.each(['class', 'bus', 'analysis', 'corpus', 'gas', 'model', 'its'])('%s is unchanged', (word) => expect(stem(word)).toBe(word));

  it('is idempotent and never lengthens a word', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,12}$/), (w) => {
        const s = stem(w);
        expect(stem(s)).toBe(s);
        expect(s.length).toBeLessThanOrEqual(w.length);
      }),
      { numRuns: 500 },
    );
  });
});
