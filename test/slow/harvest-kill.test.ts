// A harvest killed with SIGKILL at any point and then resumed ends with exactly the catalog of an
// uninterrupted harvest: no gaps, no duplicates. The child is the real `paperboy harvest` command
// against the fake arXiv server; it is killed after a random number of requests (seeded, printed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { arxivEnv } from '../support/arxiv-env.js';
import { dataDirCatalog } from '../support/dump.js';
import { FakeArxivServer, oaiPage, oaiRecords, reply } from '../support/fake-arxiv-server.js';
import { CLI } from '../support/paths.js';

const PAGES = 12;

/** Real arXivRaw records with their ids renumbered, so each page adds new papers. */
function page(n: number): string {
  const records = oaiRecords().map((r, i) => {
    const oldId = /<id>([^<]+)<\/id>/.exec(r)?.[1] ?? '';
    const newId = `0705.${String(1000 + n * 10 + i).padStart(4, '0')}`;
    return r.split(oldId).join(newId);
  });
  return oaiPage(records, n + 1 < PAGES ? `tok-${n + 1}` : '', { cursor: n * records.length, completeListSize: PAGES * records.length });
}

let server: FakeArxivServer;
beforeAll(async () => {
  server = await FakeArxivServer.start();
  server.always({ path: '/oai2', query: { verb: 'ListRecords', resumptionToken: null } }, reply.body(page(0)));
  for (let n = 1; n < PAGES; n++) server.always({ path: '/oai2', query: { resumptionToken: `tok-${n}` } }, reply.body(page(n)));
});
afterAll(async () => {
  await server.close();
});

async function runHarvest(dataDir: string, killAfterRequests?: number): Promise<number | null> {
  const before = server.requests.length;
  const child = spawn(process.execPath, [CLI, 'harvest', '--from', '2014-10-01', '--format', 'arXivRaw'], {
    env: { PATH: process.env.PATH ?? '', PAPERBOY_DATA_DIR: dataDir, ...arxivEnv(server, 40) },
    stdio: 'ignore',
  });
  const exit = once(child, 'exit');
  if (killAfterRequests !== undefined) {
    while (server.requests.length - before < killAfterRequests && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
  }
  const [code] = (await exit) as [number | null];
  return code;
}


it('resumes after kill -9 to the same catalog as an uninterrupted harvest', async () => {
  const reference = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-harvest-ref-'));
  expect(await runHarvest(reference)).toBe(0);
  const full = await dataDirCatalog(reference);
  expect(full.papers).toHaveLength(PAGES * 6);

  const seed = Number(process.env.KILL_SEED ?? Date.now() % 1000);
  for (let round = 0; round < 3; round++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-harvest-kill-'));
    const killAt = 1 + ((seed + round * 5) % (PAGES - 1));
    const code = await runHarvest(dir, killAt);
    expect(code, `seed ${seed}: killed after ${killAt} requests`).toBeNull(); // killed by the signal
    const partial = await dataDirCatalog(dir);
    expect(partial.papers.length % 6, `whole pages only (seed ${seed})`).toBe(0);
    expect(partial.papers.length).toBeLessThan(full.papers.length);
    expect(await runHarvest(dir)).toBe(0);
    expect(await dataDirCatalog(dir), `seed ${seed}, kill after ${killAt}`).toEqual(full);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.rmSync(reference, { recursive: true, force: true });
}, 180_000);
