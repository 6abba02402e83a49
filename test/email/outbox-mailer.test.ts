// The outbox mailer: .eml files that parse, carry what the SMTP mailer would send byte for byte,
// sort by time, and never appear half-written, even when the writer is killed with -9.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/email/mailer.js';
import { OUTBOX_TEMP_PREFIX, OutboxMailer } from '../../src/email/outbox-mailer.js';
import { SmtpMailer } from '../../src/email/smtp-mailer.js';
import { REPO_ROOT } from '../support/paths.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const FROM = { name: 'Paperboy', address: 'paperboy@paperboy.test' };
const MAIL: OutgoingMail = {
  to: 'reader@example.org',
  subject: 'Confirm your subscription — Übersicht',
  text: 'Open https://paperboy.test/confirm/abc and press Confirm.\n.\nÜnïcödé ✓',
  html: '<p>Open <a href="https://paperboy.test/confirm/abc">this page</a> and press Confirm.</p><p>Ünïcödé ✓</p>',
  messageId: 'confirm.u42@paperboy.test',
  headers: { 'List-Unsubscribe': '<https://paperboy.test/unsubscribe/t>', 'X-Paperboy-Kind': 'confirm' },
  returnPath: 'bounces+reader=example.org@paperboy.test',
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-outbox-'));
}

function emlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
}

// Boundaries and the Date header differ between any two compositions; nothing else may.
function normalize(raw: Buffer): string {
  return raw
    .toString('latin1')
    .replace(/^Date: .*$/m, 'Date: (normalized)')
    .replace(/--_NmP-[0-9a-f]+-Part_\d+/g, '--(boundary)');
}

describe('OutboxMailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('writes a parseable .eml with the same bytes SMTP would send', async () => {
    const dir = path.join(tempDir(), 'outbox'); // created on first use
    const outbox = new OutboxMailer({ dir, from: FROM });
    const sent = await outbox.send(MAIL);
    await outbox.close();
    const files = emlFiles(dir);
    expect(files).toHaveLength(1);
    expect(sent).toEqual({ messageId: 'confirm.u42@paperboy.test', via: { file: path.join(dir, files[0] ?? '') } });
    expect(fs.statSync(path.join(dir, files[0] ?? '')).mode & 0o777).toBe(0o600);

    const raw = fs.readFileSync(path.join(dir, files[0] ?? ''));
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([FROM]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'reader@example.org' }] });
    expect(parsed.subject).toBe(MAIL.subject);
    expect(parsed.messageId).toBe('<confirm.u42@paperboy.test>');
    expect(parsed.text?.trimEnd()).toBe(MAIL.text);
    expect(parsed.html).toBe(MAIL.html);
    expect(parsed.headerLines.find((h) => h.key === 'x-paperboy-kind')?.line).toBe('X-Paperboy-Kind: confirm');

    const smtp = new SmtpMailer({ url: sink.url, from: FROM });
    await smtp.send(MAIL);
    await smtp.close();
    const received = sink.messages[0];
    expect(received?.raw.includes('\r\n')).toBe(true);
    expect(normalize(raw)).toBe(normalize(received?.raw ?? Buffer.alloc(0)));
  });

  it('names files so they sort by time, uniquely even within one millisecond', async () => {
    const dir = tempDir();
    let clock = Date.parse('2026-08-22T06:00:00.000Z');
    const outbox = new OutboxMailer({ dir, from: FROM, now: () => new Date(clock) });
    const subjects: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      if (i % 10 === 0) clock += 1000; // ten mails per instant
      subjects.push(`mail ${i}`);
      await outbox.send({ to: `r${i}@example.org`, subject: `mail ${i}`, text: 'x' });
    }
    // Lost time order between the three seconds would show here, and a name collision as a missing file.
    const files = emlFiles(dir);
    expect(files).toHaveLength(30);
    expect(files[0]).toMatch(/^20260822T060001000Z-\d{6}-[0-9a-f]{8}\.eml$/);
    const inOrder = await Promise.all(files.map(async (f) => (await simpleParser(fs.readFileSync(path.join(dir, f)))).subject));
    expect(inOrder).toEqual(subjects);
    // 200 concurrent sends at one frozen instant: all distinct files.
    await Promise.all(Array.from({ length: 200 }, (_, i) => outbox.send({ to: `c${i}@example.org`, subject: 'c', text: 'x' })));
    expect(emlFiles(dir)).toHaveLength(230);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(OUTBOX_TEMP_PREFIX))).toEqual([]);
    await outbox.close();
  });

  it('never leaves a partial .eml, even when the writer is killed with -9', async () => {
    const dir = tempDir();
    // Three writers in turn, each killed at a moment unrelated to its writes (a few mails in, plus a
    // random delay): a writer that wrote in place would leave a cut-off .eml with high probability.
    for (let round = 1; round <= 3; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/email/outbox-writer.child.ts'), dir], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const deadline = Date.now() + 60_000;
      while (emlFiles(dir).length < 3 * round) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`writer stopped early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await exited;
    }

    const files = emlFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, f)));
      expect(parsed.text?.trimEnd().endsWith('END'), f).toBe(true);
      expect(typeof parsed.html === 'string' && parsed.html.endsWith('<p id="end">END</p></body></html>'), f).toBe(true);
    }
    // Whatever was in progress is left under a temporary name, never as a .eml.
    for (const f of fs.readdirSync(dir)) expect(f.endsWith('.eml') || f.startsWith(OUTBOX_TEMP_PREFIX), f).toBe(true);
  });
});
