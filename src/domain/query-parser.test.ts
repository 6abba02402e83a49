import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuery, hasConstraints, parseQuery, type ParsedQuery } from './query-parser.js';

const EMPTY: ParsedQuery = { words: [], phrases: [], excluded: [], authors: [], categories: [], years: null, reference: null };

describe('parseQuery', () => {
  it.each<[string, Partial<ParsedQuery>]>([
    ['graph neural networks', { words: ['graph', 'neural', 'networks'] }],
    ['"in-context learning" scaling', { words: ['scaling'], phrases: ['in-context learning'] }],
    ['transformers -vision -"image classification"', { words: ['transformers'], excluded: ['vision', 'image classification'] }],
    ['author:"Yann LeCun" convolution', { words: ['convolution'], authors: ['Yann LeCun'] }],
    ['author:Schölkopf kernels', { words: ['kernels'], authors: ['Schölkopf'] }],
    ['cat:cs.LG cat:cond-mat.stat-mech cat:cs', { categories: ['cs.LG', 'cond-mat.stat-mech', 'cs'] }],
    ['year:2024', { years: { from: 2024, to: 2024 } }],
    ['year:2024..2025', { years: { from: 2024, to: 2025 } }],
    ['year:2025..2024', { years: { from: 2024, to: 2025 } }],
    ['year:2024..', { years: { from: 2024, to: null } }],
    ['year:..2025', { years: { from: null, to: 2025 } }],
    ['AUTHOR:hinton', { authors: ['hinton'] }],
  ])('parses %j', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ...EMPTY, ...expected });
  });

  it.each<[string, Partial<ParsedQuery>]>([
    ['"unbalanced quote', { words: ['unbalanced', 'quote'] }],
    ['a "b c" "d', { words: ['a', 'd'], phrases: ['b c'] }],
    ['year:twenty', { words: ['year', 'twenty'] }],
    ['year:1066', { words: ['year', '1066'] }],
    ['year:..', { words: ['year'] }],
    ['cat:"not a category"', { words: ['cat'], phrases: ['not a category'] }],
    ['year:year:2024', { words: ['year', 'year', '2024'] }],
    ['author: lecun', { words: ['author', 'lecun'] }],
    ['- -- "" "   " ***', {}],
    ['-cat:cs.CV robots', { words: ['robots'], excluded: ['cs.CV'] }],
    ['ＧＰＴ－４', { words: ['GPT-4'] }],
  ])('degrades %j to plain words', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ...EMPTY, ...expected });
  });

  it('recognises a pasted arXiv id or paper URL', () => {
    expect(parseQuery('2608.19880').reference).toEqual({ id: '2608.19880', version: null });
    expect(parseQuery(' https://arxiv.org/abs/2608.19880v2 ').reference).toEqual({ id: '2608.19880', version: 2 });
    expect(parseQuery('https://huggingface.co/papers/2608.19880').reference?.id).toBe('2608.19880');
    expect(parseQuery('hep-th/9901001').reference?.id).toBe('hep-th/9901001');
    expect(parseQuery('2608.19880 diffusion').reference).toBeNull();
  });

  it('knows when a query has nothing to search for', () => {
    expect(hasConstraints(parseQuery('-vision'))).toBe(false);
    expect(hasConstraints(parseQuery('cat:cs.LG'))).toBe(true);
    expect(hasConstraints(parseQuery(''))).toBe(false);
  });

  it('caps very long input', () => {
    expect(parseQuery('word '.repeat(10_000)).words.length).toBe(200);
  });
});

describe('parseQuery properties', () => {
  const syntaxy = fc.string({ unit: fc.constantFrom('a', 'B', 'ö', '1', ' ', '"', '-', ':', '.', 'author:', 'cat:', 'year:', '2024', '..', 'cs.LG', '\t'), maxLength: 40 });
  const anything = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), syntaxy);

  it('never throws and yields clean parts', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const q = parseQuery(s);
        for (const part of [...q.words, ...q.phrases, ...q.excluded, ...q.authors, ...q.categories]) {
          expect(part).toBe(part.trim());
          expect(part).not.toContain('"');
          expect(part).toMatch(/[\p{L}\p{N}]/u);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips through its canonical form', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const q = parseQuery(s);
        expect({ ...parseQuery(formatQuery(q)), reference: null }).toEqual({ ...q, reference: null });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads words without syntax as exactly those words', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9äöü]{1,8}$/).filter((w) => !/^(author|cat|year)$/i.test(w));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (words) => {
        expect(parseQuery(words.join('  ')).words).toEqual(words);
      }),
    );
  });
});
