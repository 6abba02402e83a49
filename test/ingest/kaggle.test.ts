import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { importKaggle } from '../../src/commands/import-kaggle.js';
import type { ArxivId } from '../../src/domain/arxiv-id.js';
import { countPapers, findPaper } from '../../src/store/papers-read.js';
import { describeEachDialect } from '../support/dialects.js';
import { SHARED_DATA } from '../support/paths.js';

const FIXTURE = path.join(SHARED_DATA, 'arxiv-fixtures', 'kaggle-snapshot', 'arxiv-metadata-oai-snapshot.head200.jsonl');

function withBadLines(): string {
  const lines = fs.readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  lines.splice(3, 0, '{"id": "0704.9999", "title": ');
  lines.splice(10, 0, JSON.stringify({ id: 'bogus', title: 'x' }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-kaggle-')), 'snapshot.json');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describeEachDialect('Kaggle snapshot import', (ctx) => {
  it('imports the real 200-line sample with versions, categories and journal data', async () => {
    const summary = await importKaggle(ctx.store, FIXTURE);
    expect(summary).toMatchObject({ linesRead: 200, inserted: 200, skipped: 0 });
    expect(await countPapers(ctx.store.db)).toBe(200);
    const first = await findPaper(ctx.store.db, '0704.0001' as ArxivId);
    expect(first).toMatchObject({
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      categories: ['hep-ph'],
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      publishedAt: '2007-04-02T19:18:42.000Z',
      versions: [{ version: 1, submittedAt: '2007-04-02T19:18:42.000Z' }, { version: 2 }],
    });
    expect(first?.authors[0]).toBe('C. Balázs');
    const again = await importKaggle(ctx.store, FIXTURE);
    expect(again).toMatchObject({ alreadyComplete: true, linesRead: 0 });
    expect(await importKaggle(ctx.store, FIXTURE, { restart: true })).toMatchObject({ unchanged: 200, inserted: 0, updated: 0 });
  });

  it('reports malformed lines by number and imports the rest', async () => {
    const summary = await importKaggle(ctx.store, withBadLines());
    expect(summary.skips.map((s) => s.line)).toEqual([4, 11]);
    expect(summary.skips[0]?.reason).toMatch(/malformed JSON/);
    expect(summary).toMatchObject({ linesRead: 202, inserted: 200, skipped: 2 });
  });

  it('resumes after the last committed line', async () => {
    const first = await importKaggle(ctx.store, FIXTURE, { limit: 120 });
    expect(first).toMatchObject({ linesRead: 120, inserted: 120 });
    const rest = await importKaggle(ctx.store, FIXTURE);
    expect(rest).toMatchObject({ resumedFrom: 120, linesRead: 80, inserted: 80 });
    expect(await countPapers(ctx.store.db)).toBe(200);
  });
});
