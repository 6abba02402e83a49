import { describe, expect, it } from 'vitest';
import { authorKey } from './author-name.js';

describe('authorKey', () => {
  it('ignores accents, case and spacing', () => {
    expect(authorKey('Aleksander Mądry')).toBe(authorKey('Aleksander Madry'));
    expect(authorKey('Éric  de la Clergerie ')).toBe('eric de la clergerie');
    expect(authorKey('Chen chen')).toBe(authorKey('Chen Chen'));
    expect(authorKey('Bernhard Scho\u0308lkopf')).toBe(authorKey('Bernhard Schölkopf'));
    expect(authorKey('Łukasz Kaiser')).toBe('lukasz kaiser');
  });

  it('keeps what tells names apart', () => {
    expect(authorKey('Andre F. T. Martins')).not.toBe(authorKey('Andre Martins'));
    expect(authorKey('王小明')).toBe('王小明');
    expect(authorKey('<script>')).toBe('<script>');
  });
});
