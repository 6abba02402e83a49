import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collapseWhitespace,
  commentSaysWithdrawn,
  firstDoi,
  isEmptySize,
  isoTimestamp,
  joinNameParts,
  optionalLine,
  rfc2822ToIso,
  splitAuthorList,
  splitCategories,
} from './arxiv-fields.js';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('rfc2822ToIso', () => {
  it('reads arXiv version dates', () => {
    expect(rfc2822ToIso('Mon, 2 Apr 2007 19:18:42 GMT')).toBe('2007-04-02T19:18:42.000Z');
    expect(rfc2822ToIso('Fri, 29 Feb 2008 16:05:39 GMT')).toBe('2008-02-29T16:05:39.000Z');
    expect(rfc2822ToIso('2 Apr 2007 19:18 +0200')).toBe('2007-04-02T17:18:00.000Z');
    for (const bad of ['', 'Mon, 31 Feb 2007 19:18:42 GMT', 'Mon, 29 Feb 2007 19:18:42 GMT', 'Mon, 2 Foo 2007 19:18:42 GMT', 'Mon, 2 Apr 2007 24:00:00 GMT', '2007-04-02T19:18:42Z', '2']) {
      expect(rfc2822ToIso(bad)).toBeNull();
    }
  });

  it('agrees with Date on every GMT date it formats by hand', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const text = `${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} GMT`;
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
        expect(rfc2822ToIso(text)).toBe(whole);
      }),
    );
  });
});

describe('field helpers', () => {
  it('normalises timestamps and whitespace', () => {
    expect(isoTimestamp('2016-10-09T00:00:00-04:00')).toBe('2016-10-09T04:00:00.000Z');
    expect(isoTimestamp(' 2011-11-08T18:48:36Z ')).toBe('2011-11-08T18:48:36.000Z');
    expect(isoTimestamp('2011-11-08')).toBeNull();
    expect(isoTimestamp('2011-13-08T18:48:36Z')).toBeNull();
    expect(collapseWhitespace('  a\n  b\tc  ')).toBe('a b c');
    expect(optionalLine('  \n ')).toBeNull();
    expect(optionalLine(null)).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(collapseWhitespace(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('keeps the first of several DOIs and splits categories', () => {
    expect(firstDoi('10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902')).toBe('10.1103/PhysRevC.76.024606');
    expect(firstDoi(' 10.1086/518736\n')).toBe('10.1086/518736');
    expect(firstDoi('')).toBeNull();
    expect(firstDoi(undefined)).toBeNull();
    expect(splitCategories('math.CO cs.CG')).toEqual(['math.CO', 'cs.CG']);
    expect(splitCategories('')).toBeNull();
  });

  it('recognises withdrawals', () => {
    expect(commentSaysWithdrawn('This paper has been withdrawn by the authors. This paper has been\n  accepted for publication')).toBe(true);
    expect(commentSaysWithdrawn('Withdrawn: error in Lemma 3')).toBe(true);
    expect(commentSaysWithdrawn('withdrawn')).toBe(true);
    expect(commentSaysWithdrawn('The article has been withdrawn due to a sign error')).toBe(true);
    expect(commentSaysWithdrawn('v2: withdrawn claim corrected; 12 pages')).toBe(false);
    expect(commentSaysWithdrawn('37 pages, 15 figures; published version')).toBe(false);
    expect(commentSaysWithdrawn(null)).toBe(false);
    expect(isEmptySize('0kb')).toBe(true);
    expect(isEmptySize(' 0KB ')).toBe(true);
    expect(isEmptySize('10kb')).toBe(false);
    expect(isEmptySize(undefined)).toBe(false);
  });

  it('splits flat author lists', () => {
    expect(splitAuthorList('Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo')).toEqual(['Joshua Berger', 'Maxim Perelstein', 'Michael Saelim', 'Philip Tanedo']);
    expect(splitAuthorList('D.V. Shetty, S.J. Yennello, and G.A. Souliotis')).toEqual(['D.V. Shetty', 'S.J. Yennello', 'G.A. Souliotis']);
    // The Kaggle `authors` string of 0704.0177, with numbered affiliations.
    expect(
      splitAuthorList(
        'A. Greilich (1), M. Wiemann (1), F. G. G. Hernandez (1), D. R.\n  Yakovlev (1), I. A. Yugova (1), A. Shabaev (2), Al. L. Efros (2), D. Reuter\n  (3), A. D. Wieck (3), and M. Bayer (1) ((1) Universit\\"at Dortmund, (2) Naval Research Laboratory, (3) Ruhr-Universit\\"at Bochum)',
      ),
    ).toEqual(['A. Greilich', 'M. Wiemann', 'F. G. G. Hernandez', 'D. R. Yakovlev', 'I. A. Yugova', 'A. Shabaev', 'Al. L. Efros', 'D. Reuter', 'A. D. Wieck', 'M. Bayer']);
    expect(splitAuthorList('Sandy Anderson')).toEqual(['Sandy Anderson']);
    expect(splitAuthorList('')).toEqual([]);
    expect(joinNameParts('Neal J.', 'Evans', 'II')).toBe('Neal J. Evans II');
    expect(joinNameParts('', 'The BABAR Collaboration', '')).toBe('The BABAR Collaboration');
    expect(joinNameParts("P\\'eter E.", 'Frenkel', undefined)).toBe('Péter E. Frenkel');
  });
});
