// `paperboy serve --roles=bounces` as a real child process (the compiled build: `npm test` builds
// first): a DSN sent over loopback with nodemailer to the VERP return path is counted against its
// subscription in the database; a recipient outside the bounce domain is refused; SIGTERM stops it
// with exit 0.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { openMigratedStore } from '../../src/store/db.js';
import { subscriptionById } from '../../src/store/subscriptions.js';
import { CLI } from '../support/paths.js';
import { freePort } from '../support/postgres-cluster.js';
import { BOUNCE_FIXTURES, addFixtureSubscribers } from '../support/subscriptions.js';

/** Resolves once `pattern` appears in the text `read` returns; rejects after `ms`. */
async function waitFor(read: () => string, pattern: RegExp, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`no ${String(pattern)} within ${ms} ms in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('serve --roles=bounces counts a DSN delivered over SMTP and refuses other domains', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-bounces-role-'));
  const target = { kind: 'sqlite' as const, file: path.join(dir, 'paperboy.sqlite') };
  const setup = await openMigratedStore(target);
  await addFixtureSubscribers(setup);
  await setup.close();

  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--roles=bounces'], {
    env: {
      PATH: process.env.PATH ?? '', PAPERBOY_DATA_DIR: dir, PAPERBOY_BUNDLE: 'off', PAPERBOY_LOG_LEVEL: 'silent',
      PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.test>', PAPERBOY_BOUNCE_SMTP_PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor(() => stderr, /bounce intake listening on 127\.0\.0\.1:\d+ for paperboy\.test/);
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, logger: false });
    const raw = fs.readFileSync(path.join(BOUNCE_FIXTURES, 'hard-5.1.1-postfix.eml'));
    await t.sendMail({ envelope: { from: '', to: ['bounces+s1-78bef0a12f@paperboy.test'] }, raw });
    await expect(t.sendMail({ envelope: { from: '', to: ['postmaster@example.org'] }, raw })).rejects.toMatchObject({ responseCode: 550 });
    t.close();
    await waitFor(() => stderr, /bounce report 20261130070009\.4Zk1Qx2Lm3z9sT@mx\.example\.org: 1 bounce\(s\) counted/);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  const store = await openMigratedStore(target);
  try {
    expect(await subscriptionById(store.db, 1)).toMatchObject({ hardBounces: 1, status: 'active' });
  } finally {
    await store.close();
  }
});
