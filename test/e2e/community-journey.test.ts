// The community journey in a real browser (Debian's Chromium through playwright-core), with mail
// through a real SMTP server on loopback: sign up, read the verification mail the sink received,
// open its link and press the button, log in, upvote a paper, comment on it (Markdown + math), and
// find the vote on /trending. Nothing is seeded through the store except the papers: every step is
// what a reader does. No console error, CSP violation or failed request on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, RESULTS_DIR, watchProblems } from './browser.js';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { parseConfig } from '../../src/config.js';
import { mailerFromConfig } from '../../src/email/mailer-from-config.js';
import type { Mailer } from '../../src/email/mailer.js';
import { openMigratedStore, type Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';
import { freePort } from '../support/postgres-cluster.js';
import { HF_SAMPLES } from '../support/paths.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const SETUP_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;
const PAPER = '2608.19880'; // first on the latest sample day, 163 upvotes on HF
const EMAIL = 'journey@example.org';
const PASSWORD = 'a long walk to the trending page';

describe('community journey in a real browser, mail through SMTP', () => {
  let tmp: string | undefined;
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  let sink: SmtpSink | undefined;
  let mailer: Mailer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-e2e-community-'));
    store = await openMigratedStore({ kind: 'sqlite', file: path.join(tmp, 'paperboy.sqlite') });
    await importHfDaily(store, HF_SAMPLES);
    sink = await startSmtpSink();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = parseConfig({
      PAPERBOY_DATA_DIR: tmp,
      PAPERBOY_BASE_URL: baseUrl,
      PAPERBOY_LOG_LEVEL: 'silent',
      PAPERBOY_BUNDLE: 'off',
      PAPERBOY_SMTP_URL: sink.url,
      PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.test>',
    });
    mailer = mailerFromConfig(config);
    app = await buildApp({ store, config, logger: false, mailer });
    await app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await mailer?.close();
    await sink?.close();
    await store?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, SETUP_TIMEOUT_MS);

  it('signs up, verifies from the mail, upvotes, comments and sees the vote on trending', async () => {
    if (!context || !sink || !store) throw new Error('setup missing');
    const page = await context.newPage();
    const problems = watchProblems(page);

    // Sign up: the header's account link, then the log-in page's sign-up link.
    await page.goto('/');
    await page.locator('header.site a.account-link').click();
    await page.locator('main a[href="/signup"]').first().click();
    await page.locator('form[action="/signup"] input[name="email"]').fill(EMAIL);
    await page.locator('form[action="/signup"] input[name="password"]').fill(PASSWORD);
    await page.locator('form[action="/signup"] button[type=submit]').click();
    await page.waitForURL(/\/signup$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your mail');

    // The verification mail arrived over SMTP; its link opens a page whose button confirms.
    await sink.waitFor(1);
    const mail = sink.messages[0];
    expect(mail?.envelope.to).toEqual([EMAIL]);
    const link = new RegExp(`${baseUrl.replace(/[.:/]/g, '\\$&')}/verify-email\\?token=[A-Za-z0-9_-]{43}`).exec(mail?.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    const users = async () => store?.db.selectFrom('users').select(['email_verified_at']).where('email', '=', EMAIL).executeTakeFirst();
    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    expect((await users())?.email_verified_at).toBeNull();
    await page.locator('form[action="/verify-email"] button[type=submit]').click();
    await page.waitForURL(/\/login\?done=verified$/);
    expect((await users())?.email_verified_at).not.toBeNull();

    // Log in.
    await page.locator('form[action="/login"] input[name="email"]').fill(EMAIL);
    await page.locator('form[action="/login"] input[name="password"]').fill(PASSWORD);
    await page.locator('form[action="/login"] button[type=submit]').click();
    await page.waitForURL(/\/account$/);

    // Upvote on the paper page, without a reload (public/votes.js).
    await page.goto(`/papers/${PAPER}`);
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="false"]`);
    await page.locator(`a.upvote[data-vote="${PAPER}"]`).click();
    await page.waitForSelector(`a.upvote[data-vote="${PAPER}"][aria-pressed="true"]`);
    await expect(page.locator('.paper .votes .count').textContent()).resolves.toBe('164 upvotes');

    // Comment, with Markdown and math rendered on the server.
    await page.locator(`a[href="/comments/new?paper=${PAPER}"]`).click();
    await page.locator('#comment-body').fill('The **ablation** in section 4 is convincing: $e^{i\\pi} + 1 = 0$.');
    await page.locator('form.comment-form button[type=submit]').click();
    await page.waitForURL(new RegExp(`/papers/${PAPER.replace('.', '\\.')}#`));
    const comment = page.locator('section.comments .comment').first();
    await expect(comment.locator('strong').textContent()).resolves.toBe('ablation');
    await expect(comment.locator('math').count()).resolves.toBe(1);
    await expect(comment.locator('.who').textContent()).resolves.not.toContain('@');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'community-comment.png') });

    // The vote counts on trending (a .test/localhost site counts new accounts at once).
    await page.goto('/trending?window=all');
    const card = page.locator(`.votes[data-votes="${PAPER}"]`);
    await expect(card.locator('.here').textContent()).resolves.toBe('1');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'community-trending.png') });

    const rows = await store.db.selectFrom('votes').select('user_id').where('paper_id', '=', PAPER).execute();
    expect(rows).toHaveLength(1);
    // /account answers an anonymous reader 401 with the log-in page: expected, the rest is not.
    const expected = [`HTTP 401: ${baseUrl}/account`, `console error: Failed to load resource: the server responded with a status of 401 (Unauthorized) (${baseUrl}/account)`];
    expect(problems.filter((p) => !expected.includes(p) && !/^request failed: .*\/favicon\.svg \(net::ERR_ABORTED\)$/.test(p))).toEqual([]);
  });
});
