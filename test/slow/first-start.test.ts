// First start on an empty data dir: the site loads the bundled papers and comes up populated,
// offline, showing the latest day that has papers. A restart does not load them again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';

describe('first start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-first-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('comes up populated from the bundle and shows the latest day', async () => {
    server = await startServer({ PAPERBOY_DATA_DIR: dataDir });
    expect(server.stderr()).toMatch(/loaded 9881 bundled papers over 580 days/);
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Friday, 21 Aug 2026');
    expect(html.match(/class="card"/g)).toHaveLength(17);
    const api = (await (await fetch(`${server.url}/api/papers`)).json()) as { period: { key: string }; total: number };
    expect(api).toMatchObject({ period: { key: '2026-08-21' }, total: 17 });
    const month = await (await fetch(`${server.url}/api/papers/month/2026-08`)).json() as { total: number };
    expect(month.total).toBeGreaterThan(200);
    // Searchable from the first request: the bundle is indexed before the site listens.
    expect(server.stderr()).toMatch(/indexed 98\d\d papers for search/);
    const found = (await (await fetch(`${server.url}/api/papers/search?q=EnvHarness`)).json()) as { paper: { id: string } }[];
    expect(found[0]?.paper.id).toBe('2608.19880');
  });

  it('does not load the bundle again on restart', async () => {
    await server?.stop();
    server = await startServer({ PAPERBOY_DATA_DIR: dataDir });
    expect(server.stderr()).not.toMatch(/loaded .* bundled papers/);
    expect((await fetch(`${server.url}/papers/2608.19880`)).status).toBe(200);
  });
});
