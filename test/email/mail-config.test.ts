// The mail settings of the config (PAPERBOY_SMTP_URL, PAPERBOY_MAIL_FROM, PAPERBOY_DKIM_*) and the
// factory that turns them into a mailer: SMTP when a URL is set, the outbox otherwise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { mailerFromConfig } from '../../src/email/mailer-from-config.js';
import { OutboxMailer } from '../../src/email/outbox-mailer.js';
import { SmtpMailer } from '../../src/email/smtp-mailer.js';
import { startSmtpSink } from '../support/smtp-sink.js';

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('mail configuration', () => {
  it('defaults to the outbox in the data dir and a local From', () => {
    const config = parseConfig({ PAPERBOY_DATA_DIR: '/srv/pb' });
    expect(config.mail).toEqual({
      from: { name: 'Paperboy', address: 'paperboy@localhost' },
      smtp: null,
      outboxDir: path.join('/srv/pb', 'outbox'),
      dkim: null,
      // Bounces come back to the From domain; the inbound role listens on loopback only.
      bounce: { address: 'bounces@localhost', host: '127.0.0.1', port: 2525 },
    });
    expect(Object.isFrozen(config.mail)).toBe(true);
    expect(Object.isFrozen(config.mail.bounce)).toBe(true);
    expect(Object.isFrozen(config.mail.from)).toBe(true);
  });

  it('reads a From with or without a name and refuses what is not an address', () => {
    expect(parseConfig({ PAPERBOY_MAIL_FROM: 'Paperboy Digest <digest@papers.example.org>' }).mail.from).toEqual({ name: 'Paperboy Digest', address: 'digest@papers.example.org' });
    expect(parseConfig({ PAPERBOY_MAIL_FROM: '"Papers, daily" <d@example.org>' }).mail.from).toEqual({ name: 'Papers, daily', address: 'd@example.org' });
    expect(parseConfig({ PAPERBOY_MAIL_FROM: 'digest@example.org' }).mail.from).toEqual({ name: '', address: 'digest@example.org' });
    for (const bad of ['Paperboy', 'a@b@c', 'x <not an address>', 'a@example.org, b@example.org', '<a@example.org>\r\nBcc: b@example.org']) {
      expect(problems({ PAPERBOY_MAIL_FROM: bad }), bad).toContain('PAPERBOY_MAIL_FROM');
    }
  });

  it('takes an smtp:// or smtps:// URL and never shows its password', () => {
    const config = parseConfig({ PAPERBOY_SMTP_URL: 'smtps://paperboy:s3cret%2Fpw@mail.example.org:465', PAPERBOY_SMTP_MAX_PER_SECOND: '14' });
    expect(config.mail.smtp?.url).toBe('smtps://paperboy:s3cret%2Fpw@mail.example.org:465');
    expect(config.mail.smtp?.safeUrl).toBe('smtps://paperboy:***@mail.example.org:465');
    expect(config.mail.smtp?.maxMailsPerSecond).toBe(14);
    expect(JSON.stringify(config)).not.toContain('s3cret');
    expect(util.inspect(config, { depth: 10 })).not.toContain('s3cret');
    expect(Object.isFrozen(config.mail.smtp)).toBe(true);
    expect(parseConfig({}).mail.smtp).toBeNull();
    expect(parseConfig({ PAPERBOY_SMTP_URL: 'smtp://127.0.0.1:2525' }).mail.smtp?.maxMailsPerSecond).toBe(50);
  });

  it('refuses other schemes, paths and queries without echoing the URL', () => {
    for (const bad of ['http://u:s3cret@mail.example.org', 'smtp://u:s3cret@mail.example.org/x', 'smtp://u:s3cret@mail.example.org?pool=false', 'not a url s3cret']) {
      const listed = problems({ PAPERBOY_SMTP_URL: bad });
      expect(listed, bad).toContain('PAPERBOY_SMTP_URL');
      expect(listed, bad).not.toContain('s3cret');
    }
    expect(problems({ PAPERBOY_SMTP_MAX_PER_SECOND: '0' })).toContain('PAPERBOY_SMTP_MAX_PER_SECOND');
  });

  it('signs with DKIM when a key and a selector are given, by default for the From domain', () => {
    const dkim = parseConfig({ PAPERBOY_MAIL_FROM: 'Paperboy <digest@papers.example.org>', PAPERBOY_DKIM_KEY_FILE: 'keys/dkim.pem', PAPERBOY_DKIM_SELECTOR: 'pb2026' }).mail.dkim;
    expect(dkim).toEqual({ keyFile: path.resolve('keys/dkim.pem'), selector: 'pb2026', domain: 'papers.example.org' });
    expect(parseConfig({ PAPERBOY_DKIM_KEY_FILE: 'k.pem', PAPERBOY_DKIM_SELECTOR: 's', PAPERBOY_DKIM_DOMAIN: 'example.org' }).mail.dkim?.domain).toBe('example.org');
    expect(problems({ PAPERBOY_DKIM_KEY_FILE: 'k.pem' })).toContain('PAPERBOY_DKIM_SELECTOR');
    expect(problems({ PAPERBOY_DKIM_KEY_FILE: 'k.pem', PAPERBOY_DKIM_SELECTOR: 'bad selector' })).toContain('PAPERBOY_DKIM_SELECTOR');
  });
});

describe('mailerFromConfig', () => {
  it('writes to <data dir>/outbox when no SMTP URL is set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-mail-'));
    const mailer = mailerFromConfig(parseConfig({ PAPERBOY_DATA_DIR: dataDir }));
    expect(mailer).toBeInstanceOf(OutboxMailer);
    const sent = await mailer.send({ to: 'reader@example.org', subject: 'Hello', text: 'Hi' });
    await mailer.close();
    expect(sent.via).toEqual({ file: expect.stringMatching(new RegExp(`^${path.join(dataDir, 'outbox')}/[^/]+\\.eml$`)) as unknown });
  });

  it('sends over SMTP with the configured From when a URL is set', async () => {
    const sink = await startSmtpSink();
    const mailer = mailerFromConfig(parseConfig({ PAPERBOY_SMTP_URL: sink.url, PAPERBOY_MAIL_FROM: 'Paperboy <digest@papers.example.org>' }));
    try {
      expect(mailer).toBeInstanceOf(SmtpMailer);
      expect(await mailer.send({ to: 'reader@example.org', subject: 'Hello', text: 'Hi' })).toMatchObject({ via: 'smtp' });
      expect(sink.messages[0]?.parsed.from?.value).toEqual([{ name: 'Paperboy', address: 'digest@papers.example.org' }]);
      expect(sink.envelopes[0]?.from).toBe('digest@papers.example.org');
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('reports a DKIM key it cannot read or parse as a configuration error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-dkim-'));
    const garbage = path.join(dir, 'garbage.pem');
    fs.writeFileSync(garbage, 'not a key');
    const ed25519 = path.join(dir, 'ed25519.pem');
    fs.writeFileSync(ed25519, crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const good = path.join(dir, 'dkim.pem');
    fs.writeFileSync(good, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const env = { PAPERBOY_DATA_DIR: dir, PAPERBOY_DKIM_SELECTOR: 'pb' };
    expect(() => mailerFromConfig(parseConfig({ ...env, PAPERBOY_DKIM_KEY_FILE: path.join(dir, 'missing.pem') }))).toThrow(/PAPERBOY_DKIM_KEY_FILE.*ENOENT/);
    expect(() => mailerFromConfig(parseConfig({ ...env, PAPERBOY_DKIM_KEY_FILE: garbage }))).toThrow(ConfigError);
    // nodemailer signs rsa-sha256 only.
    expect(() => mailerFromConfig(parseConfig({ ...env, PAPERBOY_DKIM_KEY_FILE: ed25519 }))).toThrow(/RSA key/);
    expect(mailerFromConfig(parseConfig({ ...env, PAPERBOY_DKIM_KEY_FILE: good }))).toBeInstanceOf(OutboxMailer);
  });
});
