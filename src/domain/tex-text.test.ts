import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { texToUnicode } from './tex-text.js';

describe('texToUnicode', () => {
  it('converts the accents arXiv authors type', () => {
    // From the Kaggle snapshot's `authors` strings (0704.0001, 0704.0028, 0704.0032, 0704.0062, 0704.0163).
    expect(texToUnicode("C. Bal\\'azs")).toBe('C. Balázs');
    expect(texToUnicode("P\\'eter E. Frenkel")).toBe('Péter E. Frenkel');
    expect(texToUnicode('R. Tom\\`as')).toBe('R. Tomàs');
    expect(texToUnicode("Rastislav \\v{S}r\\'amek, Bro\\v{n}a Brejov\\'a, Tom\\'a\\v{s} Vina\\v{r}")).toBe('Rastislav Šrámek, Broňa Brejová, Tomáš Vinař');
    expect(texToUnicode('Franz G\\"ahler')).toBe('Franz Gähler');
    expect(texToUnicode('Mikkel {\\O}bro')).toBe('Mikkel Øbro');
  });

  it('handles braces, word accents, special letters and dotless i', () => {
    expect(texToUnicode('G{\\"o}del')).toBe('Gödel');
    expect(texToUnicode('G\\"{o}del')).toBe('Gödel');
    expect(texToUnicode('G{\\"{o}}del')).toBe('Gödel');
    expect(texToUnicode('Espa\\~na')).toBe('España');
    expect(texToUnicode('Fran\\c{c}ois')).toBe('François');
    expect(texToUnicode('Fran\\c cois')).toBe('François');
    expect(texToUnicode('Erd\\H{o}s')).toBe('Erdős');
    expect(texToUnicode('Bj{\\o}rn')).toBe('Bjørn');
    expect(texToUnicode('Bj\\o rn')).toBe('Bjørn');
    expect(texToUnicode('Stra\\ss e')).toBe('Straße');
    expect(texToUnicode('Stra{\\ss}e')).toBe('Straße');
    expect(texToUnicode('Ma\\l{}gorzata')).toBe('Małgorzata');
    expect(texToUnicode("Mart\\'\\i nez")).toBe('Martínez');
    expect(texToUnicode("Mart\\'{\\i}nez")).toBe('Martínez');
    expect(texToUnicode('\\AA ngstr\\"om')).toBe('Ångström');
    expect(texToUnicode('\\k{a}')).toBe('ą');
  });

  it('leaves math, unknown commands and other braces alone', () => {
    expect(texToUnicode('From dyadic $\\Lambda_{\\alpha}$ to $\\Lambda_{\\alpha}$')).toBe('From dyadic $\\Lambda_{\\alpha}$ to $\\Lambda_{\\alpha}$');
    expect(texToUnicode('$\\vec v$ and $\\int f \\d x$ and \\vec')).toBe('$\\vec v$ and $\\int f \\d x$ and \\vec');
    expect(texToUnicode('Gr\\"obner bases for $\\Q(\\sqrt{5})$')).toBe('Gröbner bases for $\\Q(\\sqrt{5})$');
    expect(texToUnicode('{DNA} \\& {\\em RNA}')).toBe('{DNA} \\& {\\em RNA}');
    expect(texToUnicode('a\\\\"o')).toBe('a\\\\"o');
    expect(texToUnicode("\\'{} \\' \\v")).toBe("\\'{} \\' \\v");
    // An unmatched $ is a dollar, not math.
    expect(texToUnicode("costs $5, Bal\\'azs")).toBe('costs $5, Balázs');
  });

  it('never lengthens the text, and leaves text without backslashes untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\\', "'", '"', '{', '}', '$', ' ', 'a', 'o', 'i', 's', 'v', 'c', 'O', 'x', '~') }), (s) => {
        expect(texToUnicode(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(texToUnicode(s).length).toBeLessThanOrEqual(s.length);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }).filter((s) => !s.includes('\\')), (s) => {
        expect(texToUnicode(s)).toBe(s);
        expect(texToUnicode(texToUnicode(s))).toBe(s);
      }),
    );
  });
});
