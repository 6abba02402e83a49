import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';

const EVIL = `<script>alert(1)</script><img src=x onerror=alert(2)>`;

describeEachDialect('paper routes', (ctx) => {
  beforeEach(async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
    await upsertPapers(ctx.store.db, [
      {
        id: arxivIdOrThrow('hep-th/9901001'),
        title: `Strings with $\\mathcal{N}=4$ symmetry ${EVIL}`,
        abstract: `We study ${EVIL} things. And more.`,
        authors: ['Edward Witten', `Mallory ${EVIL}`],
        categories: ['hep-th', 'math.AG'],
        publishedAt: '1999-01-04T18:00:00.000Z',
        journalRef: 'Nucl. Phys. B 550 (1999) 1',
        doi: '10.1016/S0550-3213(99)00001-1',
        versions: [{ version: 1, submittedAt: '1999-01-04T18:00:00.000Z' }, { version: 2, submittedAt: '1999-03-01T10:00:00.000Z' }],
      },
    ]);
  });

  it('shows a paper with citation and Open Graph metadata and BibTeX', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/papers/2608.19880');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<meta name="citation_title" content="EnvHarness: Awakening Static Worlds for Agent Learning">');
    expect(body.match(/<meta name="citation_author"/g)).toHaveLength(17);
    expect(body).toContain('<meta name="citation_publication_date" content="2026/08/20">');
    expect(body).toContain('<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2608.19880">');
    expect(body).toContain('<meta property="og:url" content="http://paperboy.test/papers/2608.19880">');
    expect(body).toMatch(/<pre id="bibtex" class="bibtex">@misc\{huang2026envharness,/);
    expect(body).toContain('eprint = {2608.19880}');
    expect(body).toContain('href="https://github.com/google-research/envharness"');
    expect(body).toContain('163 upvotes');
    expect(body).toContain('href="/papers?date=2026-08-21"');
    expect(body).toContain('data-copy="bibtex"');
  });

  it('keeps the slash of old-style ids, renders LaTeX, escapes everything else, and cites the journal', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/papers/hep-th/9901001');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('<h1>Strings with <span class="katex"><math');
    expect(res.body).toMatch(/@article\{witten1999strings,/);
    expect(res.body).toContain('journal = {Nucl. Phys. B 550 (1999) 1}');
    expect(res.body).toContain('<meta name="citation_doi" content="10.1016/S0550-3213(99)00001-1">');
    expect(res.body).toContain('href="https://arxiv.org/abs/hep-th/9901001v2"');
    const json = (await app.inject('/api/papers/hep-th/9901001')).json<{ id: string; categories: string[] }>();
    expect(json).toMatchObject({ id: 'hep-th/9901001', categories: ['hep-th', 'math.AG'] });
  });

  it('serves the paper as Markdown with its syntax escaped', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/papers/hep-th/9901001.md');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body).toMatch(/^# Strings with/);
    expect(res.body).toContain('\\<script\\>');
    expect(res.body).toContain('```bibtex\n@article{');
    const hf = await app.inject('/papers/2608.19880.md');
    expect(hf.body).toContain('- Code: <https://github.com/google-research/envharness> (8 stars)');
  });

  it('returns the bare HF paper object', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/api/papers/2608.19880');
    expect(res.json()).toMatchObject({
      id: '2608.19880',
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      upvotes: 163,
      githubRepo: 'https://github.com/google-research/envharness',
      githubStars: 8,
      publishedAt: '2026-08-20T00:00:00.000Z',
    });
  });

  it('redirects versioned ids to the paper', async () => {
    const app = await testApp(ctx.store);
    const res = await app.inject('/papers/2608.19880v3');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/papers/2608.19880');
    expect((await app.inject('/api/papers/hep-th/9901001v1')).headers.location).toBe('/api/papers/hep-th/9901001');
  });

  it('answers unknown ids with 404 and malformed ones with 400', async () => {
    const app = await testApp(ctx.store);
    const missing = await app.inject('/papers/2608.99999');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('No paper 2608.99999 in this catalog.');
    expect((await app.inject('/api/papers/2608.99999')).json()).toMatchObject({ error: 'not_found' });
    const bad = await app.inject('/api/papers/..%2F..%2Fetc%2Fpasswd');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/not an arXiv id/) as unknown });
    expect((await app.inject(`/papers/${'9'.repeat(5000)}`)).statusCode).toBe(400);
  });
});
