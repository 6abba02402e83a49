// The subscription journey with mail through a real SMTP server on loopback, read back with
// mailparser: subscribe with only an address, the confirmation mail, its page's button, active;
// nothing but that one mail for a pending address (the digest's due listing skips it); then the
// RFC 8058 one-click unsubscribe as a mail provider sends it (cookie-less POST), after a GET that
// changes nothing and a forged token that changes nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listUnsubscribeHeaders } from '../../src/domain/subscription-links.js';
import type { Mailer } from '../../src/email/mailer.js';
import type { Store } from '../../src/store/db.js';
import { activeSubscriptionsDue, subscriptionByEmailKey } from '../../src/store/subscriptions.js';
import { smtpTestApp } from '../support/app.js';
import { ORIGIN, postForm } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

async function status(store: Store, key: string): Promise<string | undefined> {
  return (await subscriptionByEmailKey(store.db, key))?.status;
}

describeEachDialect('subscription journey through SMTP', (ctx) => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await mailer.close();
    await sink.close();
  });

  it('subscribes, confirms from the mailed link by the button, and unsubscribes with one cookie-less click', async () => {
    const built = await smtpTestApp(ctx.store, sink.url);
    mailer = built.mailer;
    const { app, config } = built;

    expect((await postForm(app, '/subscribe', { email: 'ann@example.org' })).statusCode).toBe(200);
    await sink.waitFor(1);
    const mail = sink.messages[0];
    expect(mail?.envelope.to).toEqual(['ann@example.org']);
    expect(mail?.parsed.subject).toBe('Paperboy: confirm your digest subscription');
    const link = /http:\/\/paperboy\.test(\/subscribe\/confirm\?token=[A-Za-z0-9_-]{43})/.exec(mail?.parsed.text ?? '')?.[1];
    expect(link).toBeDefined();

    // Pending: the due listing the digest sender reads does not contain it, at any hour.
    expect(await status(ctx.store, 'ann@example.org')).toBe('pending');
    for (let h = 0; h < 24; h += 1) {
      const due = await activeSubscriptionsDue(ctx.store.db, new Date(Date.UTC(2026, 10, 30, h)), { limit: 100 });
      expect(due.subscriptions).toEqual([]);
    }

    // Opening the link confirms nothing; the button does.
    const page = await app.inject(link ?? '');
    expect(page.statusCode).toBe(200);
    expect(await status(ctx.store, 'ann@example.org')).toBe('pending');
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const pressed = await postForm(app, '/subscribe/confirm', { token });
    expect(pressed.statusCode).toBe(200);
    expect(await status(ctx.store, 'ann@example.org')).toBe('active');
    const due = await activeSubscriptionsDue(ctx.store.db, new Date('2026-11-30T07:00:00Z'), { limit: 100 });
    expect(due.subscriptions.map((s) => s.email)).toEqual(['ann@example.org']);
    expect(sink.count).toBe(1);

    // The unsubscribe URL a digest carries in List-Unsubscribe: GET changes nothing; a forged
    // token changes nothing; the provider's one-click POST (no cookie, no Origin) unsubscribes.
    const sub = await subscriptionByEmailKey(ctx.store.db, 'ann@example.org');
    const header = listUnsubscribeHeaders(config.baseUrl, sub?.unsubscribeToken ?? '')['List-Unsubscribe'] ?? '';
    const url = new URL(/^<(.+)>$/.exec(header)?.[1] ?? '');
    expect(url.origin).toBe(ORIGIN);
    expect((await app.inject(url.pathname)).statusCode).toBe(200);
    expect(await status(ctx.store, 'ann@example.org')).toBe('active');
    const forged = url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const oneClick = (path: string) =>
      app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect((await oneClick(forged)).statusCode).toBe(404);
    expect(await status(ctx.store, 'ann@example.org')).toBe('active');
    const done = await oneClick(url.pathname);
    expect(done.statusCode).toBe(200);
    expect(await status(ctx.store, 'ann@example.org')).toBe('unsubscribed');
    expect((await activeSubscriptionsDue(ctx.store.db, new Date('2026-11-30T07:00:00Z'), { limit: 100 })).subscriptions).toEqual([]);
    await app.close();
  });
});
