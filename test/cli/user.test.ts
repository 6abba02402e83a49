// `paperboy user grant-moderator <email>` in a child process (the compiled build: `npm test`
// builds first): exit codes per HOUSE-STYLE and the audit-log row.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { emailKey } from '../../src/domain/account.js';
import { openMigratedStore } from '../../src/store/db.js';
import { insertAccount } from '../../src/store/users.js';
import { CLI } from '../support/paths.js';

function run(args: string[], dir: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_DATA_DIR: dir, PAPERBOY_BUNDLE: 'off' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('paperboy user grant-moderator: 2 bad usage, 1 no such account, 0 granted or already', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-cli-user-'));
  expect(run(['user'], dir).code).toBe(2);
  expect(run(['user', 'grant-moderator'], dir).code).toBe(2);
  expect(run(['user', 'grant-moderator', 'not-an-address'], dir).code).toBe(2);
  expect(run(['user', 'frobnicate', 'a@example.org'], dir).code).toBe(2);
  const missing = run(['user', 'grant-moderator', 'ann@example.org'], dir);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/no account has the address ann@example.org/);

  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dir, 'paperboy.sqlite') });
  try {
    await insertAccount(store.db, { email: 'ann@example.org', emailKey: emailKey('ann@example.org'), displayName: 'ann', passwordHash: '$argon2id$x', now: '2026-11-30T10:00:00Z' });
    const granted = run(['user', 'grant-moderator', 'ANN@example.org'], dir);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toMatch(/is now a moderator/);
    // Moderating needs two-factor authentication: the output says so until the account has it.
    expect(granted.stdout).toMatch(/must enrol in two-factor authentication \(http:\/\/localhost:3000\/account\/two-factor\)/);
    const again = run(['user', 'grant-moderator', 'ann@example.org'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already moderates/);
    expect(again.stdout).toMatch(/must enrol/);
    const ann = await store.db.selectFrom('users').select('id').where('email_key', '=', emailKey('ann@example.org')).executeTakeFirstOrThrow();
    await store.db.insertInto('totp_credentials').values({ user_id: ann.id, secret_enc: 'v1.x.y.z', created_at: '2026-11-30T10:00:00Z', enabled_at: '2026-11-30T10:00:00Z', last_step: null }).execute();
    const enrolled = run(['user', 'grant-moderator', 'ann@example.org'], dir);
    expect(enrolled.stdout).toMatch(/already moderates/);
    expect(enrolled.stdout).not.toMatch(/must enrol/);
    const user = await store.db.selectFrom('users').select('role').where('email_key', '=', emailKey('ann@example.org')).executeTakeFirstOrThrow();
    expect(user.role).toBe('moderator');
    const log = await store.db.selectFrom('moderation_log').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: null, action: 'grant_moderator', target_kind: 'user' });
  } finally {
    await store.close();
  }
});
