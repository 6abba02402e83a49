import { afterEach, beforeEach, expect, it } from 'vitest';
import { fetchPapers } from '../../src/commands/fetch-papers.js';
import { parseArxivId, type ArxivId, type ParsedArxivId } from '../../src/domain/arxiv-id.js';
import { findPaper } from '../../src/store/papers-read.js';
import { arxivTestClient } from '../support/arxiv-env.js';
import { describeEachDialect } from '../support/dialects.js';
import { FakeArxivServer, readFixture, reply } from '../support/fake-arxiv-server.js';

const ids = (...list: string[]): ParsedArxivId[] => list.map((s) => parseArxivId(s)!);

describeEachDialect('arXiv API fetch', (ctx) => {
  let server: FakeArxivServer;
  beforeEach(async () => {
    server = (await FakeArxivServer.start()).replayRecorded();
  });
  afterEach(async () => {
    await server.close();
  });

  it('fetches by versioned id from the classic Atom shape', async () => {
    const { client } = arxivTestClient(server);
    const summary = await fetchPapers(ctx.store, client, ids('1111.2011v2'));
    expect(summary).toMatchObject({ found: ['1111.2011'], missing: [], inserted: 1 });
    const paper = await findPaper(ctx.store.db, '1111.2011' as ArxivId);
    expect(paper?.categories[0]).toBeDefined();
    expect(server.requests[0]?.query).toMatchObject({ id_list: '1111.2011v2' });
  });

  it('reports ids arXiv does not have instead of inventing them (2025 shape)', async () => {
    const { client } = arxivTestClient(server);
    const summary = await fetchPapers(ctx.store, client, ids('2201.13455', '2201.13452', '2201.13453', '2201.13454'));
    expect(summary.found).toEqual(['2201.13452']);
    expect(summary.missing.map((m) => m.id)).toEqual(['2201.13455', '2201.13453', '2201.13454']);
    expect(await findPaper(ctx.store.db, '2201.13453' as ArxivId)).toBeUndefined();
  });

  it('pages through a search, retrying an empty page inside the results', async () => {
    const fresh = await FakeArxivServer.start();
    try {
      const recorded = readFixture('api-atom/new-2026_search_testing_start10_max10.xml').toString();
      const empty = recorded.replace(/<entry>[\s\S]*<\/entry>/, '');
      fresh
        .on({ path: '/api/query', query: { search_query: 'testing', start: '0' } }, reply.fixture('api-atom/new-2026_search_testing_start0_max10.xml'))
        .on({ path: '/api/query', query: { search_query: 'testing', start: '10' } }, [reply.body(empty), reply.fixture('api-atom/new-2026_search_testing_start10_max10.xml')]);
      const { client } = arxivTestClient(fresh);
      const pages = [];
      for await (const page of client.search('testing', 20, 10)) pages.push(page);
      expect(pages.map((p) => p.entries.length)).toEqual([10, 10]);
      expect(fresh.requests.map((r) => r.query.start)).toEqual(['0', '10', '10']);
      const all = pages.flatMap((p) => p.entries.map((e) => e.id));
      expect(new Set(all).size).toBe(20);
    } finally {
      await fresh.close();
    }
  });
});
