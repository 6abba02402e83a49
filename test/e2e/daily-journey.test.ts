// Browser end-to-end test of the daily journey: the real app (SQLite, bundled papers) served
// in-process and driven by Debian's Chromium through playwright-core.
//   / (latest day, ranked by upvotes) → previous day → first paper → BibTeX + copy button.
// Screenshots land in test-results/ (git-ignored) for people to look at.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, RESULTS_DIR, watchProblems } from './browser.js';
import { z } from 'zod';
import { ensureCatalog } from '../../src/commands/ensure-catalog.js';
import { parseConfig } from '../../src/config.js';
import { openMigratedStore, type Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = path.join(REPO, 'data-bundled', 'hf-daily-papers.jsonl.gz');

/** Loading ~580 bundled days into SQLite takes ~8 s; leave room for slow machines. */
const SETUP_TIMEOUT_MS = 180_000;
const JOURNEY_TIMEOUT_MS = 120_000;
/** Playwright's per-action wait (ms); pages are local, so anything slower is a failure. */
const ACTION_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// An independent oracle: the bundle file itself, read without the app's import code.

const BundleLine = z.object({
  date: z.string(),
  papers: z.array(z.object({ paper: z.object({ id: z.string(), upvotes: z.number().optional() }) })),
});

/** Featured days in the bundle (ascending, only days with papers) and each day's upvotes by id. */
async function readBundle(file: string): Promise<{ days: string[]; upvotes: Map<string, Map<string, number>> }> {
  const upvotes = new Map<string, Map<string, number>>();
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const { date, papers } = BundleLine.parse(JSON.parse(line));
    if (papers.length === 0) continue;
    const byId = upvotes.get(date) ?? new Map<string, number>();
    for (const { paper } of papers) byId.set(paper.id.replace(/v\d+$/, ''), paper.upvotes ?? 0);
    upvotes.set(date, byId);
  }
  return { days: [...upvotes.keys()].sort(), upvotes };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Friday, 21 Aug 2026": what the daily page's heading should say for a YYYY-MM-DD day. */
function expectedDayTitle(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------

const FeedJson = z.object({
  period: z.object({ kind: z.literal('day'), key: z.string(), path: z.string() }),
  prev: z.string().nullable(),
  next: z.string().nullable(),
  total: z.number().int(),
  papers: z.array(z.object({ paper: z.object({ id: z.string(), title: z.string(), upvotes: z.number() }) })),
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

describe('daily journey in a real browser', () => {
  let tmp: string | undefined;
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let baseUrl = '';
  let bundle: Awaited<ReturnType<typeof readBundle>>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-e2e-'));
    const [loadedBundle, openedStore] = await Promise.all([
      readBundle(BUNDLE),
      openMigratedStore({ kind: 'sqlite', file: path.join(tmp, 'paperboy.sqlite') }),
    ]);
    bundle = loadedBundle;
    store = openedStore;
    const loaded = await ensureCatalog(store, BUNDLE);
    expect(loaded, 'the bundled papers were loaded into the empty catalog').not.toBeNull();

    // The base URL must name the real port, so reserve one before the config is built.
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = parseConfig({
      PAPERBOY_DATA_DIR: tmp,
      PAPERBOY_HOST: '127.0.0.1',
      PAPERBOY_PORT: String(port),
      PAPERBOY_BASE_URL: baseUrl,
      PAPERBOY_LOG_LEVEL: 'silent',
      PAPERBOY_BUNDLE: BUNDLE,
    });
    app = await buildApp({ store, config, logger: false });
    await app.listen({ host: '127.0.0.1', port });

    browser = await launchChromium();
    // Clipboard permissions let the copy button's click be checked end to end.
    context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await store?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, SETUP_TIMEOUT_MS);

  it(
    'opens the latest day, steps to the previous day, and reads a paper with its BibTeX',
    async () => {
      if (!context) throw new Error('browser context missing');
      const latest = bundle.days.at(-1);
      const before = bundle.days.at(-2);
      if (latest === undefined || before === undefined) throw new Error('the bundle has fewer than two days');

      // The JSON twin of the front page names the period the HTML page must show.
      const api = FeedJson.parse(await (await fetch(`${baseUrl}/api/papers`)).json());
      expect(api.period.key).toBe(latest);
      expect(api.prev).toBe(before);

      const page = await context.newPage();
      const problems = watchProblems(page);

      // 1. The front page: the latest featured day, ranked by upvotes.
      const home = await page.goto('/');
      expect(home?.status()).toBe(200);
      const csp = (await home?.allHeaders())?.['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      await expect(page.title()).resolves.toBe(`Daily Papers — ${expectedDayTitle(latest)} · Paperboy`);
      expect(squash(await page.locator('main h1').textContent())).toBe(`Daily Papers ${expectedDayTitle(latest)}`);
      expect(squash(await page.locator('h1 .period').textContent())).toBe(expectedDayTitle(latest));
      await expect(page.locator('link[rel=canonical]').getAttribute('href')).resolves.toBe(`${baseUrl}/papers?date=${latest}`);

      const cards = page.locator('ol.cards > li > article.card');
      const expectedVotes = bundle.upvotes.get(latest);
      if (!expectedVotes) throw new Error(`no bundle entries for ${latest}`);
      await expect(cards.count()).resolves.toBe(expectedVotes.size);
      expect(squash(await page.locator('.feed-head p.count').textContent())).toBe(`${expectedVotes.size} papers`);

      const votes = (await cards.locator('.votes .count').allTextContents()).map((t) => Number(t.trim()));
      expect(votes).toHaveLength(expectedVotes.size);
      expect(votes.every(Number.isInteger), `vote counts are numbers: ${votes.join(', ')}`).toBe(true);
      for (let i = 1; i < votes.length; i++) {
        expect(votes[i], `card #${i + 1} has no more votes than card #${i} (${votes.join(', ')})`).toBeLessThanOrEqual(votes[i - 1] ?? Infinity);
      }
      expect(votes[0]).toBeGreaterThan(votes.at(-1) ?? Infinity);
      const ranks = (await cards.locator('.votes .rank').allTextContents()).map((t) => t.trim());
      expect(ranks).toEqual(votes.map((_, i) => `#${i + 1}`));
      // Each card shows the paper's upvotes as recorded in the bundle, in the API's order.
      const cardIds: string[] = [];
      for (const card of await cards.all()) cardIds.push(((await card.getAttribute('id')) ?? '').replace(/^p-/, ''));
      expect(cardIds).toEqual(api.papers.map((p) => p.paper.id.replace('/', '-')));
      expect(votes).toEqual(cardIds.map((id) => expectedVotes.get(id)));

      await page.screenshot({ path: path.join(RESULTS_DIR, 'daily-journey-daily.png'), fullPage: true });

      // 2. The previous day.
      const prevLink = page.locator('nav.days a[rel=prev]');
      await expect(prevLink.getAttribute('href')).resolves.toBe(`/papers?date=${before}`);
      await prevLink.click();
      await page.waitForURL((url) => url.pathname === '/papers' && url.searchParams.has('date'));
      const shown = new URL(page.url()).searchParams.get('date') ?? '';
      expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(shown < latest, `${shown} is before ${latest}`).toBe(true);
      expect(shown).toBe(before);
      const prevHeading = squash(await page.locator('h1 .period').textContent());
      expect(prevHeading).toBe(expectedDayTitle(before));
      expect(prevHeading).not.toBe(expectedDayTitle(latest));
      await expect(page.locator('nav.days a[rel=next]').getAttribute('href')).resolves.toBe(`/papers?date=${latest}`);
      await expect(page.locator('ol.cards article.card').count()).resolves.toBe(bundle.upvotes.get(before)?.size);

      // 3. The first paper of that day.
      const firstCard = page.locator('ol.cards article.card').first();
      const titleLink = firstCard.locator('h2.title a');
      const cardTitle = squash(await titleLink.textContent());
      const cardAuthors = squash(await firstCard.locator('p.authors').textContent());
      const href = (await titleLink.getAttribute('href')) ?? '';
      const arxivId = decodeURIComponent(href.replace(/^\/papers\//, ''));
      expect(cardTitle.length).toBeGreaterThan(0);
      expect(arxivId).toMatch(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/);
      await titleLink.click();
      await page.waitForURL((url) => url.pathname === href);

      const paper = page.locator('main article.paper');
      expect(squash(await paper.locator('h1').textContent())).toBe(cardTitle);
      expect(squash(await paper.locator('p.arxiv-id').textContent())).toMatch(new RegExp(`^arXiv:${arxivId.replace('.', '\\.')}(v\\d+)?$`));
      const authors = squash(await paper.locator('p.authors').textContent());
      expect(authors.length).toBeGreaterThan(0);
      // The card may shorten the list ("A, B, C and 5 more"); the paper page lists everyone.
      const [, shownOnCard = '', more = '0'] = /^(.*?)(?: and (\d+) more)?$/.exec(cardAuthors) ?? [];
      expect(authors.startsWith(shownOnCard), `"${authors}" starts with "${shownOnCard}"`).toBe(true);
      expect(authors.split(', ').length).toBe(shownOnCard.split(', ').length + Number(more));
      const abstract = paper.locator('section.abstract');
      expect(await abstract.isVisible()).toBe(true);
      expect(squash(await abstract.locator('h2').textContent())).toBe('Abstract');
      expect(squash(await abstract.locator('p').textContent()).length).toBeGreaterThan(100);

      const bib = paper.locator('pre#bibtex');
      const bibText = (await bib.textContent()) ?? '';
      expect(bibText).toMatch(/^@\w+\{/);
      expect(bibText).toContain(`eprint = {${arxivId}}`);
      expect(bibText).toContain(`https://arxiv.org/abs/${arxivId}`);

      // public/app.js un-hides the button: proof that the external script ran under the CSP.
      const copy = paper.locator('button[data-copy=bibtex]');
      await copy.waitFor({ state: 'visible' });
      expect(squash(await copy.textContent())).toBe('Copy BibTeX');

      await page.screenshot({ path: path.join(RESULTS_DIR, 'daily-journey-paper.png'), fullPage: true });

      // Clicking copies the BibTeX exactly as shown.
      await copy.click();
      await page.locator('button[data-copy=bibtex]', { hasText: 'Copied' }).waitFor({ state: 'visible' });
      await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(bibText);

      expect(problems, 'no console errors, CSP violations, page errors or failed loads').toEqual([]);
      await page.close();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
