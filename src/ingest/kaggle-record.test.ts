import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/support/paths.js';
import type { PaperRecord } from '../domain/paper.js';
import { parseKaggleLine } from './kaggle-record.js';

const FILE = path.join(SHARED_DATA, 'arxiv-fixtures', 'kaggle-snapshot', 'arxiv-metadata-oai-snapshot.head200.jsonl');
const LINES = fs.readFileSync(FILE, 'utf8').split('\n').filter((l) => l !== '');

function records(): PaperRecord[] {
  return LINES.map((line, k) => {
    const result = parseKaggleLine(line);
    if (!result.ok) throw new Error(`line ${k + 1}: ${result.reason}`);
    return result.record;
  });
}

describe('parseKaggleLine', () => {
  const all = records();
  const byId = new Map(all.map((r) => [r.id as string, r]));
  const get = (id: string): PaperRecord => {
    const r = byId.get(id);
    if (!r) throw new Error(`no ${id}`);
    return r;
  };

  it('reads every line of the real snapshot head', () => {
    expect(all).toHaveLength(200);
    expect(all[0]?.id).toBe('0704.0001');
    expect(all[199]?.id).toBe('0704.0200');
    expect(all.reduce((n, r) => n + (r.authors?.length ?? 0), 0)).toBe(537);
    expect(all.filter((r) => r.doi !== null)).toHaveLength(117);
  });

  it('maps the fields of 0704.0001', () => {
    expect(get('0704.0001')).toMatchObject({
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      // authors_parsed [["Balázs","C.",""],…,["Yuan","C. -P.",""]]
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
      categories: ['hep-ph'],
      comments: '37 pages, 15 figures; published version',
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      license: null,
      publishedAt: '2007-04-02T19:18:42.000Z',
      updatedAt: '2007-07-24T20:10:27.000Z',
      versions: [
        { version: 1, submittedAt: '2007-04-02T19:18:42.000Z' },
        { version: 2, submittedAt: '2007-07-24T20:10:27.000Z' },
      ],
    });
    expect(get('0704.0001').abstract).toMatch(/^A fully differential calculation in perturbative quantum chromodynamics is\npresented/);
    expect(get('0704.0001').withdrawn).toBeUndefined();
  });

  it('handles names, categories, DOIs, versions and withdrawals as found', () => {
    expect(get('0704.0002')).toMatchObject({ categories: ['math.CO', 'cs.CG'], license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/', updatedAt: '2008-12-13T17:26:00.000Z' });
    expect(get('0704.0009').authors).toContain('Neal J. Evans II');
    expect(get('0704.0020').authors?.[0]).toBe('The BABAR Collaboration');
    expect(get('0704.0062').authors).toEqual(['Rastislav Šrámek', 'Broňa Brejová', 'Tomáš Vinař']);
    expect(get('0704.0049').authors).toEqual(['Mikkel Øbro']);
    // Affiliations (the 4th element) are not part of the name.
    expect(get('0704.0163').authors).toEqual(['Peter Brommer', 'Franz Gähler']);
    expect(get('0704.0177').authors).toHaveLength(10);
    expect(get('0704.0033').doi).toBe('10.1364/JOSAA.23.002578');
    expect(get('0704.0019').title).toBe('Approximation for extinction probability of the contact process based on the Gröbner basis');
    expect(get('0704.0073').title).toBe("A transcendental approach to Kollár's injectivity theorem");
    expect(get('0704.0005').title).toBe('From dyadic $\\Lambda_{\\alpha}$ to $\\Lambda_{\\alpha}$');
    expect(get('0704.0064').versions?.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(get('0704.0064').updatedAt).toBe('2008-10-24T12:23:58.000Z');
    expect(get('0704.0003')).toMatchObject({ comments: '23 pages, 3 figures', journalRef: null, doi: null });
    // "This paper has been withdrawn by the authors. …" is the only withdrawal among the 200.
    expect(all.filter((r) => r.withdrawn === true).map((r) => r.id)).toEqual(['0704.0156']);
  });

  it('refuses truncated, garbage and wrongly typed lines without throwing', () => {
    const first = LINES[0]!;
    const cases: [string, RegExp][] = [
      [first.slice(0, 300), /malformed JSON/],
      ['', /malformed JSON/],
      ['garbage', /malformed JSON/],
      ['[]', /expected object/],
      ['null', /expected object/],
      [first.replace('"id":"0704.0001"', '"id":"not an id"'), /id: not an arXiv id/],
      [first.replace('"id":"0704.0001"', '"id":704.0001'), /^id: /],
      [first.replace('"versions":[', '"versions":[{"version":"v0","created":"x"},'), /versions\.0\.version: not vN/],
      [first.replace('Mon, 2 Apr 2007 19:18:42 GMT', 'Mon, 31 Feb 2007 19:18:42 GMT'), /versions\.0\.created: not an RFC 2822 date/],
      [first.replace(/"versions":\[[^\]]*\]/, '"versions":[]'), /versions/],
      [first.replace(/"title":"[^"]*"/, '"title":"  "'), /title: empty/],
      [first.replace(/"authors_parsed":.*\}$/, '"authors_parsed":"C. Balazs"}'), /authors_parsed/],
    ];
    for (const [line, reason] of cases) {
      const result = parseKaggleLine(line);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    }
  });

  it('never throws, whatever the line', () => {
    const first = LINES[0]!;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.nat(first.length).map((n) => first.slice(0, n))), (line) => {
        const result = parseKaggleLine(line);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.nat(LINES.length - 1), fc.nat(2000), fc.string({ maxLength: 3 }), (k, at, insert) => {
        const line = LINES[k]!;
        const pos = at % line.length;
        const result = parseKaggleLine(line.slice(0, pos) + insert + line.slice(pos));
        if (result.ok) expect(result.record.versions?.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
