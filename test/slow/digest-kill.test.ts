// A digest run killed with SIGKILL part-way, then run again: every subscriber gets the digest, and
// the only repeats are mails that were in flight at the kill, each with the same Message-ID both
// times. The run is the real `paperboy digest send` in a child process, sending through a real
// SMTP server on loopback (in this process) at a throttled rate so the kill lands mid-run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DIGEST_SEND_CONCURRENCY } from '../../src/commands/send-digests.js';
import { openMigratedStore } from '../../src/store/db.js';
import { sendLog } from '../../src/store/digest-sends.js';
import { digestCatalog } from '../support/digest.js';
import { CLI } from '../support/paths.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { activeSubscriber } from '../support/subscribers.js';

const SUBSCRIBERS = 300;
/** Throttle of the child's SMTP pool (mails/s): the run takes ~6 s, the kill comes after ~1/3 of it. */
const RATE = 50;
const KILL_AFTER = 100;

it('survives kill -9 mid-run: a second run misses nobody, and repeats share their Message-ID', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-digest-kill-'));
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  await digestCatalog(store);
  const emails: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const email = `reader${i}@example.org`;
    emails.push(email);
    await activeSubscriber(store.db, email, i % 3 === 0 ? { categories: ['cs'] } : {});
  }
  await store.close();

  const sink = await startSmtpSink();
  const env = {
    PATH: process.env.PATH ?? '',
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_BASE_URL: 'https://paperboy.example.org',
    PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.example.org>',
    PAPERBOY_SMTP_URL: sink.url,
    PAPERBOY_SMTP_MAX_PER_SECOND: String(RATE),
  };
  const args = [CLI, 'digest', 'send', '--period', 'daily', '--date', '2026-08-21'];
  const start = () => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, stdout })),
    );
    return { child, done };
  };

  const first = start();
  await sink.waitFor(KILL_AFTER, 60_000);
  first.child.kill('SIGKILL');
  const killed = await first.done;
  expect(killed.signal).toBe('SIGKILL');
  expect(sink.count).toBeLessThan(SUBSCRIBERS);

  const second = await start().done;
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/^daily:2026-08-21: \d+ sent, 0 nothing new \(no mail\), \d+ already done$/m);

  // Everyone got it; anyone who got it twice got the same Message-ID twice.
  const ids = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const m of sink.messages) {
    const to = m.envelope.to[0] ?? '';
    counts.set(to, (counts.get(to) ?? 0) + 1);
    ids.set(to, (ids.get(to) ?? new Set()).add(m.parsed.messageId ?? ''));
  }
  expect(emails.filter((e) => !counts.has(e))).toEqual([]);
  for (const [to, set] of ids) expect([to, set.size]).toEqual([to, 1]);
  const repeats = [...counts.values()].reduce((n, c) => n + c - 1, 0);
  // Only mails in flight at the kill can repeat: at most the run's concurrency.
  expect(repeats).toBeLessThanOrEqual(DIGEST_SEND_CONCURRENCY);
  expect(sink.count).toBe(SUBSCRIBERS + repeats);

  const check = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  const log = await sendLog(check.db, 'daily:2026-08-21');
  expect(log).toHaveLength(SUBSCRIBERS);
  expect(log.every((r) => r.status === 'sent')).toBe(true);
  await check.close();
  await sink.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 180_000);
