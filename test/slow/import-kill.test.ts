// An import killed with SIGKILL part-way leaves whole days only, and running it again ends with
// exactly the catalog an uninterrupted import makes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { dataDirCatalog } from '../support/dump.js';
import { BUNDLE, CLI } from '../support/paths.js';

function env(dataDir: string) {
  return { PATH: process.env.PATH ?? '', PAPERBOY_DATA_DIR: dataDir, PAPERBOY_LOG_LEVEL: 'silent' };
}


it('survives kill -9 mid-import and completes on re-run', async () => {
  const reference = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-ref-'));
  const killed = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-kill-'));
  expect(spawnSync(process.execPath, [CLI, 'import', 'hf-daily', BUNDLE], { env: env(reference) }).status).toBe(0);

  const child = spawn(process.execPath, [CLI, 'import', 'hf-daily', BUNDLE], { env: env(killed), stdio: 'ignore' });
  // Kill once some days are committed but long before the end (a full import takes several seconds).
  const db = path.join(killed, 'paperboy.sqlite');
  for (let i = 0; i < 200 && !(fs.existsSync(db) && fs.statSync(db).size + (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0) > 2_000_000); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(child.signalCode).toBe('SIGKILL');

  const partial = await dataDirCatalog(killed);
  const full = await dataDirCatalog(reference);
  expect(partial.entries.length).toBeGreaterThan(0);
  expect(partial.entries.length).toBeLessThan(full.entries.length);
  // Whole days only: every day present in the partial catalog has all of its entries.
  const perDay = (entries: { day: string }[]) => entries.reduce((m, e) => m.set(e.day, (m.get(e.day) ?? 0) + 1), new Map<string, number>());
  const fullDays = perDay(full.entries);
  for (const [day, n] of perDay(partial.entries)) expect([day, n]).toEqual([day, fullDays.get(day)]);

  expect(spawnSync(process.execPath, [CLI, 'import', 'hf-daily', BUNDLE], { env: env(killed) }).status).toBe(0);
  expect(await dataDirCatalog(killed)).toEqual(full);
  fs.rmSync(reference, { recursive: true, force: true });
  fs.rmSync(killed, { recursive: true, force: true });
}, 180_000);
