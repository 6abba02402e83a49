// The SMTP mailer against a real SMTP server on loopback: what arrives (headers, both MIME parts,
// the envelope), how refusals at RCPT surface, pooling, the rate limit and TLS.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailServerError, PermanentRecipientError, TransientRecipientError } from '../../src/email/delivery-errors.js';
import type { OutgoingMail } from '../../src/email/mailer.js';
import { MAX_CONNECTIONS, SmtpMailer, smtpConnectionOptions } from '../../src/email/smtp-mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';

const FROM = { name: 'Paperboy Digest', address: 'paperboy@paperboy.test' };

// Text and HTML that stress the encoder: non-ASCII, a line starting with a dot (SMTP dot-stuffing),
// a line longer than SMTP's 998-octet limit, and trailing spaces.
const LONG = 'x'.repeat(1200);
const TEXT = `Top papers for 2026-08-22 — Übersicht\n.\n.leading dot\n${LONG}\ntrailing space   \nend ✓`;
const HTML = `<!doctype html><html><head><style>@media (prefers-color-scheme: dark){body{color:#eee}}</style></head><body><h1>Top papers — 2026-08-22</h1><p>${LONG}</p><p>Ünïcödé ✓</p></body></html>`;

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return { to: 'reader@example.org', subject: 'Your daily papers — Übersicht', text: TEXT, html: HTML, ...overrides };
}

function headerLine(m: ReceivedMail, name: string): string | undefined {
  return m.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
}

describe('SmtpMailer against a loopback SMTP server', () => {
  let sink: SmtpSink;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = new SmtpMailer({ url: sink.url, from: FROM, maxMailsPerSecond: 10_000 });
  });
  afterEach(() => sink.clear());
  afterAll(async () => {
    await mailer.close();
    await sink.close();
  });

  it('delivers From, To, Subject, a stable Message-ID and custom headers', async () => {
    const messageId = 'daily.2026-08-22.u42@paperboy.test';
    const headers = {
      'List-Unsubscribe': '<https://paperboy.test/unsubscribe/opaque-token>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Paperboy-Period': 'daily:2026-08-22',
    };
    const first = await mailer.send(mail({ messageId, headers }));
    const again = await mailer.send(mail({ messageId, headers }));
    expect(first).toEqual({ messageId, via: 'smtp' });
    expect(again.messageId).toBe(messageId);

    expect(sink.messages).toHaveLength(2);
    for (const m of sink.messages) {
      expect(m.parsed.from?.value).toEqual([{ name: 'Paperboy Digest', address: 'paperboy@paperboy.test' }]);
      expect(m.parsed.to).toMatchObject({ value: [{ address: 'reader@example.org' }] });
      expect(m.parsed.subject).toBe('Your daily papers — Übersicht');
      expect(m.parsed.messageId).toBe(`<${messageId}>`);
      expect(headerLine(m, 'List-Unsubscribe')).toBe('List-Unsubscribe: <https://paperboy.test/unsubscribe/opaque-token>');
      expect(headerLine(m, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(headerLine(m, 'X-Paperboy-Period')).toBe('X-Paperboy-Period: daily:2026-08-22');
    }
  });

  it('generates a Message-ID when none is given and reports it', async () => {
    const sent = await mailer.send(mail());
    expect(sent.messageId).toMatch(/^[^<>\s]+@paperboy\.test$/);
    expect(sink.messages[0]?.parsed.messageId).toBe(`<${sent.messageId}>`);
  });

  it('delivers the text and the HTML part intact, as multipart/alternative', async () => {
    await mailer.send(mail());
    const m = sink.messages[0];
    expect(m?.raw.toString('latin1')).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(m?.parsed.text?.replace(/\n$/, '')).toBe(TEXT);
    expect(m?.parsed.html).toBe(HTML);
    // Every line on the wire within RFC 5322's 998 octets.
    expect(Math.max(...(m?.raw.toString('latin1').split('\r\n') ?? []).map((l) => l.length))).toBeLessThanOrEqual(998);
  });

  it('sends a text-only mail as a single text/plain part', async () => {
    await mailer.send({ to: 'reader@example.org', subject: 'Verify your address', text: 'Open the link.' });
    const m = sink.messages[0];
    expect(m?.parsed.html).toBe(false);
    expect(m?.parsed.text?.trimEnd()).toBe('Open the link.');
    expect(m?.raw.toString('latin1')).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
  });

  it('uses the return path as MAIL FROM, the from-address otherwise', async () => {
    await mailer.send(mail({ returnPath: 'bounces+reader=example.org@paperboy.test' }));
    await mailer.send(mail());
    expect(sink.envelopes).toEqual([
      { from: 'bounces+reader=example.org@paperboy.test', to: ['reader@example.org'] },
      { from: 'paperboy@paperboy.test', to: ['reader@example.org'] },
    ]);
    expect(sink.messages[0]?.parsed.from?.value[0]?.address).toBe('paperboy@paperboy.test');
  });

  it('turns 550 at RCPT into a hard bounce and 451 into a soft one, and keeps sending', async () => {
    sink.rejectRecipient('gone@example.org', 550);
    sink.rejectRecipient('full@example.org', 451, '4.2.2 Mailbox full');
    try {
      const hard = await mailer.send(mail({ to: 'gone@example.org' })).catch((e: unknown) => e);
      expect(hard).toBeInstanceOf(PermanentRecipientError);
      expect(hard).toMatchObject({ bounce: 'hard', responseCode: 550, command: 'RCPT TO', recipient: 'gone@example.org' });
      expect((hard as PermanentRecipientError).response).toMatch(/^550 5\.1\.1/);

      const soft = await mailer.send(mail({ to: 'full@example.org' })).catch((e: unknown) => e);
      expect(soft).toBeInstanceOf(TransientRecipientError);
      expect(soft).toMatchObject({ bounce: 'soft', responseCode: 451, recipient: 'full@example.org' });
      expect((soft as TransientRecipientError).response).toBe('451 4.2.2 Mailbox full');

      await mailer.send(mail());
      expect(sink.envelopes).toEqual([{ from: 'paperboy@paperboy.test', to: ['reader@example.org'] }]);
      expect(sink.rejected).toEqual([
        { address: 'gone@example.org', code: 550 },
        { address: 'full@example.org', code: 451 },
      ]);
    } finally {
      sink.acceptRecipient('gone@example.org');
      sink.acceptRecipient('full@example.org');
    }
  });

  it('cannot be talked into extra recipients or headers', async () => {
    await expect(mailer.send(mail({ to: 'reader@example.org, other@example.org' }))).rejects.toThrow(TypeError);
    await expect(mailer.send(mail({ to: 'Group: a@example.org, b@example.org;' }))).rejects.toThrow(TypeError);
    await expect(mailer.send(mail({ messageId: '<x@y> extra' }))).rejects.toThrow(TypeError);
    await mailer.send(mail({ subject: 'Hi\r\nBcc: other@example.org', headers: { 'X-Note': 'a\r\nBcc: other@example.org' } }));
    const m = sink.messages[0];
    expect(sink.envelopes[0]?.to).toEqual(['reader@example.org']);
    expect(m?.parsed.headerLines.filter((h) => h.key === 'bcc')).toEqual([]);
    expect(m?.parsed.bcc).toBeUndefined();
  });

  it('sends 200 mails through the pool: all arrive, over few connections', async () => {
    const n = 200;
    const sent = await Promise.all(Array.from({ length: n }, (_, i) => mailer.send(mail({ to: `reader${i}@example.org`, messageId: `m${i}@paperboy.test` }))));
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(n);
    await sink.waitFor(n);
    expect(new Set(sink.envelopes.map((e) => e.to[0])).size).toBe(n);
    expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(n);
    expect(sink.connections.maxOpen).toBeLessThanOrEqual(MAX_CONNECTIONS);
    // Connections are reused: 100 mails each at most, so a handful rather than one per mail.
    expect(sink.connections.total).toBeLessThan(20);
  });

  it('close() lets a mail in flight finish', async () => {
    const own = await startSmtpSink();
    const m = new SmtpMailer({ url: own.url, from: FROM });
    const sending = m.send(mail());
    await m.close();
    await expect(sending).resolves.toMatchObject({ via: 'smtp' });
    expect(own.count).toBe(1);
    await expect(m.send(mail())).rejects.toThrow(/closed/);
    await own.close();
  });
});

describe('SmtpMailer rate limit', () => {
  it('holds to the configured mails per second across the pool', async () => {
    const sink = await startSmtpSink({ parse: false });
    const mailer = new SmtpMailer({ url: sink.url, from: FROM, maxMailsPerSecond: 10 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => mailer.send(mail({ to: `r${i}@example.org` }))));
    const elapsedMs = performance.now() - started;
    await mailer.close();
    await sink.close();
    // 10 in the first second, 10 in the second, 5 in the third: at least two full windows.
    expect(elapsedMs).toBeGreaterThanOrEqual(1900);
    expect(sink.count).toBe(25);
  });
});

describe('SmtpMailer connection, TLS and login', () => {
  it('upgrades smtp:// with STARTTLS when offered and logs in with the URL credentials', async () => {
    const sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'paperboy', pass: 'p@ss:w/rd' } });
    const url = `smtp://paperboy:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${sink.port}`;
    const mailer = new SmtpMailer({ url, from: FROM, ca: sink.ca ?? '' });
    try {
      await mailer.verify();
      await mailer.send(mail());
      expect(sink.messages[0]).toMatchObject({ secure: true, user: 'paperboy' });
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('speaks TLS from the first byte with smtps://', async () => {
    const sink = await startSmtpSink({ tls: 'implicit' });
    const mailer = new SmtpMailer({ url: sink.url, from: FROM, ca: sink.ca ?? '' });
    try {
      await mailer.send(mail());
      expect(sink.messages[0]?.secure).toBe(true);
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('checks the server certificate', async () => {
    const sink = await startSmtpSink({ tls: 'implicit' });
    const mailer = new SmtpMailer({ url: sink.url, from: FROM });
    try {
      const err = await mailer.send(mail()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailServerError);
      expect(sink.count).toBe(0);
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('reports a refused login as a permanent server error, not a bounce', async () => {
    const sink = await startSmtpSink({ auth: { user: 'paperboy', pass: 'right' } });
    const mailer = new SmtpMailer({ url: `smtp://paperboy:wrong@127.0.0.1:${sink.port}`, from: FROM });
    try {
      const err = await mailer.send(mail()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailServerError);
      expect(err).toMatchObject({ responseCode: 535, transient: false });
      expect(String((err as Error).message)).not.toContain('wrong');
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('reports an unreachable server as a transient server error', async () => {
    const sink = await startSmtpSink();
    const url = sink.url;
    await sink.close();
    const mailer = new SmtpMailer({ url, from: FROM });
    const err = await mailer.send(mail()).catch((e: unknown) => e);
    await mailer.close();
    expect(err).toBeInstanceOf(MailServerError);
    expect(err).toMatchObject({ responseCode: null, transient: true });
  });

  it('reads host, port, TLS mode and credentials from the URL', () => {
    expect(smtpConnectionOptions('smtp://relay.example.org')).toEqual({ host: 'relay.example.org', port: 587, secure: false, requireTLS: false });
    expect(smtpConnectionOptions('smtps://relay.example.org')).toMatchObject({ port: 465, secure: true, requireTLS: false });
    expect(smtpConnectionOptions('smtp://u%40x:p%3Aw@relay.example.org:2525')).toEqual({
      host: 'relay.example.org',
      port: 2525,
      secure: false,
      // A password never crosses a network in clear: STARTTLS becomes mandatory.
      requireTLS: true,
      auth: { user: 'u@x', pass: 'p:w' },
    });
    expect(smtpConnectionOptions('smtp://u:p@127.0.0.1:25').requireTLS).toBe(false);
    expect(smtpConnectionOptions('smtp://u:p@[::1]:25')).toMatchObject({ host: '::1', requireTLS: false });
    expect(smtpConnectionOptions('smtp://u:p@localhost').requireTLS).toBe(false);
    expect(() => smtpConnectionOptions('http://relay.example.org')).toThrow(/smtp:\/\//);
  });
});
