// Semantic and hybrid search, search by abstract and similar papers over HTTP, on a real slice of the
// bundled papers, before and after the embed job has run. Keyword search exists on SQLite only, so
// on PostgreSQL hybrid answers from meaning alone once there are vectors (and 501 before).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPapers } from '../../src/commands/embed-papers.js';
import { SIMILAR_ON_PAGE } from '../../src/commands/paper-page.js';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { REFRESH_MS, semanticIndex } from '../../src/search/semantic-index.js';
import type { Store } from '../../src/store/db.js';
import { setPaperHidden } from '../../src/store/moderation.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { OnnxEmbedder } from '../../src/search/embedders/onnx.js';
import { testApp } from '../support/app.js';
import { DIALECTS, freshStore } from '../support/dialects.js';
import { importBundleDays, smallGloveCache, type GloveCache } from '../support/semantic-fixtures.js';
import { makeTinyOnnxModel, type TinyModel } from '../support/tiny-onnx-model.js';

/** Featured days imported: 100 papers (training on more costs seconds per dialect). */
const DAYS = 10;
const EVIL = '<script>alert(1)</script>';
const EVIL_ID = '2401.00001';
const CATEGORY_CYCLE = [['cs.CL'], ['cs.CV', 'cs.LG'], ['stat.ML'], ['cs.LG']];

interface Result {
  paper: { id: string; title: string; publishedAt?: string };
  tier: string;
  score: number;
}
interface SearchJson {
  mode: string;
  results: Result[];
  hasMore: boolean;
}
interface SimilarJson {
  id: string;
  results: { paper: { id: string }; title: string; similarity: number }[];
}
interface Row {
  id: string;
  title: string;
  abstract: string;
  published_at: string | null;
}

/** A title as plain words: punctuation could read as query syntax (`-word`, `cat:`, quotes). */
const plainWords = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

for (const dialect of DIALECTS) {
  describe(`semantic search routes [${dialect}]`, () => {
    let store: Store;
    let app: FastifyInstance;
    let cache: GloveCache;
    let papers: Row[];
    /** Papers whose titles are searched for: spread over the catalog. */
    let probes: Row[];

    const get = (url: string) => app.inject(url);
    const json = async <T = SearchJson>(url: string): Promise<T> => {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      return res.json<T>();
    };
    const ids = (r: SearchJson) => r.results.map((x) => x.paper.id);
    const categoriesOf = async (id: string) =>
      (await store.db.selectFrom('paper_categories').select('category').where('paper_id', '=', id).execute()).map((c) => c.category);

    beforeAll(async () => {
      cache = await smallGloveCache();
      store = await freshStore(dialect);
      await importBundleDays(store, DAYS);
      // The bundle has no categories or code links: give the papers some, for the filters.
      const imported = await store.db.selectFrom('papers').select(['id', 'title', 'abstract']).orderBy('id').execute();
      await upsertPapers(
        store.db,
        imported.map((p, i) => ({
          id: arxivIdOrThrow(p.id),
          title: p.title,
          abstract: p.abstract,
          categories: CATEGORY_CYCLE[i % CATEGORY_CYCLE.length]!,
          links: i % 4 === 0 ? [{ kind: 'code' as const, url: `https://github.com/example/p${i}`, stars: null, starsReadAt: null }] : [],
        })),
      );
      await upsertPapers(store.db, [
        {
          id: arxivIdOrThrow(EVIL_ID),
          title: `Harness engineering ${EVIL}`,
          abstract: `A static harness for ${EVIL} agents and large language models.`,
          authors: ['Bernhard Schölkopf'],
          categories: ['cs.LG'],
          publishedAt: '2024-01-02T00:00:00.000Z',
        },
      ]);
      await indexPendingPapers(store);
      app = await testApp(store);
      papers = await store.db.selectFrom('papers').select(['id', 'title', 'abstract', 'published_at']).orderBy('id').execute();
      expect(papers.length).toBeGreaterThan(100);
      probes = [5, 23, 47, 71, 99].map((i) => papers[i]!);
    });

    afterAll(async () => {
      await app?.close();
      await store?.close();
      cache?.remove();
    });

    describe('before the embed job has run', () => {
      it('semantic search and search by abstract answer 503 with a clear message', async () => {
        for (const url of ['/api/search?q=language+models&mode=semantic', `/api/search?like=${encodeURIComponent(probes[0]!.abstract)}`]) {
          const res = await get(url);
          expect(res.statusCode).toBe(503);
          expect(res.json()).toEqual({ error: 'unavailable', message: expect.stringMatching(/Semantic search is not ready yet/) as unknown });
        }
        expect((await get('/search?q=language+models&mode=semantic')).statusCode).toBe(503);
      });

      if (dialect === 'sqlite') {
        it('hybrid search falls back to keyword results', async () => {
          const hybrid = await json('/api/search?q=language+models&mode=hybrid&limit=20');
          const keyword = await json('/api/search?q=language+models&mode=keyword&limit=20');
          expect(hybrid.mode).toBe('hybrid');
          expect(ids(hybrid).length).toBeGreaterThan(5);
          expect(ids(hybrid)).toEqual(ids(keyword));
          // The default mode is hybrid.
          expect(ids(await json('/api/search?q=language+models&limit=20'))).toEqual(ids(keyword));
        });
      } else {
        it('hybrid search has no keyword index to fall back to: 501', async () => {
          expect((await get('/api/search?q=language+models&mode=hybrid')).statusCode).toBe(501);
        });
      }

      it('paper pages have no "Similar papers" section and the similar list is empty', async () => {
        const page = await get(`/papers/${probes[0]!.id}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toContain('Similar papers');
        expect(await json<SimilarJson>(`/api/papers/${probes[0]!.id}/similar`)).toEqual({ id: probes[0]!.id, results: [] });
      });
    });

    describe('after the embed job has run', () => {
      beforeAll(async () => {
        const summary = await embedPapers(store, { embedder: 'catalog', cacheDir: cache.dir, now: () => new Date(), log: () => {} });
        expect(summary).toMatchObject({ activated: true, embedded: papers.length });
        // The serving index looks for new vectors at most every REFRESH_MS; look now.
        const snapshot = await semanticIndex(store).snapshot(Date.now() + REFRESH_MS);
        expect(snapshot?.index.size).toBe(papers.length);
      });

      it('semantic search finds a paper by its title, best first', async () => {
        for (const p of probes) {
          const r = await json(`/api/search?q=${encodeURIComponent(plainWords(p.title))}&mode=semantic&limit=10`);
          expect(r.mode).toBe('semantic');
          expect(ids(r).slice(0, 3), p.title).toContain(p.id);
          expect(r.results).toHaveLength(10);
          expect(r.hasMore).toBe(true);
          for (const x of r.results) {
            expect(x.tier).toBe('meaning');
            expect(Math.abs(x.score)).toBeLessThanOrEqual(1.0001);
          }
          const scores = r.results.map((x) => x.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
        // Pages continue one ranking.
        const q = encodeURIComponent(plainWords(probes[1]!.title));
        const whole = ids(await json(`/api/search?q=${q}&mode=semantic&limit=10`));
        const second = ids(await json(`/api/search?q=${q}&mode=semantic&limit=5&p=1`));
        expect(second).toEqual(whole.slice(5, 10));
      });

      it('hybrid search fuses both (meaning alone on PostgreSQL) and finds a paper by its title', async () => {
        for (const p of probes) {
          const r = await json(`/api/search?q=${encodeURIComponent(plainWords(p.title))}&mode=hybrid&limit=10`);
          expect(r.mode).toBe('hybrid');
          expect(ids(r).slice(0, 3), p.title).toContain(p.id);
          for (const x of r.results) expect(x.score).toBeGreaterThanOrEqual(0);
          for (const x of r.results) expect(x.score).toBeLessThanOrEqual(1.0001);
        }
        if (dialect === 'postgres') {
          const q = encodeURIComponent(plainWords(probes[2]!.title));
          expect(ids(await json(`/api/search?q=${q}&mode=hybrid`))).toEqual(ids(await json(`/api/search?q=${q}&mode=semantic`)));
          expect((await get(`/api/search?q=${q}&mode=keyword`)).statusCode).toBe(501);
        } else {
          // Fusion adds papers by meaning to the keyword matches: those are the 'meaning' tier, and
          // only those are missing from keyword search's complete list.
          let addedByMeaning = 0;
          for (const p of probes) {
            const q = encodeURIComponent(plainWords(p.title));
            const fused = await json(`/api/search?q=${q}&mode=hybrid&limit=100`);
            const keyword = ids(await json(`/api/search?q=${q}&mode=keyword&limit=100`));
            if (keyword.length === 100) continue;
            const meaningOnly = fused.results.filter((x) => x.tier === 'meaning').map((x) => x.paper.id);
            expect(ids(fused).filter((id) => !keyword.includes(id))).toEqual(meaningOnly);
            addedByMeaning += meaningOnly.length;
          }
          expect(addedByMeaning).toBeGreaterThan(0);
        }
      });

      it('search by abstract ranks that paper first', async () => {
        for (const p of probes.slice(0, 3)) {
          const r = await json(`/api/search?like=${encodeURIComponent(p.abstract)}&limit=5`);
          expect(ids(r)[0]).toBe(p.id);
          expect(r.results[0]!.score).toBeGreaterThan(0.9);
          expect(r.results[0]!.tier).toBe('meaning');
        }
        const page = await get(`/search?like=${encodeURIComponent(probes[0]!.abstract)}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Papers nearest in meaning to the pasted text.');
        expect(page.body).toContain(`href="/papers/${probes[0]!.id}"`);
      });

      it('applies category and date filters to semantic results', async () => {
        const p = probes[3]!;
        const q = encodeURIComponent(plainWords(p.title));
        const unfiltered = await json(`/api/search?q=${q}&mode=semantic&limit=100`);
        const cat = (await categoriesOf(p.id))[0];
        expect(cat).toBeDefined();
        const byCat = await json(`/api/search?q=${q}&mode=semantic&limit=10&cat=${cat}`);
        expect(ids(byCat)).toContain(p.id);
        for (const id of ids(byCat)) expect(await categoriesOf(id)).toContain(cat);
        // The same order as the unfiltered ranking, keeping the papers that pass.
        const passing: string[] = [];
        for (const id of ids(unfiltered)) if ((await categoriesOf(id)).includes(cat!)) passing.push(id);
        // (The top 100 of 101 papers hold a prefix of the filtered ranking.)
        const k = Math.min(10, passing.length);
        expect(k).toBeGreaterThan(0);
        expect(ids(byCat).slice(0, k)).toEqual(passing.slice(0, k));

        // An archive matches its categories; the query's own cat: works as the control does.
        const byArchive = ids(await json(`/api/search?q=${q}&mode=semantic&limit=30&cat=cs`));
        expect(byArchive.length).toBeGreaterThan(0);
        for (const id of byArchive) expect((await categoriesOf(id)).some((c) => c.startsWith('cs.'))).toBe(true);
        expect(ids(await json(`/api/search?q=${q}+cat:cs&mode=semantic&limit=30`))).toEqual(byArchive);
        const withCode = ids(await json(`/api/search?q=${q}&mode=semantic&limit=30&code=1`));
        expect(withCode.length).toBeGreaterThan(0);
        for (const id of withCode) {
          const links = await store.db.selectFrom('paper_links').select('kind').where('paper_id', '=', id).execute();
          expect(links.map((l) => l.kind)).toContain('code');
        }

        // A date window holding some of the catalog.
        const days = [...new Set(papers.map((x) => x.published_at?.slice(0, 10)).filter((d): d is string => d !== undefined))].sort();
        const from = days[Math.floor(days.length / 3)]!;
        const to = days[Math.floor((2 * days.length) / 3)]!;
        const byDate = await json(`/api/search?q=${q}&mode=semantic&limit=100&from=${from}&to=${to}`);
        const inWindow = (id: string) => {
          const d = papers.find((x) => x.id === id)?.published_at?.slice(0, 10);
          return d !== undefined && d >= from && d <= to;
        };
        expect(byDate.results.length).toBeGreaterThan(0);
        for (const r of byDate.results) expect(inWindow(r.paper.id), `${r.paper.id} ${r.paper.publishedAt ?? ''}`).toBe(true);
        const windowed = ids(unfiltered).filter(inWindow);
        expect(ids(byDate).slice(0, windowed.length)).toEqual(windowed);
        // Filters also hold for search by abstract.
        const like = await json(`/api/search?like=${encodeURIComponent(p.abstract)}&from=${from}&to=${to}&limit=100`);
        expect(like.results.every((r) => inWindow(r.paper.id))).toBe(true);
      });

      it('lists results newest first with sort=date in semantic and hybrid modes', async () => {
        for (const mode of ['semantic', 'hybrid']) {
          const r = await json(`/api/search?q=language+models+agents&mode=${mode}&sort=date&limit=20`);
          expect(r.results.length).toBeGreaterThan(1);
          const dates = r.results.map((x) => x.paper.publishedAt ?? '');
          expect(dates, mode).toEqual([...dates].sort().reverse());
        }
      });

      it('shows a "Similar papers" section on the paper page, and its JSON twin, never the paper itself', async () => {
        const p = probes[4]!;
        const page = await get(`/papers/${p.id}`);
        expect(page.statusCode).toBe(200);
        const section = /<section class="similar"><h2>Similar papers<\/h2>(.*?)<\/section>/s.exec(page.body)?.[1];
        expect(section).toBeDefined();
        const linked = [...section!.matchAll(/<li><a href="\/papers\/([^"]+)">/g)].map((m) => m[1]);
        expect(linked).toHaveLength(SIMILAR_ON_PAGE);
        expect(linked).not.toContain(p.id);
        expect(section).toContain(`href="/api/papers/${p.id}/similar"`);

        const similar = await json<SimilarJson>(`/api/papers/${p.id}/similar`);
        expect(similar.id).toBe(p.id);
        expect(similar.results.map((r) => r.paper.id)).toEqual(linked);
        const sims = similar.results.map((r) => r.similarity);
        expect(sims).toEqual([...sims].sort((a, b) => b - a));
        for (const s of sims) expect(s).toBeLessThan(1.0001);
        const three = await json<SimilarJson>(`/api/papers/${p.id}/similar?limit=3`);
        expect(three.results.map((r) => r.paper.id)).toEqual(linked.slice(0, 3));
        const many = await json<SimilarJson>(`/api/papers/${p.id}/similar?limit=50`);
        expect(many.results).toHaveLength(50);
        expect(many.results.map((r) => r.paper.id)).not.toContain(p.id);
        expect(new Set(many.results.map((r) => r.paper.id)).size).toBe(50);
        // The nearest paper to X's abstract by text is X; its neighbours follow in the same order.
        const like = await json(`/api/search?like=${encodeURIComponent(p.abstract)}&limit=4`);
        expect(ids(like)[0]).toBe(p.id);
      });

      it('leaves papers hidden by moderators out of similar papers and search by meaning', async () => {
        const p = probes[4]!;
        const before = (await json<SimilarJson>(`/api/papers/${p.id}/similar`)).results.map((r) => r.paper.id);
        const gone = before[0]!;
        const likeGone = `/api/search?like=${encodeURIComponent(papers.find((x) => x.id === gone)!.abstract)}&limit=10`;
        expect(ids(await json(likeGone))).toContain(gone);
        await setPaperHidden(store.db, gone, true, null, 'spam', '2026-11-30T10:00:00.000Z');
        try {
          const after = (await json<SimilarJson>(`/api/papers/${p.id}/similar`)).results.map((r) => r.paper.id);
          expect(after).toHaveLength(SIMILAR_ON_PAGE);
          expect(after).not.toContain(gone);
          expect(after.slice(0, SIMILAR_ON_PAGE - 1)).toEqual(before.slice(1));
          expect((await get(`/papers/${p.id}`)).body).not.toContain(`href="/papers/${gone}"`);
          expect(ids(await json(likeGone))).not.toContain(gone);
        } finally {
          await setPaperHidden(store.db, gone, false, null, 'restored', '2026-11-30T10:00:00.000Z');
        }
      });

      it('answers 404 for an unknown paper and 400 for bad similar-papers input', async () => {
        const unknown = await get('/api/papers/2609.99999/similar');
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/2609\.99999/) as unknown });
        const cases: [string, RegExp][] = [
          [`/api/papers/${probes[0]!.id}/similar?limit=0`, /limit is at least 1/],
          [`/api/papers/${probes[0]!.id}/similar?limit=51`, /limit is at most 50/],
          [`/api/papers/${probes[0]!.id}/similar?limit=two`, /limit must be a number/],
          ['/api/papers/not-an-id/similar', /is not an arXiv id/],
        ];
        for (const [url, message] of cases) {
          const res = await get(url);
          expect(res.statusCode, url).toBe(400);
          expect(res.json<{ message: string }>().message).toMatch(message);
        }
        const badMode = await get('/api/search?q=agents&mode=vibes');
        expect(badMode.statusCode).toBe(400);
        expect(badMode.json<{ message: string }>().message).toMatch(/mode must be one of keyword, semantic, hybrid/);
      });

      it('escapes an evil query, an evil pasted text and an evil title', async () => {
        for (const mode of ['semantic', 'hybrid']) {
          const res = await get(`/search?q=${encodeURIComponent(`${EVIL} harness agents`)}&mode=${mode}`);
          expect(res.statusCode).toBe(200);
          expect(res.body).not.toContain('<script>alert');
          expect(res.body).toContain('&lt;script&gt;');
          // The evil paper itself is found, its title escaped.
          expect(res.body).toContain(`href="/papers/${EVIL_ID}"`);
        }
        const like = await get(`/search?like=${encodeURIComponent(`${EVIL} harness for agents`)}`);
        expect(like.statusCode).toBe(200);
        expect(like.body).not.toContain('<script>alert');
        expect(like.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; harness for agents</textarea>');
        const json = await get(`/api/search?q=${encodeURIComponent(EVIL)}&mode=semantic`);
        expect(json.statusCode).toBe(200);
        expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
        // A paper whose neighbour has an evil title shows it escaped.
        const near = await get(`/api/papers/${EVIL_ID}/similar?limit=50`);
        const neighbour = near.json<SimilarJson>().results[0]!.paper.id;
        const page = await get(`/papers/${EVIL_ID}`);
        expect(page.body).not.toContain('<script>alert');
        expect(page.body).toContain(`href="/papers/${neighbour}"`);
      });
    });
  });
}

// When the active model's embedder is not loaded in this process (the active model is ONNX but this
// process is configured for the catalog embedder, e.g. while a switch of PAPERBOY_EMBEDDER is being
// rebuilt), paper pages render without similar papers instead of failing.
describe('paper pages while the active model is one this process cannot load [sqlite]', () => {
  let tiny: TinyModel | undefined;
  afterAll(() => tiny?.remove());

  it('still render, without similar papers', async () => {
    tiny = makeTinyOnnxModel();
    const onnx = await OnnxEmbedder.load(tiny.folder);
    const store = await freshStore('sqlite');
    try {
      await importBundleDays(store, 1);
      await embedPapers(store, { embedder: onnx, cacheDir: null, now: () => new Date(), log: () => {} });
      const app = await testApp(store);
      const id = (await store.db.selectFrom('papers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const page = await app.inject(`/papers/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Similar papers');
      await app.close();
    } finally {
      await onnx.close();
      await store.close();
    }
  });
});
