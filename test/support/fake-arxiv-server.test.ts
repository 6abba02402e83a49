// Proves the fake arXiv replays the recorded responses faithfully and reports what tests rely on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARXIV_FIXTURES, ARXIV_RAW_LIST_FIXTURE, FakeArxivServer, oaiPage, oaiRecords, reply } from './fake-arxiv-server.js';

const RAW_LIST = 'oai-pmh/arXivRaw_ListRecords_2015_with_resumptionToken.xml';
const fixtureText = (name: string) => fs.readFileSync(path.join(ARXIV_FIXTURES, name), 'utf8');

let server: FakeArxivServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(now?: () => number): Promise<FakeArxivServer> {
  server = await FakeArxivServer.start(now === undefined ? {} : { now });
  return server;
}

describe('FakeArxivServer', () => {
  it('serves a fixture byte for byte and records the request', async () => {
    const s = await start(() => 42_000);
    s.on({ path: '/oai2', query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw' } }, [{ status: 200, fixture: RAW_LIST }]);
    const res = await fetch(`${s.oaiUrl}?verb=ListRecords&metadataPrefix=arXivRaw&from=2014-10-01`, { headers: { 'user-agent': 'probe/1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toBe(fixtureText(RAW_LIST));
    const [r] = s.requests;
    expect(r).toMatchObject({
      seq: 0,
      method: 'GET',
      path: '/oai2',
      query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01' },
      userAgent: 'probe/1',
      at: 42_000,
      inFlight: 1,
      matched: true,
    });
    expect(r?.realAt).toBeGreaterThan(0);
    expect(s.pending()).toBe(0);
  });

  it('serves a queue in order, then answers 404 naming the request, and records that too', async () => {
    const s = await start();
    s.on({ path: '/api/query', query: { id_list: '1111.2011v2' } }, [
      reply.status(503, { retryAfter: 2 }),
      reply.body('<feed><entry>not closed'),
      reply.fixture('api-atom/classic-2016_id_list_1111.2011v2.xml'),
    ]);
    const get = () => fetch(`${s.apiUrl}?id_list=1111.2011v2`);
    const first = await get();
    expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([503, '2', '']);
    expect(await (await get()).text()).toBe('<feed><entry>not closed');
    const third = await get();
    expect(third.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect(await third.text()).toBe(fixtureText('api-atom/classic-2016_id_list_1111.2011v2.xml'));
    const fourth = await get();
    expect(fourth.status).toBe(404);
    expect(await fourth.text()).toContain('no scripted reply for GET /api/query?id_list=1111.2011v2');
    expect(s.unmatched().map((r) => r.seq)).toEqual([3]);
  });

  it('matches query parameters exactly, by RegExp, or by absence; always() repeats', async () => {
    const s = await start();
    s.on({ path: '/oai2', query: { verb: 'ListRecords', resumptionToken: null } }, reply.body('first page'));
    s.always({ path: '/oai2', query: { resumptionToken: /^\d+\|\d+$/ } }, reply.body('next page'));
    const text = async (q: string) => (await fetch(`${s.oaiUrl}?${q}`)).text();
    expect(await text('verb=ListRecords&resumptionToken=726959%7C1001')).toBe('next page');
    expect(await text('verb=ListRecords&metadataPrefix=arXivRaw')).toBe('first page');
    expect(await text('verb=ListRecords&resumptionToken=726959%7C2002')).toBe('next page');
    expect(await text('verb=ListRecords&resumptionToken=junk')).toContain('no scripted reply');
  });

  it('replays the recorded exchanges for the requests that produced them', async () => {
    const s = await start();
    s.replayRecorded();
    const text = async (url: string) => (await fetch(url)).text();
    const api = (q: Record<string, string>) => `${s.apiUrl}?${new URLSearchParams(q).toString()}`;
    const oai = (q: Record<string, string>) => `${s.oaiUrl}?${new URLSearchParams(q).toString()}`;
    expect(await text(api({ search_query: 'all:electron AND all:proton', start: '0', max_results: '10' }))).toBe(
      fixtureText('api-atom/new-2025_search_all_electron_AND_all_proton.xml'),
    );
    expect(await text(api({ search_query: 'testing', start: '10', max_results: '10' }))).toBe(
      fixtureText('api-atom/new-2026_search_testing_start10_max10.xml'),
    );
    expect(await text(oai({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01' }))).toBe(fixtureText(RAW_LIST));
    expect(await text(oai({ verb: 'wah' }))).toContain('code="badVerb"');
    expect(await text(oai({ verb: 'ListRecords', resumptionToken: '3' }))).toContain('code="badResumptionToken"');
    expect(await text(oai({ verb: 'GetRecord', metadataPrefix: 'arXivRaw', identifier: 'oai:arXiv.org:0813.2274' }))).toContain(
      'code="idDoesNotExist"',
    );
    expect(s.unmatched()).toEqual([]);
  });

  it('counts requests in flight at once', async () => {
    const s = await start();
    s.always({ path: '/oai2' }, reply.delayed(50, reply.body('slow')));
    await Promise.all([1, 2, 3].map(async () => (await fetch(s.oaiUrl)).text()));
    expect(s.maxInFlight).toBe(3);
    expect(s.inFlight).toBe(0);
  });

  it('hangs until the client gives up, resets connections, and still closes promptly', async () => {
    const s = await start();
    s.on({ path: '/oai2' }, [reply.hang(), reply.reset(), reply.hangMidBody(reply.fixture(RAW_LIST)), reply.hang()]);
    await expect(fetch(s.oaiUrl, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await expect(fetch(s.oaiUrl)).rejects.toThrow('fetch failed');
    const stalled = await fetch(s.oaiUrl, { signal: AbortSignal.timeout(100) });
    expect(stalled.status).toBe(200);
    await expect(stalled.text()).rejects.toThrow();
    await vi.waitFor(() => expect(s.inFlight).toBe(0));
    const pending = fetch(s.oaiUrl).then(
      () => 'answered',
      () => 'dropped',
    );
    await vi.waitFor(() => expect(s.inFlight).toBe(1));
    const t0 = performance.now();
    await s.close();
    server = undefined;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe('dropped');
  });

  it('refuses fixtures outside the fixture folder and misspelt fixture names at registration', async () => {
    const s = await start();
    expect(() => s.on({ path: '/oai2' }, reply.fixture('../SOURCES.md'))).toThrow('outside');
    expect(() => s.on({ path: '/oai2' }, reply.fixture('oai-pmh/nope.xml'))).toThrow('ENOENT');
  });
});

describe('oaiPage', () => {
  it('rebuilds the recorded page exactly from its own records and token', () => {
    const records = oaiRecords();
    expect(records).toHaveLength(6);
    expect(oaiPage(records, '726959|1001', { cursor: 0, completeListSize: 58011 })).toBe(fixtureText(ARXIV_RAW_LIST_FIXTURE));
  });

  it('changes only the record list and the token', () => {
    const [a, b] = oaiRecords();
    const page = oaiPage([b ?? '', a ?? ''], 'x&y', { cursor: 2 });
    expect(page).toContain('<request verb="ListRecords" from="2014-10-01" metadataPrefix="arXivRaw">');
    expect(page.indexOf('0704.0716')).toBeLessThan(page.indexOf('0704.0471'));
    expect(page).toContain('<resumptionToken cursor="2">x&amp;y</resumptionToken>\n</ListRecords>\n</OAI-PMH>');
    expect(oaiPage([], '', { cursor: 1000, completeListSize: 1000 })).toContain('<ListRecords>\n<resumptionToken cursor="1000" completeListSize="1000"/>\n</ListRecords>');
    expect(oaiPage([a ?? ''], null)).not.toContain('resumptionToken');
  });

  it('slices records out of the other recorded formats too', () => {
    expect(oaiRecords('oai-pmh/arXiv_ListRecords_2017_set-physics-hep-th.xml')).toHaveLength(3);
    expect(oaiRecords('oai-pmh/oai_dc_ListRecords_2024_set-cs_with_resumptionToken.xml')).toHaveLength(5);
  });
});
