// DKIM signing (PAPERBOY_DKIM_*): what the relay receives, and what lands in the outbox, verifies
// against the published public key, checked offline with mailauth and a stub DNS resolver.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMailer } from '../../src/email/outbox-mailer.js';
import { SmtpMailer } from '../../src/email/smtp-mailer.js';
import type { DkimKey } from '../../src/email/nodemailer-message.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const FROM = { name: 'Paperboy', address: 'paperboy@paperboy.test' };
const MAIL = {
  to: 'reader@example.org',
  subject: 'Your weekly papers — 2026-W34',
  text: 'Top papers of the week.\n.\nÜnïcödé ✓',
  html: '<h1>Top papers of the week</h1><p>Ünïcödé ✓</p>',
  headers: { 'List-Unsubscribe': '<https://paperboy.test/u/t>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  returnPath: 'bounces+reader=example.org@paperboy.test',
};

const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY: DkimKey = { domain: 'paperboy.test', selector: 'pb2026', privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
const PUBLIC_B64 = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

// Stands in for DNS: only pb2026._domainkey.paperboy.test exists.
async function resolver(name: string, rrtype: string): Promise<string[][]> {
  if (rrtype === 'TXT' && name === 'pb2026._domainkey.paperboy.test') return [[`v=DKIM1; k=rsa; p=${PUBLIC_B64}`]];
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
}

async function dkimResult(raw: Buffer): Promise<{ result: string; domain: string | undefined }> {
  const verified = await dkimVerify(raw, { resolver });
  const first = verified.results[0];
  return { result: first?.status.result ?? 'none', domain: first?.signingDomain };
}

describe('DKIM signing', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('signs mail sent over SMTP so that it verifies, and a changed byte fails', async () => {
    const mailer = new SmtpMailer({ url: sink.url, from: FROM, dkim: KEY });
    await mailer.send(MAIL);
    await mailer.close();
    const raw = sink.messages[0]?.raw ?? Buffer.alloc(0);
    expect(raw.toString('latin1')).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=paperboy\.test;/m);
    expect(await dkimResult(raw)).toEqual({ result: 'pass', domain: 'paperboy.test' });

    // A changed body (mailauth says "neutral": body hash mismatch) or a changed signed header fails.
    const body = Buffer.from(raw.toString('latin1').replace('Top papers of the week.', 'Top papers of the weak.'), 'latin1');
    expect((await dkimResult(body)).result).not.toBe('pass');
    const to = Buffer.from(raw.toString('latin1').replace('\r\nTo: reader@example.org\r\n', '\r\nTo: other@example.org\r\n'), 'latin1');
    expect(to.equals(raw)).toBe(false);
    expect((await dkimResult(to)).result).toBe('fail');
  });

  it('signs the outbox files the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-dkim-'));
    const outbox = new OutboxMailer({ dir, from: FROM, dkim: KEY });
    const sent = await outbox.send(MAIL);
    await outbox.close();
    if (sent.via === 'smtp') throw new Error('expected a file');
    expect(await dkimResult(fs.readFileSync(sent.via.file))).toEqual({ result: 'pass', domain: 'paperboy.test' });
  });

  it('does not sign when no key is configured', async () => {
    sink.clear();
    const mailer = new SmtpMailer({ url: sink.url, from: FROM });
    await mailer.send(MAIL);
    await mailer.close();
    expect(sink.messages[0]?.raw.toString('latin1')).not.toMatch(/^DKIM-Signature:/m);
  });
});
