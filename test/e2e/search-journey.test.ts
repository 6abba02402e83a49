// Browser end-to-end test of the search journey, on the real app in-process (SQLite, the HF
// sample days) driven by Debian's Chromium through playwright-core:
//   header search box on / → results with marked words → filter by "has code" → a paper;
//   a pasted arXiv URL → straight to the paper. Screenshots land in test-results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, RESULTS_DIR, watchProblems } from './browser.js';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { parseConfig } from '../../src/config.js';
import { openMigratedStore, type Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';
import { freePort } from '../support/postgres-cluster.js';
import { HF_SAMPLES } from '../support/paths.js';

const SETUP_TIMEOUT_MS = 120_000;
/** Playwright's per-action wait (ms); pages are local, so anything slower is a failure. */
const ACTION_TIMEOUT_MS = 15_000;

describe('search journey in a real browser', () => {
  let tmp: string | undefined;
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-e2e-search-'));
    store = await openMigratedStore({ kind: 'sqlite', file: path.join(tmp, 'paperboy.sqlite') });
    await importHfDaily(store, HF_SAMPLES);
    await indexPendingPapers(store);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = parseConfig({ PAPERBOY_DATA_DIR: tmp, PAPERBOY_BASE_URL: baseUrl, PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BUNDLE: 'off' });
    app = await buildApp({ store, config, logger: false });
    await app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
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

  it('searches from the header, filters, opens a paper, and jumps to a pasted arXiv URL', async () => {
    if (!context) throw new Error('browser context missing');
    const page = await context.newPage();
    const problems = watchProblems(page);

    await page.goto('/');
    await page.locator('header form.site-search input[name=q]').fill('static worlds agents');
    await page.locator('header form.site-search input[name=q]').press('Enter');
    await page.waitForURL(/\/search\?q=static\+worlds\+agents$/);
    await expect(page.title()).resolves.toBe('static worlds agents — Search · Paperboy');
    const first = page.locator('ol.results > li.result').first();
    await expect(first.locator('h2 a').getAttribute('href')).resolves.toBe('/papers/2608.19880');
    await expect(first.locator('h2 mark').allTextContents()).resolves.toEqual(['Static', 'Worlds', 'Agent']);
    await expect(page.locator('main input[name=q]').inputValue()).resolves.toBe('static worlds agents');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'search-results.png'), fullPage: true });

    await page.locator('input[name=code]').check();
    await page.locator('form.search-form button[type=submit]').click();
    await page.waitForURL(/code=1/);
    const withCode = await page.locator('ol.results > li.result').count();
    expect(withCode).toBeGreaterThan(0);
    expect(await page.locator('ol.results > li.result a.code').count()).toBe(withCode);

    await first.locator('h2 a').click();
    await page.waitForURL(/\/papers\/2608\.19880$/);

    await page.locator('header form.site-search input[name=q]').fill('https://arxiv.org/abs/2608.19880v2');
    await page.locator('header form.site-search button').click();
    await page.waitForURL(/\/papers\/2608\.19880$/);
    // This journey navigates quickly; a load the next navigation cancels (the icon) is no fault.
    expect(problems.filter((p) => !p.endsWith('(net::ERR_ABORTED)'))).toEqual([]);
  });
});
