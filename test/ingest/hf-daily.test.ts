import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import type { Day } from '../../src/domain/period.js';
import { findPaper } from '../../src/store/papers-read.js';
import { describeEachDialect } from '../support/dialects.js';
import { dumpCatalog } from '../support/dump.js';
import { HF_SAMPLES } from '../support/paths.js';
import type { ArxivId } from '../../src/domain/arxiv-id.js';

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-hf-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const sample = JSON.parse(fs.readFileSync(path.join(HF_SAMPLES, '2026-08-21.json'), 'utf8')) as unknown[];

describeEachDialect('HF daily-papers import', (ctx) => {
  it('imports the three real sample days and a second run changes nothing', async () => {
    const first = await importHfDaily(ctx.store, HF_SAMPLES);
    expect(first).toMatchObject({ files: 3, days: 3, items: 39, inserted: 39, newEntries: 39, skips: [] });
    const before = await dumpCatalog(ctx.store);
    const second = await importHfDaily(ctx.store, HF_SAMPLES);
    expect(second).toMatchObject({ items: 39, inserted: 0, updated: 0, unchanged: 39, newEntries: 0 });
    expect(await dumpCatalog(ctx.store)).toEqual(before);
  });

  it('keeps whitelisted fields only: no user names, avatars, organizations or media', async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
    const dump = JSON.stringify(await dumpCatalog(ctx.store));
    for (const forbidden of ['taesiri', 'akhaliq', 'cdn-avatars', 'avatarUrl', 'cdn-thumbnails', 'social-thumbnails', 'googleusercontent', 'fullname']) {
      expect(dump).not.toContain(forbidden);
    }
    const paper = await findPaper(ctx.store.db, '2608.19880' as ArxivId);
    expect(paper).toMatchObject({
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      baseline: { source: 'hf-daily', upvotes: 163, comments: 1, asOf: '2026-08-21' },
      links: expect.arrayContaining([
        expect.objectContaining({ kind: 'code', url: 'https://github.com/google-research/envharness', stars: 8 }),
        expect.objectContaining({ kind: 'project', url: 'https://envharness.com/' }),
      ]) as unknown,
    });
    expect(paper?.authors[0]).toBe('Chengsong Huang');
    expect(paper?.authors).toHaveLength(17);
  });

  it('reports malformed lines and items with their line numbers and imports the rest', async () => {
    const good = sample[0];
    const noTitle = { ...(sample[1] as { paper: object }), paper: { ...(sample[1] as { paper: object }).paper, title: '' } };
    const badId = { ...(sample[2] as { paper: object }), paper: { ...(sample[2] as { paper: object }).paper, id: 'not-an-id' } };
    const lines = [
      JSON.stringify({ date: '2026-08-21', papers: [good, noTitle] }),
      '{"date": "2026-08-22", "papers": [',
      JSON.stringify({ date: '2026-02-30', papers: [good] }),
      JSON.stringify({ papers: [good] }),
      JSON.stringify({ date: '2026-08-24', papers: [badId, sample[3]] }),
    ];
    const file = tempFile('dump.jsonl', `${lines.join('\n')}\n`);
    const summary = await importHfDaily(ctx.store, file);
    expect(summary.skips.map((s) => s.where)).toEqual(['dump.jsonl:1#2', 'dump.jsonl:2', 'dump.jsonl:3', 'dump.jsonl:4', 'dump.jsonl:5#1']);
    expect(summary.skips[0]?.reason).toMatch(/title/);
    expect(summary.skips[1]?.reason).toMatch(/malformed JSON/);
    expect(summary.skips[2]?.reason).toMatch(/not a YYYY-MM-DD day/);
    expect(summary.skips[4]?.reason).toMatch(/not an arXiv id/);
    expect(summary).toMatchObject({ days: 2, items: 2, inserted: 2, newEntries: 2 });
  });

  it('takes the day from --date, else the file name, else refuses the items', async () => {
    const text = JSON.stringify(sample.slice(0, 2), null, 2);
    const undated = tempFile('papers.json', text);
    const refused = await importHfDaily(ctx.store, undated);
    expect(refused.items).toBe(0);
    expect(refused.skips).toHaveLength(2);
    expect(refused.skips[0]).toMatchObject({ where: 'papers.json:2', reason: expect.stringMatching(/--date/) as unknown });

    const dated = await importHfDaily(ctx.store, undated, { date: '2026-01-05' as Day });
    expect(dated).toMatchObject({ items: 2, newEntries: 2, skips: [] });
    const named = await importHfDaily(ctx.store, tempFile('2026-01-06.json', text));
    expect(named).toMatchObject({ items: 2, newEntries: 2, skips: [] });
  });

  it('reports a truncated array file without writing anything from it', async () => {
    const text = JSON.stringify(sample.slice(0, 3), null, 2);
    const summary = await importHfDaily(ctx.store, tempFile('2026-01-07.json', text.slice(0, text.length / 2)));
    expect(summary.items).toBe(0);
    expect(summary.skips[0]?.reason).toMatch(/unexpected end of input/);
    expect((await dumpCatalog(ctx.store)).papers).toEqual([]);
  });

  it('reports a malformed item inside an array file by its line', async () => {
    const text = `[\n${JSON.stringify(sample[0])},\n{"paper": {"id": oops}},\n${JSON.stringify(sample[1])}\n]`;
    const summary = await importHfDaily(ctx.store, tempFile('2026-01-08.json', text));
    expect(summary.skips).toEqual([{ where: '2026-01-08.json:3', reason: expect.stringMatching(/malformed JSON/) as unknown }]);
    expect(summary.items).toBe(2);
  });

  it('does nothing in a dry run', async () => {
    const summary = await importHfDaily(ctx.store, HF_SAMPLES, { dryRun: true });
    expect(summary.items).toBe(39);
    expect((await dumpCatalog(ctx.store)).papers).toEqual([]);
  });
});
