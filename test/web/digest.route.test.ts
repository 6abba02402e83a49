// /digest/preview and /api/digest/preview (public, validated, with a fallback that says so), and
// the outbox pages (/outbox, /api/outbox, /outbox/<file>: open on a localhost site, admins only
// elsewhere), against the real app in-process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { OutboxMailer } from '../../src/email/outbox-mailer.js';
import type { Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';
import { PREVIEW_CSP } from '../../src/web/routes/digest/route.js';
import { accountApp, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { SAMPLE_DAY, digestCatalog } from '../support/digest.js';

const NOW = new Date('2026-11-30T10:00:00Z');

async function app(store: Store) {
  const config = parseConfig({ PAPERBOY_DATA_DIR: '/nonexistent-test-dir', PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_PAGE_CACHE_SECONDS: '0', PAPERBOY_BASE_URL: 'https://paperboy.example.org' });
  return buildApp({ store, config, logger: false, now: () => NOW });
}

interface PreviewJson {
  period: { key: string; first: string; last: string; label: string };
  fellBack: { key: string } | null;
  notice: string | null;
  subject: string;
  sections: { id: string; papers: { id: string; title: string; votes: number; paperUrl: string }[] }[];
  text: string;
  html: string;
}

describeEachDialect('digest preview routes', (ctx) => {
  it('shows the HTML part of a period with its own CSP, and the JSON twin from the same command', async () => {
    await digestCatalog(ctx.store);
    const a = await app(ctx.store);
    const page = await a.inject(`/digest/preview?period=daily&date=${SAMPLE_DAY}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PREVIEW_CSP);
    const json = await a.inject(`/api/digest/preview?period=daily&date=${SAMPLE_DAY}`);
    expect(json.statusCode).toBe(200);
    const body = json.json<PreviewJson>();
    expect(body.period).toMatchObject({ key: 'daily:2026-08-21', first: '2026-08-21', last: '2026-08-21', label: 'Friday, 21 Aug 2026' });
    expect(body.fellBack).toBeNull();
    expect(body.html).toBe(page.body);
    const papers = body.sections[0]?.papers ?? [];
    expect(papers).toHaveLength(10);
    expect(papers.map((p) => p.votes)).toEqual([...papers.map((p) => p.votes)].sort((x, y) => y - x));
    for (const p of papers) {
      expect(p.paperUrl).toBe(`https://paperboy.example.org/papers/${p.id}`);
      expect(body.text).toContain(p.paperUrl);
      expect(page.body).toContain(`href="${p.paperUrl}"`);
    }

    const weekly = (await a.inject(`/api/digest/preview?period=weekly&date=${SAMPLE_DAY}`)).json<PreviewJson>();
    expect(weekly.period.key).toBe('weekly:2026-W34');
    expect(weekly.subject).toBe('Paperboy weekly digest: 17 papers, week 34 of 2026 (17 Aug – 23 Aug)');
  });

  it('falls back to the latest papers when the period has nothing new, and says so', async () => {
    await digestCatalog(ctx.store);
    const a = await app(ctx.store);
    // Without a date: the last day over (29 Nov 2026), long after the bundled papers end.
    const body = (await a.inject('/api/digest/preview?period=daily')).json<PreviewJson>();
    expect(body.period.key).toBe('daily:2026-11-29');
    expect(body.fellBack?.key).toBe('daily:2026-08-21');
    expect(body.notice).toMatch(/^Nothing new was featured in this day; this preview shows the latest papers instead \(Friday, 21 Aug 2026\)/);
    expect(body.sections[0]?.papers).toHaveLength(10);
    const page = await a.inject('/digest/preview');
    expect(page.body).toContain('Nothing new was featured in this day');
  });

  it('says "nothing new" on an empty catalog', async () => {
    const a = await app(ctx.store);
    const body = (await a.inject('/api/digest/preview?period=weekly')).json<PreviewJson & { sections: { intro: string | null; papers: unknown[] }[] }>();
    expect(body.fellBack).toBeNull();
    expect(body.sections[0]).toMatchObject({ intro: 'Nothing new this week.', papers: [] });
  });

  it('answers 400 for a bad period or date, as HTML and as JSON', async () => {
    const a = await app(ctx.store);
    for (const q of ['period=monthly', 'date=2026-02-30', 'period=daily&date=tomorrow']) {
      const json = await a.inject(`/api/digest/preview?${q}`);
      expect(json.statusCode, q).toBe(400);
      expect(json.json()).toMatchObject({ error: 'bad_request' });
      const page = await a.inject(`/digest/preview?${q}`);
      expect(page.statusCode, q).toBe(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
    }
  });
});

describeEachDialect('outbox routes', (ctx) => {
  async function withMail(dataDir: string) {
    const mailer = new OutboxMailer({ dir: path.join(dataDir, 'outbox'), from: { name: 'Paperboy', address: 'paperboy@localhost' } });
    const sent = await mailer.send({ to: 'ann@example.org', subject: 'Paperboy weekly digest: 3 papers, week 34 of 2026 (17 Aug – 23 Aug)', text: 'hello' });
    await mailer.close();
    return path.basename(typeof sent.via === 'string' ? '' : sent.via.file);
  }

  it('lists and shows the mails to admins; 401 without a session, 403 for other accounts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-outbox-'));
    const file = await withMail(dataDir);
    const a = await accountApp(ctx.store, { PAPERBOY_DATA_DIR: dataDir });
    const reader = await verifiedUser(a, 'reader@example.org');
    const admin = await verifiedUser(a, 'admin@example.org');
    await ctx.store.db.updateTable('users').set({ role: 'admin' }).where('email', '=', 'admin@example.org').execute();
    for (const url of ['/outbox', '/api/outbox', `/outbox/${file}`]) {
      expect((await a.app.inject(url)).statusCode, url).toBe(401);
      expect((await a.app.inject({ url, headers: { cookie: reader.cookie } })).statusCode, url).toBe(403);
    }
    const list = await a.app.inject({ url: '/api/outbox', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.json()).toMatchObject({ total: 1, smtpConfigured: false, mails: [{ file, url: `/outbox/${file}`, to: 'ann@example.org', subject: 'Paperboy weekly digest: 3 papers, week 34 of 2026 (17 Aug – 23 Aug)' }] });
    const page = await a.app.inject({ url: '/outbox', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/outbox/${file}"`);
    expect(page.body).toContain('week 34 of 2026 (17 Aug – 23 Aug)');
    const raw = await a.app.inject({ url: `/outbox/${file}`, headers: { cookie: admin.cookie } });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.body).toMatch(/^To: ann@example\.org\r$/m);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is open on a localhost site; bad file names are a 400, missing files a 404', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-outbox-'));
    const a = await accountApp(ctx.store, { PAPERBOY_DATA_DIR: dataDir, PAPERBOY_BASE_URL: 'http://localhost:3000' });
    expect((await a.app.inject('/api/outbox')).json()).toMatchObject({ total: 0, mails: [] });
    const file = await withMail(dataDir);
    expect((await a.app.inject('/api/outbox')).json()).toMatchObject({ total: 1 });
    expect((await a.app.inject(`/outbox/${file}`)).statusCode).toBe(200);
    expect((await a.app.inject('/outbox/..%2Fpaperboy.sqlite')).statusCode).toBe(400);
    expect((await a.app.inject('/outbox/20260101T000000000Z-000001-0000000g.eml')).statusCode).toBe(400);
    expect((await a.app.inject('/outbox/20260101T000000000Z-000001-00000000.eml')).statusCode).toBe(404);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('outbox file names', () => {
  it('are the names the outbox mailer makes', async () => {
    const { outboxFileName } = await import('../../src/email/outbox-mailer.js');
    const { OUTBOX_FILE_NAME } = await import('../../src/email/outbox-list.js');
    expect(OUTBOX_FILE_NAME.test(outboxFileName(new Date('2026-08-22T10:15:30.123Z')))).toBe(true);
  });
});
