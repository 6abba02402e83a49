import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/support/paths.js';
import { parseArxivAtom } from './arxiv-atom.js';
import { XmlError } from './xml.js';

const DIR = path.join(SHARED_DATA, 'arxiv-fixtures', 'api-atom');
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');

describe('parseArxivAtom, classic (2016) shape', () => {
  it('reads an id_list response', () => {
    const page = parseArxivAtom(read('classic-2016_id_list_1111.2011v2.xml'));
    expect(page).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 10, errors: [] });
    expect(page.entries).toHaveLength(1);
    const paper = page.entries[0]!;
    expect(paper).toMatchObject({
      id: '1111.2011',
      // Wrapped over two lines in the feed.
      title: 'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
      authors: ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic'],
      categories: ['cond-mat.str-el', 'cond-mat.stat-mech'],
      publishedAt: '2011-11-08T18:48:36.000Z',
      updatedAt: '2012-04-02T12:38:54.000Z',
      comments: '8 pages, 3 figures. Published version',
      journalRef: 'Phys. Rev. B 85, 115117 (2012)',
      doi: '10.1103/PhysRevB.85.115117',
    });
    expect(paper.abstract.startsWith('Theoretical description of anisotropic systems')).toBe(true);
    expect(paper.abstract.endsWith('describing a single node.')).toBe(true);
    // v2: only v1's date is known for sure, so no (partial) version list.
    expect(paper.versions).toBeUndefined();
    expect(paper.withdrawn).toBeUndefined();
  });

  it('reads a search page with new- and old-style ids', () => {
    const page = parseArxivAtom(read('classic-2016_search_au_del_maestro.xml'));
    expect(page).toMatchObject({ totalResults: 31, startIndex: 0, itemsPerPage: 10, errors: [] });
    expect(page.entries.map((p) => p.id)).toEqual([
      '1201.4869',
      'cond-mat/0412498',
      'cond-mat/0603029',
      '1005.5383',
      '1303.6954',
      '1312.6177',
      '1412.6529',
      'cond-mat/0607501',
      'cond-mat/0702661',
      '0807.2873',
    ]);
    const old = page.entries[1]!;
    expect(old).toMatchObject({
      title: 'Thermal melting of density waves on the square lattice',
      authors: ['Adrian Del Maestro', 'Subir Sachdev'],
      publishedAt: '2004-12-19T16:18:24.000Z',
      updatedAt: null,
      versions: [{ version: 1, submittedAt: '2004-12-19T16:18:24.000Z' }],
      doi: '10.1103/PhysRevB.71.184511',
      journalRef: 'Physical Review B 71, 184511 (2005)',
    });
    // "(p &gt;= 3, integer)" in the XML.
    expect(old.abstract).toContain('(p >= 3, integer)');
  });

  it('reports the API error entry for a bad id instead of a paper', () => {
    // The classic API answers a malformed id_list item with this entry (HTTP 200).
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345</summary>
    <updated>2016-10-09T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>`;
    const page = parseArxivAtom(xml);
    expect(page.entries).toEqual([]);
    expect(page.errors).toEqual([{ id: '1234.12345', message: 'incorrect id format for 1234.12345' }]);
  });

  it('keeps a real paper titled "Error", and reports unreadable entries', () => {
    const base = read('classic-2016_id_list_1111.2011v2.xml');
    const titled = base.replace(/<title>Quantum Criticality[^<]*<\/title>/, '<title>Error</title>');
    expect(parseArxivAtom(titled).entries[0]).toMatchObject({ id: '1111.2011', title: 'Error' });
    const noDate = base.replace(/<published>[^<]*<\/published>/, '<published>yesterday</published>');
    expect(parseArxivAtom(noDate)).toMatchObject({ entries: [], errors: [{ id: '1111.2011', message: expect.stringMatching(/published/) as unknown }] });
    const badId = base.replace('<id>http://arxiv.org/abs/1111.2011v2</id>', '<id>http://example.org/1</id>');
    expect(parseArxivAtom(badId).errors[0]?.message).toMatch(/not an arXiv abstract URL/);
  });
});

describe('parseArxivAtom, 2025+ shape', () => {
  it('reads a search page (namespaces on <feed>, bare primary_category)', () => {
    const page = parseArxivAtom(read('new-2025_search_all_electron_AND_all_proton.xml'));
    expect(page).toMatchObject({ totalResults: 7432, startIndex: 0, itemsPerPage: 10, errors: [] });
    expect(page.entries).toHaveLength(10);
    const first = page.entries[0]!;
    expect(first).toMatchObject({
      id: 'nucl-ex/0408020',
      categories: ['nucl-ex', 'hep-ph'],
      publishedAt: '2004-08-18T23:13:32.000Z',
      // <updated> says 2005-09-17, but this is v1: there is no revision.
      updatedAt: null,
      journalRef: null,
      doi: null,
    });
    expect(first.authors).toHaveLength(9);
    expect(first.authors?.[8]).toBe('H. de Vries');
    const hollow = page.entries.find((p) => p.id === '1610.08734');
    expect(hollow).toMatchObject({ updatedAt: '2018-05-10T00:01:43.000Z', doi: '10.1103/PhysRevAccelBeams.20.101301' });
    expect(hollow?.versions).toBeUndefined();
    expect(hollow?.journalRef).toContain('Hanahoe, K., & Mete-Apsimon, O. (2017)');
    expect(page.entries.find((p) => p.id === '1205.6628')?.authors).toContain('Ulf-G. Meißner');
  });

  it('reads a partial id_list answer and empty answers', () => {
    const partial = parseArxivAtom(read('new-2025_id_list_2201.13452-13455_partial.xml'));
    expect(partial).toMatchObject({ totalResults: 1, errors: [] });
    expect(partial.entries).toEqual([
      expect.objectContaining({
        id: '2201.13452',
        title: 'Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease',
        authors: ['Hong-Ming Yin', 'Jun Zou'],
        categories: ['math.AP'],
        comments: '34 pages',
        versions: [{ version: 1, submittedAt: '2022-01-31T18:59:34.000Z' }],
      }),
    ]);
    for (const [file, itemsPerPage] of [
      ['new-2025_id_list_1201.56789_empty.xml', 10],
      ['new-2026_id_list_0000.0000_empty.xml', 100],
    ] as const) {
      expect(parseArxivAtom(read(file))).toEqual({ totalResults: 0, startIndex: 0, itemsPerPage, entries: [], errors: [] });
    }
  });

  it('reads the 2026 pagination pair', () => {
    const first = parseArxivAtom(read('new-2026_search_testing_start0_max10.xml'));
    const second = parseArxivAtom(read('new-2026_search_testing_start10_max10.xml'));
    expect([first.startIndex, second.startIndex]).toEqual([0, 10]);
    expect([first.totalResults, second.totalResults]).toEqual([214881, 214881]);
    expect(first.entries.map((p) => p.id).slice(0, 3)).toEqual(['2202.12139', '2405.13786', '2005.14124']);
    expect(second.entries[0]?.id).toBe('2403.16981');
    const ids = new Set([...first.entries, ...second.entries].map((p) => p.id));
    expect(ids.size).toBe(20);
    expect(first.entries[0]).toMatchObject({
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      categories: ['cs.SE', 'cs.LG'],
      doi: '10.1109/ICSTW55395.2022.00035',
      comments: 'Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022',
    });
    expect(first.entries.find((p) => p.id === '2302.03287')?.title).toBe('ChatGPT and Software Testing Education: Promises & Perils');
  });

  it('passes the 2026 recordings’ double-encoded UTF-8 through unchanged', () => {
    // The recording decoded arXiv's UTF-8 as Latin-1 ("Wübben" → "WÃ¼bben"); we do not guess.
    const page = parseArxivAtom(read('new-2026_id_list_0808.05394_1707.08567_partial.xml'));
    expect(page.errors).toEqual([]);
    expect(page.entries.map((p) => p.id)).toEqual(['1707.08567']);
    expect(page.entries[0]?.authors).toHaveLength(34);
    expect(page.entries[0]?.authors).toContain('Dirk WÃ¼bben');
  });
});

describe('parseArxivAtom, bad input', () => {
  it('rejects documents that are not Atom feeds', () => {
    expect(() => parseArxivAtom('<html><body>Rate limited</body></html>')).toThrow(/not an Atom feed/);
    expect(() => parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toThrow(/has no <totalResults>/);
    expect(() => parseArxivAtom('<feed><totalResults>many</totalResults></feed>')).toThrow(/not a count/);
    expect(() => parseArxivAtom(read('classic-2016_id_list_1111.2011v2.xml').slice(0, 2000))).toThrow(XmlError);
  });

  it('throws nothing but XmlError on arbitrary input, even inside a real feed', () => {
    const real = read('new-2025_id_list_2201.13452-13455_partial.xml');
    fc.assert(
      fc.property(fc.string(), fc.nat(real.length), fc.string(), (junk, at, insert) => {
        for (const doc of [junk, real.slice(0, at) + insert + real.slice(at)]) {
          try {
            parseArxivAtom(doc);
          } catch (err) {
            expect(err).toBeInstanceOf(XmlError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
