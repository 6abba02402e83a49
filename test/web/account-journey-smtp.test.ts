// The sign-up journey with mail through a real SMTP server on loopback (the transport the site uses
// in production): sign up, read the verification mail, open its link, press the button, log in.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Mailer } from '../../src/email/mailer.js';
import { smtpTestApp, testApp } from '../support/app.js';
import { PASSWORD, postForm, postJson, sessionCookie } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

describeEachDialect('account journey through SMTP', (ctx) => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await mailer.close();
    await sink.close();
  });

  it('signs up, verifies from the mailed link, logs in and sees the account', async () => {
    const built = await smtpTestApp(ctx.store, sink.url);
    mailer = built.mailer;
    const { app } = built;

    expect((await postForm(app, '/signup', { email: 'ann@example.org', password: PASSWORD })).statusCode).toBe(200);
    await sink.waitFor(1);
    const mail = sink.messages[0];
    expect(mail?.envelope.to).toEqual(['ann@example.org']);
    expect(mail?.parsed.subject).toBe('Paperboy: confirm your e-mail address');
    const link = /http:\/\/paperboy\.test(\/verify-email\?token=[A-Za-z0-9_-]{43})/.exec(mail?.parsed.text ?? '')?.[1];
    expect(link).toBeDefined();

    const page = await app.inject(link ?? '');
    expect(page.statusCode).toBe(200);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const pressed = await postForm(app, '/verify-email', { token });
    expect(pressed.statusCode).toBe(303);

    const login = await postForm(app, '/login', { email: 'ann@example.org', password: PASSWORD });
    expect(login.statusCode).toBe(303);
    const account = await app.inject({ url: '/account', headers: { cookie: sessionCookie(login) ?? '' } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Logged in as <strong>ann@example.org</strong>.');
    await app.close();
  });
});

describeEachDialect('account mail without a mailer', (ctx) => {
  it('answers 503 where a mail would be sent, and the account can log in to ask again later', async () => {
    const app = await testApp(ctx.store);
    const res = await postJson(app, '/api/signup', { email: 'ann@example.org', password: PASSWORD });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'unavailable' });
    expect((await postJson(app, '/api/login', { email: 'ann@example.org', password: PASSWORD })).statusCode).toBe(200);
  });
});
