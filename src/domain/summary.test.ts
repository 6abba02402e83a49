import { describe, expect, it } from 'vitest';
import { firstSentence, oneLineSummary, truncateAuthors } from './summary.js';

describe('summaries', () => {
  it('takes the first sentence without cutting decimals or abbreviations', () => {
    expect(firstSentence('We gain 9.8% on X, e.g. the big one. Then more.')).toBe('We gain 9.8% on X, e.g. the big one.');
    expect(firstSentence('  One\n line only ')).toBe('One line only');
  });
  it('caps long sentences at a word boundary', () => {
    const long = `${'word '.repeat(200)}end.`;
    const s = firstSentence(long);
    expect(s.length).toBeLessThanOrEqual(301);
    expect(s.endsWith('…')).toBe(true);
  });
  it('prefers the AI summary', () => {
    expect(oneLineSummary({ aiSummary: 'Short.', abstract: 'Long. Text.' })).toBe('Short.');
    expect(oneLineSummary({ aiSummary: ' ', abstract: 'Long. Text.' })).toBe('Long.');
  });
  it('truncates author lists but never hides a single name behind "1 more"', () => {
    expect(truncateAuthors(['a', 'b', 'c', 'd', 'e']).more).toBe(0);
    expect(truncateAuthors(['a', 'b', 'c', 'd', 'e', 'f'])).toEqual({ shown: ['a', 'b', 'c', 'd'], more: 2 });
  });
});
