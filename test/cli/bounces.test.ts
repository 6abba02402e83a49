// `paperboy bounces ingest <file.eml>…` in a child process (the compiled build: `npm test` builds
// first): exit codes per HOUSE-STYLE (0 counted, 2 bad usage, 3 some input skipped) and the counts
// in the database, once per report however often a file is ingested.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openMigratedStore } from '../../src/store/db.js';
import { subscriptionById } from '../../src/store/subscriptions.js';
import { CLI } from '../support/paths.js';
import { BOUNCE_FIXTURES, addFixtureSubscribers } from '../support/subscriptions.js';

function run(args: string[], dir: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_DATA_DIR: dir, PAPERBOY_BUNDLE: 'off', PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.test>' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (name: string) => path.join(BOUNCE_FIXTURES, name);

it('paperboy bounces ingest: 2 bad usage, 0 counted (once), 3 with skipped input', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-cli-bounces-'));
  const target = { kind: 'sqlite' as const, file: path.join(dir, 'paperboy.sqlite') };
  const setup = await openMigratedStore(target);
  await addFixtureSubscribers(setup);
  await setup.close();

  expect(run(['bounces'], dir).code).toBe(2);
  expect(run(['bounces', 'ingest'], dir).code).toBe(2);
  const missing = run(['bounces', 'ingest', path.join(dir, 'missing.eml')], dir);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/cannot read .*missing\.eml: ENOENT/);

  const hard = run(['bounces', 'ingest', fixture('hard-5.1.1-postfix.eml'), fixture('soft-4.2.2-delayed.eml')], dir);
  expect(hard.code, hard.stderr).toBe(0);
  expect(hard.stdout).toMatch(/hard-5\.1\.1-postfix\.eml: hard 5\.1\.1 ann@example\.org -> subscription 1: counted\n/);
  expect(hard.stdout).toMatch(/soft-4\.2\.2-delayed\.eml: soft 4\.2\.2 bob@example\.com -> subscription 2: counted\n/);
  const again = run(['bounces', 'ingest', fixture('hard-5.1.1-postfix.eml')], dir);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/-> subscription 1: duplicate\n/);

  const mixed = run(['bounces', 'ingest', fixture('out-of-office.eml'), fixture('forged-no-proof.eml'), fixture('hard-5.1.1-postfix-next-day.eml')], dir);
  expect(mixed.code).toBe(3);
  expect(mixed.stderr).toMatch(/out-of-office\.eml: skipped: not a delivery status report/);
  expect(mixed.stderr).toMatch(/forged-no-proof\.eml: hard 5\.1\.1 ann@example\.org: unproven: skipped/);
  expect(mixed.stdout).toMatch(/-> subscription 1: counted \(suspended\)\n/);

  const store = await openMigratedStore(target);
  try {
    expect(await subscriptionById(store.db, 1)).toMatchObject({ hardBounces: 2, status: 'suspended' });
    expect(await subscriptionById(store.db, 2)).toMatchObject({ softBounces: 1, status: 'active' });
  } finally {
    await store.close();
  }
});
