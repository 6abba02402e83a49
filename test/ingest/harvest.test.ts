import { afterEach, beforeEach, expect, it } from 'vitest';
import { harvest, harvestKey } from '../../src/commands/harvest.js';
import type { ArxivId } from '../../src/domain/arxiv-id.js';
import type { Day } from '../../src/domain/period.js';
import { loadCursor } from '../../src/store/harvest-cursors.js';
import { countPapers, findPaper } from '../../src/store/papers-read.js';
import { arxivTestClient, CONTACT } from '../support/arxiv-env.js';
import { describeEachDialect } from '../support/dialects.js';
import { dumpCatalog } from '../support/dump.js';
import { FakeArxivServer, oaiPage, oaiRecords, reply } from '../support/fake-arxiv-server.js';

const OAI = { path: '/oai2' };
const records = oaiRecords();
/** The newest datestamp among the given real records. */
const newest = (list: readonly string[]) => list.map((r) => /<datestamp>([^<]+)<\/datestamp>/.exec(r)?.[1] ?? '').sort().at(-1) ?? '';

describeEachDialect('OAI-PMH harvest', (ctx) => {
  let server: FakeArxivServer;
  beforeEach(async () => {
    server = await FakeArxivServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  const twoPages = () =>
    server
      .on({ ...OAI, query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01', resumptionToken: null } }, reply.body(oaiPage(records.slice(0, 3), 'T1|3', { cursor: 0, completeListSize: 6 })))
      .on({ ...OAI, query: { verb: 'ListRecords', resumptionToken: 'T1|3' } }, reply.body(oaiPage(records.slice(3), '', { cursor: 3, completeListSize: 6 })));

  it('follows resumption tokens to the end, politely, keeping every version', async () => {
    twoPages();
    const { client } = arxivTestClient(server, 300);
    const summary = await harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day });
    expect(summary).toMatchObject({ pages: 2, records: 6, inserted: 6, outcome: 'complete', resumed: false });
    expect(await countPapers(ctx.store.db)).toBe(6);
    const paper = await findPaper(ctx.store.db, '0704.0471' as ArxivId);
    expect(paper).toMatchObject({ categories: ['nucl-ex', 'nucl-th'], publishedAt: '2007-04-03T22:04:11.000Z', journalRef: expect.stringContaining('Phys.Rev.C76') as unknown });
    expect(paper?.versions.length).toBeGreaterThanOrEqual(1);
    const cursor = await loadCursor(ctx.store, harvestKey('arXivRaw', undefined));
    expect(cursor).toMatchObject({ token: null, lastDatestamp: newest(records), pages: 2, records: 6 });
    expect(cursor?.completedAt).not.toBeNull();
    // Politeness, seen from the server: one request at a time, arrivals 300 ms apart, operator named.
    // (Arrival, not start: the first request also opens the connection, so allow 10% for that.)
    expect(server.maxInFlight).toBe(1);
    const [a, b] = server.requests;
    expect(b!.realAt - a!.realAt).toBeGreaterThanOrEqual(270);
    expect(a!.userAgent).toContain(`mailto:${CONTACT}`);
    expect(server.unmatched()).toEqual([]);
  });

  it('treats noRecordsMatch as a successful empty harvest and starts the next one where the last ended', async () => {
    twoPages();
    const { client } = arxivTestClient(server);
    await harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day });
    server.on({ ...OAI, query: { verb: 'ListRecords', from: newest(records) } }, reply.fixture('oai-pmh/error_NoRecordsMatch.xml'));
    const next = await harvest(ctx.store, client, { format: 'arXivRaw' });
    expect(next).toMatchObject({ from: newest(records), pages: 0, records: 0, outcome: 'no-records' });
  });

  it('restarts the window from the last committed datestamp on badResumptionToken', async () => {
    server
      .on({ ...OAI, query: { verb: 'ListRecords', from: '2014-10-01', resumptionToken: null } }, reply.body(oaiPage(records.slice(0, 3), 'T1|3')))
      .on({ ...OAI, query: { resumptionToken: 'T1|3' } }, reply.fixture('oai-pmh/error_BadResumptionToken.xml'))
      .on({ ...OAI, query: { verb: 'ListRecords', resumptionToken: null, from: newest(records.slice(0, 3)) } }, reply.body(oaiPage(records, '')));
    const { client } = arxivTestClient(server);
    const summary = await harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day });
    expect(summary).toMatchObject({ restarts: 1, pages: 2, outcome: 'complete' });
    expect(server.requests.at(-1)?.query.from).toBe(newest(records.slice(0, 3)));
    expect(await countPapers(ctx.store.db)).toBe(6);
  });

  it('ends the window when the server repeats a token', async () => {
    server
      .on({ ...OAI, query: { verb: 'ListRecords', resumptionToken: null } }, reply.body(oaiPage(records.slice(0, 2), 'SAME')))
      .always({ ...OAI, query: { resumptionToken: 'SAME' } }, reply.body(oaiPage(records.slice(2, 4), 'SAME')));
    const { client } = arxivTestClient(server);
    const summary = await harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day });
    expect(summary).toMatchObject({ pages: 2, records: 4, outcome: 'repeated-token' });
    expect(server.requests).toHaveLength(2);
  });

  it('honours 503 Retry-After and carries on', async () => {
    server
      .on({ ...OAI, query: { verb: 'ListRecords', resumptionToken: null } }, [reply.status(503, { retryAfter: 1 }), reply.body(oaiPage(records, ''))]);
    const { client } = arxivTestClient(server);
    const summary = await harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day });
    expect(summary.records).toBe(6);
    const [first, second] = server.requests;
    expect(second!.realAt - first!.realAt).toBeGreaterThanOrEqual(990);
  });

  it('commits nothing from a malformed page, keeps the cursor, and a re-run ends with the uninterrupted catalog', async () => {
    server
      .on({ ...OAI, query: { verb: 'ListRecords', resumptionToken: null } }, reply.body(oaiPage(records.slice(0, 3), 'T1|3')))
      .on({ ...OAI, query: { resumptionToken: 'T1|3' } }, [reply.body(`${oaiPage(records.slice(3), '').slice(0, 900)}<oops`), reply.body(oaiPage(records.slice(3), ''))]);
    const { client } = arxivTestClient(server);
    await expect(harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day })).rejects.toThrow(/XML|xml/);
    expect(await countPapers(ctx.store.db)).toBe(3);
    expect(await loadCursor(ctx.store, harvestKey('arXivRaw', undefined))).toMatchObject({ token: 'T1|3', completedAt: null });
    const resumed = await harvest(ctx.store, client, { format: 'arXivRaw' });
    expect(resumed).toMatchObject({ resumed: true, pages: 1, records: 3 });
    const interrupted = await dumpCatalog(ctx.store);
    expect(interrupted.papers).toHaveLength(6);
  });

  it('harvests the arXiv format for a set', async () => {
    server.replayRecorded();
    const { client } = arxivTestClient(server);
    const summary = await harvest(ctx.store, client, { format: 'arXiv', set: 'physics:hep-th', from: '2017-12-14' as Day });
    expect(summary).toMatchObject({ key: 'oai:arXiv:physics:hep-th', records: 3, inserted: 3 });
  });

  it('fails loudly with the cursor unmoved when arXiv stays unavailable', async () => {
    server.always({ ...OAI, query: { verb: 'ListRecords' } }, reply.status(500));
    const { client } = arxivTestClient(server);
    await expect(harvest(ctx.store, client, { format: 'arXivRaw', from: '2014-10-01' as Day })).rejects.toThrow(/unavailable|attempts/i);
    expect(await loadCursor(ctx.store, harvestKey('arXivRaw', undefined))).toBeNull();
    expect(server.requests.length).toBe(5);
  }, 120_000);
});
