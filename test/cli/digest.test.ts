// `paperboy digest send|preview` as a child process (the compiled build): exit codes per
// HOUSE-STYLE (0 done, 1 failed, 2 bad usage, 3 done with skips), results on stdout, reports on
// stderr; without an SMTP relay the digests land in the outbox folder as .eml files.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedStore } from '../../src/store/db.js';
import { digestCatalog } from '../support/digest.js';
import { CLI } from '../support/paths.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { activeSubscriber } from '../support/subscribers.js';

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Asynchronous: the SMTP sink of some cases runs in this process and must keep answering.
function run(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BASE_URL: 'https://paperboy.example.org', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('paperboy digest', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-digest-cli-'));
    env = { PAPERBOY_DATA_DIR: dataDir };
    const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
    await digestCatalog(store);
    await activeSubscriber(store.db, 'ann@example.org');
    await activeSubscriber(store.db, 'math@example.org', { categories: ['math'] });
    await activeSubscriber(store.db, 'weekly@example.org', { frequency: 'weekly' });
    await store.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits 2 on bad usage, naming the problem', async () => {
    for (const [args, says] of [
      [['digest'], /unknown digest command/],
      [['digest', 'mail'], /unknown digest command/],
      [['digest', 'send'], /--period/],
      [['digest', 'send', '--period', 'monthly'], /--period: must be daily or weekly/],
      [['digest', 'send', '--period', 'daily', '--date', '2026-02-30'], /--date/],
      [['digest', 'send', '--period', 'daily', '--to', 'nobody'], /--to: must be an e-mail address/],
      [['digest', 'send', '--period', 'daily', '--bogus'], /bogus/],
      [['digest', 'preview', '--format', 'pdf'], /--format/],
    ] as const) {
      const r = await run([...args], env);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(says);
    }
  });

  it('previews the digest, falling back to the latest papers when nothing is new', async () => {
    const text = await run(['digest', 'preview', '--period', 'daily'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Subject: Paperboy daily digest: 10 papers, /);
    expect(text.stdout).toMatch(/this preview shows the latest\s+papers instead \(Friday, 21 Aug 2026\)/);
    expect(text.stderr).toMatch(/nothing new in daily:\d{4}-\d{2}-\d{2}; showing daily:2026-08-21 instead/);
    const html = await run(['digest', 'preview', '--period', 'weekly', '--date', '2026-08-21', '--format', 'html'], env);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('week 34 of 2026');
  });

  it('sends to the outbox without a relay, once; a dry run sends nothing; an unknown --to fails', async () => {
    const outbox = path.join(dataDir, 'outbox');
    const dry = await run(['digest', 'send', '--period', 'daily', '--date', '2026-08-21', '--dry-run', '--to', 'ann@example.org'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^To: ann@example\.org\nSubject: Paperboy daily digest: 10 papers, Friday, 21 Aug 2026\n/);
    expect(dry.stdout).toContain('daily:2026-08-21: 1 would be sent, 0 nothing new (no mail), 0 already done (dry run)');
    expect(fs.existsSync(outbox)).toBe(false);

    const first = await run(['digest', 'send', '--period', 'daily', '--date', '2026-08-21'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('daily:2026-08-21: 1 sent, 1 nothing new (no mail), 0 already done\n');
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = fs.readFileSync(path.join(outbox, files[0] ?? ''), 'utf8');
    expect(eml).toMatch(/^To: ann@example\.org\r$/m);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);

    const again = await run(['digest', 'send', '--period', 'daily', '--date', '2026-08-21'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('daily:2026-08-21: 0 sent, 0 nothing new (no mail), 2 already done\n');
    expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);

    const nobody = await run(['digest', 'send', '--period', 'daily', '--to', 'nobody@example.org'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no active daily subscription has the address nobody@example.org');
  });

  describe('through SMTP', () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
    });
    afterAll(async () => sink.close());

    it('exits 3 when a recipient was refused, and says who and why', async () => {
      sink.rejectRecipient('weekly@example.org', 550);
      const r = await run(['digest', 'send', '--period', 'weekly', '--date', '2026-08-21'], { ...env, PAPERBOY_SMTP_URL: sink.url });
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('weekly:2026-W34: 0 sent, 0 nothing new (no mail), 0 already done, 1 bounced\n');
      expect(r.stderr).toMatch(/skipped weekly@example\.org \(weekly:2026-W34\): bounced: 550/);
      expect(sink.rejected).toEqual([{ address: 'weekly@example.org', code: 550 }]);
    });
  });
});
