// Browser end-to-end test of voting, on the real app in-process (SQLite, the HF sample days)
// driven by Debian's Chromium through playwright-core:
//   anonymous: the ▲ link opens the vote page, which asks to log in;
//   logged in with JavaScript: public/votes.js upgrades the links, a click votes without a reload,
//   the state survives a reload, a second click takes the vote back;
//   logged in without JavaScript: the vote page's form votes;
//   the vote shows on /trending. No console error, CSP violation or failed request on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, RESULTS_DIR, watchProblems } from './browser.js';
import { startSession } from '../../src/commands/accounts/sessions.js';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { parseConfig } from '../../src/config.js';
import { openMigratedStore, type Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';
import { freePort } from '../support/postgres-cluster.js';
import { HF_SAMPLES } from '../support/paths.js';
import { addAccount } from '../support/votes.js';

const SETUP_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;
const PAPER = '2608.19880'; // first on the latest day, 163 upvotes on HF

describe('vote journey in a real browser', () => {
  let tmp: string | undefined;
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];

  async function newContext(options: { loggedIn: boolean; javaScript: boolean }): Promise<BrowserContext> {
    if (!browser || !store) throw new Error('setup missing');
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScript, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    if (options.loggedIn) {
      const userId = await addAccount(store, `reader${contexts.length}@example.org`, '2025-01-01T00:00:00.000Z');
      const session = await startSession(store.db, userId, new Date());
      await context.addCookies([{ name: 'paperboy_session', value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    }
    contexts.push(context);
    return context;
  }

  /** The browser's problems, less a favicon load cut short by the next navigation (clicks follow at once here). */
  const real = (problems: readonly string[]) => problems.filter((p) => !/^request failed: .*\/favicon\.svg \(net::ERR_ABORTED\)$/.test(p));

  const rows = async () => (await store?.db.selectFrom('votes').select('user_id').where('paper_id', '=', PAPER).execute())?.length;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-e2e-votes-'));
    store = await openMigratedStore({ kind: 'sqlite', file: path.join(tmp, 'paperboy.sqlite') });
    await importHfDaily(store, HF_SAMPLES);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = parseConfig({ PAPERBOY_DATA_DIR: tmp, PAPERBOY_BASE_URL: baseUrl, PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BUNDLE: 'off' });
    app = await buildApp({ store, config, logger: false });
    await app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await store?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, SETUP_TIMEOUT_MS);

  it('anonymous readers are sent to the vote page, which asks them to log in', async () => {
    const page = await (await newContext({ loggedIn: false, javaScript: true })).newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.locator(`a.upvote[data-vote="${PAPER}"]`).click();
    await page.waitForURL(new RegExp(`/papers/${PAPER.replace('.', '\\.')}/vote$`));
    await expect(page.locator('section.vote a[href="/login"]').count()).resolves.toBe(1);
    expect(real(problems)).toEqual([]);
  });

  it('with JavaScript, votes and takes the vote back without a reload', async () => {
    const page = await (await newContext({ loggedIn: true, javaScript: true })).newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    const link = page.locator(`a.upvote[data-vote="${PAPER}"]`);
    const box = page.locator(`.votes[data-votes="${PAPER}"]`);
    // votes.js has asked /api/me/votes and upgraded the link.
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="false"]`);
    await link.click();
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="true"]`);
    expect(page.url()).toBe(`${baseUrl}/`);
    await expect(box.locator('.count').textContent()).resolves.toBe('164');
    await expect(box.locator('.here').textContent()).resolves.toBe('1');
    expect(await rows()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'vote-daily.png') });

    await page.reload();
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="true"]`);
    await expect(box.locator('.here').textContent()).resolves.toBe('1');
    await link.click();
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="false"]`);
    await expect(box.locator('.count').textContent()).resolves.toBe('163');
    expect(await rows()).toBe(0);

    // The paper page's button does the same.
    await page.goto(`/papers/${PAPER}`);
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="false"]`);
    await page.locator(`a.upvote[data-vote="${PAPER}"]`).click();
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="true"]`);
    await expect(page.locator('.paper .votes .count').textContent()).resolves.toBe('164 upvotes');
    expect(real(problems)).toEqual([]);
  });

  it('without JavaScript, the vote page form votes, and the vote shows on /trending', async () => {
    const page = await (await newContext({ loggedIn: true, javaScript: false })).newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.locator(`a.upvote[data-vote="${PAPER}"]`).click();
    await page.waitForURL(/\/vote$/);
    await page.locator('form.vote-form button[type=submit]').click();
    await page.waitForURL(/\/vote$/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Your vote is on this paper.');
    expect(await rows()).toBe(2);

    await page.goto('/trending?window=all');
    const card = page.locator(`.votes[data-votes="${PAPER}"]`);
    await expect(card.locator('.here').textContent()).resolves.toBe('2');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'vote-trending.png') });
    expect(real(problems)).toEqual([]);
  });
});
