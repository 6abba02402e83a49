import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/support/paths.js';
import { parseOaiPmh, type HarvestedRecord, type OaiResponse } from './oai-pmh.js';
import { XmlError } from './xml.js';

const DIR = path.join(SHARED_DATA, 'arxiv-fixtures', 'oai-pmh');
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');

function records(response: OaiResponse): Extract<OaiResponse, { kind: 'records' }> {
  if (response.kind !== 'records') throw new Error(`expected records, got ${response.code}: ${response.message}`);
  return response;
}

function paperOf(record: HarvestedRecord | undefined): NonNullable<HarvestedRecord['paper']> {
  if (!record?.paper) throw new Error('expected a paper');
  return record.paper;
}

describe('parseOaiPmh, arXivRaw', () => {
  it('reads a ListRecords page and its resumption token', () => {
    const page = records(parseOaiPmh(read('arXivRaw_ListRecords_2015_with_resumptionToken.xml')));
    expect(page.responseDate).toBe('2015-01-06T20:49:59Z');
    expect(page.resumptionToken).toEqual({ token: '726959|1001', cursor: 0, completeListSize: 58011 });
    expect(page.skipped).toEqual([]);
    expect(page.records.map((r) => [r.id, r.datestamp, r.deleted])).toEqual([
      ['0704.0471', '2014-11-18', false],
      ['0704.0716', '2014-12-22', false],
      ['0704.0874', '2014-11-21', false],
      ['0704.1109', '2014-11-18', false],
      ['0704.1114', '2014-11-18', false],
      ['0704.1586', '2014-11-18', false],
    ]);

    const richard = paperOf(page.records[1]);
    expect(richard).toMatchObject({
      id: '0704.0716',
      title: 'Limit distributions and scaling functions',
      authors: ['Christoph Richard'],
      categories: ['math-ph', 'math.MP'],
      publishedAt: '2007-04-05T12:45:03.000Z',
      updatedAt: '2008-11-14T09:07:25.000Z',
      comments: '54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 slightly expanded',
      journalRef: 'Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, Dordrecht, 2009',
      doi: null,
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
      withdrawn: false,
      versions: [
        { version: 1, submittedAt: '2007-04-05T12:45:03.000Z' },
        { version: 2, submittedAt: '2007-09-28T15:13:43.000Z' },
        { version: 3, submittedAt: '2008-02-29T16:05:39.000Z' },
        { version: 4, submittedAt: '2008-11-14T09:07:25.000Z' },
      ],
    });

    const shetty = paperOf(page.records[0]);
    // "D.V. Shetty, S.J. Yennello, and G.A. Souliotis": a serial comma before "and".
    expect(shetty.authors).toEqual(['D.V. Shetty', 'S.J. Yennello', 'G.A. Souliotis']);
    expect(shetty.title).toBe('Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective');
    // <doi>10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902</doi>: the paper's, not the erratum's.
    expect(shetty.doi).toBe('10.1103/PhysRevC.76.024606');
    expect(shetty).toMatchObject({ license: null, updatedAt: null, versions: [{ version: 1, submittedAt: '2007-04-03T22:04:11.000Z' }] });
    expect(shetty.abstract).toContain('extremely " stiff " and " soft "');
    expect(paperOf(page.records[3]).authors).toEqual(['Valeria M. Rosa', 'Patricio S. letelier']);
  });

  it('reads a multi-version GetRecord', () => {
    const page = records(parseOaiPmh(read('arXivRaw_GetRecord_2015.xml')));
    expect(page.resumptionToken).toBeNull();
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({ identifier: 'oai:arXiv.org:1302.2146', id: '1302.2146', datestamp: '2013-04-03', deleted: false });
    expect(paperOf(page.records[0])).toMatchObject({
      title: 'The Same-Sign Dilepton Signature of RPV/MFV SUSY',
      authors: ['Joshua Berger', 'Maxim Perelstein', 'Michael Saelim', 'Philip Tanedo'],
      categories: ['hep-ph', 'hep-ex'],
      publishedAt: '2013-02-08T21:00:01.000Z',
      updatedAt: '2013-04-02T01:50:08.000Z',
      comments: '18 pages, 6 figures; v2: References added',
      withdrawn: false,
      versions: [
        { version: 1, submittedAt: '2013-02-08T21:00:01.000Z' },
        { version: 2, submittedAt: '2013-04-02T01:50:08.000Z' },
      ],
    });
  });

  it('marks withdrawals by a 0kb latest version or a withdrawal comment', () => {
    const real = read('arXivRaw_GetRecord_2015.xml');
    const v3 = '<version version="v3"><date>Wed, 1 May 2013 10:00:00 GMT</date><size>0kb</size><source_type>I</source_type></version><title>';
    const zeroKb = real.replace('<title>', v3);
    const byComment = real.replace('<comments>18 pages, 6 figures; v2: References added</comments>', '<comments>This paper has been withdrawn by the author due to a crucial sign error</comments>');
    const bySizeOnly = paperOf(records(parseOaiPmh(zeroKb)).records[0]);
    expect(bySizeOnly).toMatchObject({ withdrawn: true, updatedAt: '2013-05-01T10:00:00.000Z' });
    expect(bySizeOnly.versions).toHaveLength(3);
    expect(paperOf(records(parseOaiPmh(byComment)).records[0]).withdrawn).toBe(true);
  });

  it('converts TeX accents in the flat author list and drops affiliations', () => {
    const real = read('arXivRaw_GetRecord_2015.xml');
    const tex = real.replace(
      '<authors>Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo</authors>',
      '<authors>C. Bal\\\'azs, Franz G\\"ahler (Institut f\\"ur Theoretische Physik, Universit\\"at Stuttgart), John Smith, Jr. and {\\O}bro</authors>',
    );
    expect(paperOf(records(parseOaiPmh(tex)).records[0]).authors).toEqual(['C. Balázs', 'Franz Gähler', 'John Smith Jr.', 'Øbro']);
  });
});

describe('parseOaiPmh, arXiv format', () => {
  it('reads a GetRecord with msc-class, journal-ref and doi', () => {
    const page = records(parseOaiPmh(read('arXiv_GetRecord_2018_1401.2122.xml')));
    expect(page.responseDate).toBe('2018-01-26T09:05:29Z');
    expect(page.records).toHaveLength(1);
    const paper = paperOf(page.records[0]);
    expect(paper).toMatchObject({
      id: '1401.2122',
      title: 'New integrable (3+1)-dimensional systems and contact geometry',
      authors: ['A. Sergyeyev'],
      categories: ['math.AP', 'hep-th', 'math-ph', 'math.DG', 'math.MP', 'nlin.SI'],
      // The arXiv format has days only.
      publishedAt: '2014-01-09T00:00:00.000Z',
      updatedAt: '2017-10-23T00:00:00.000Z',
      journalRef: 'Lett. Math. Phys. 108 (2018), no. 2, 359-376',
      doi: '10.1007/s11005-017-1013-4',
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
    });
    expect(paper.comments).toMatch(/^16 pages, LaTeX, no figures, revised and abridged, in this version \(v5\)/);
    expect(paper.versions).toBeUndefined();
    expect(paper.abstract).toMatch(/^We introduce a novel systematic construction/);
  });

  it('reads ListRecords pages without a token', () => {
    const hepTh = records(parseOaiPmh(read('arXiv_ListRecords_2017_set-physics-hep-th.xml')));
    expect(hepTh.resumptionToken).toBeNull();
    expect(hepTh.records.map((r) => r.id)).toEqual(['1412.8323', '1507.07790', '1607.01710']);
    expect(paperOf(hepTh.records[0])).toMatchObject({ authors: ['Philipp A Hoehn'], license: 'http://creativecommons.org/licenses/by/4.0/', categories: ['quant-ph', 'gr-qc', 'hep-th', 'math-ph', 'math.MP', 'physics.hist-ph'] });
    expect(paperOf(hepTh.records[2])).toMatchObject({
      authors: ['R. A. C. Correa', 'D. M. Dantas', 'P. H. R. S. Moraes', 'A. de Souza Dutra', 'C. A. S. Almeida'],
      comments: null,
      journalRef: null,
      doi: '10.1002/andp.201700188',
    });
    const hepEx = records(parseOaiPmh(read('arXiv_ListRecords_2017_set-physics-hep-ex.xml')));
    expect(hepEx.records.map((r) => r.id)).toEqual(['1706.05371', '1706.09418', '1707.00874']);
    expect(paperOf(hepEx.records[0]).authors).toHaveLength(13);
    expect(paperOf(hepEx.records[1])).toMatchObject({ title: 'R-Parity Violation at the LHC', doi: '10.1140/epjc/s10052-017-5414-4', updatedAt: '2017-11-26T00:00:00.000Z' });
  });
});

describe('parseOaiPmh, protocol', () => {
  it('returns each OAI error code with its message', () => {
    const expected = {
      'error_BadArgument.xml': ['badArgument', "Verb 'ListRecords', illegal argument 'identifier'."],
      'error_BadResumptionToken.xml': ['badResumptionToken', 'The resumptionToken supplied is illegal for this repository'],
      'error_BadVerb.xml': ['badVerb', "Bad verb. Verb 'wah' not implemented."],
      'error_IdDoesNotExist.xml': ['idDoesNotExist', "Identifier 'oai:arXiv.org:0813.2274' has correct form but does not correspond to an item in this repository"],
      'error_NoRecordsMatch.xml': ['noRecordsMatch', "Set argument doesn't match any sets. The setSpec was 'moo'"],
    };
    for (const [file, [code, message]] of Object.entries(expected)) {
      expect(parseOaiPmh(read(file))).toMatchObject({ kind: 'error', code, message });
    }
    expect(parseOaiPmh(read('error_BadVerb.xml'))).toMatchObject({ responseDate: '2015-02-08T22:30:30Z' });
  });

  it('refuses oai_dc, which has no category ids', () => {
    expect(() => parseOaiPmh(read('oai_dc_ListRecords_2024_set-cs_with_resumptionToken.xml'))).toThrow(/metadataPrefix oai_dc is not supported/);
    const withoutRequest = read('oai_dc_ListRecords_2024_set-cs_with_resumptionToken.xml').replace(/<request[^>]*>[^<]*<\/request>/, '');
    expect(() => parseOaiPmh(withoutRequest)).toThrow(XmlError);
  });

  it('reads deleted records and an empty resumptionToken (the last page)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2024-05-01T00:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXivRaw">http://export.arxiv.org/oai2</request>
<ListRecords>
<record><header status="deleted"><identifier>oai:arXiv.org:hep-th/9901001</identifier><datestamp>2024-04-30</datestamp></header></record>
<record><header><identifier>oai:arXiv.org:2401.00001</identifier><datestamp>2024-13-01</datestamp></header></record>
<resumptionToken cursor="58000" completeListSize="58011"/>
</ListRecords>
</OAI-PMH>`;
    const page = records(parseOaiPmh(xml));
    expect(page.records).toEqual([{ identifier: 'oai:arXiv.org:hep-th/9901001', id: 'hep-th/9901001', datestamp: '2024-04-30', deleted: true, paper: null }]);
    expect(page.skipped).toEqual([{ identifier: 'oai:arXiv.org:2401.00001', reason: expect.stringMatching(/datestamp/) as unknown }]);
    expect(page.resumptionToken).toBeNull();
  });

  it('skips unreadable records and keeps the rest', () => {
    const real = read('arXivRaw_ListRecords_2015_with_resumptionToken.xml');
    const broken = real
      .replace('<date>Tue, 3 Apr 2007 22:04:11 GMT</date>', '<date>sometime in April</date>')
      .replace('<id>0704.0874</id>', '<id>not-an-id</id>');
    const page = records(parseOaiPmh(broken));
    expect(page.records.map((r) => r.id)).toEqual(['0704.0716', '0704.1109', '0704.1114', '0704.1586']);
    expect(page.skipped).toEqual([
      { identifier: 'oai:arXiv.org:0704.0471', reason: 'v1: <date> is missing or not an RFC 2822 date' },
      { identifier: 'oai:arXiv.org:0704.0874', reason: '<id> is not an arXiv id: "not-an-id"' },
    ]);
  });

  it('rejects other documents, and throws nothing but XmlError', () => {
    expect(() => parseOaiPmh('<feed/>')).toThrow(/not an OAI-PMH response/);
    expect(() => parseOaiPmh('<OAI-PMH><responseDate>x</responseDate><Identify/></OAI-PMH>')).toThrow(/not a GetRecord or ListRecords response \(found <Identify>\)/);
    const real = read('arXivRaw_GetRecord_2015.xml');
    fc.assert(
      fc.property(fc.string(), fc.nat(real.length), fc.string(), (junk, at, insert) => {
        for (const doc of [junk, real.slice(0, at) + insert + real.slice(at)]) {
          try {
            parseOaiPmh(doc);
          } catch (err) {
            expect(err).toBeInstanceOf(XmlError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
