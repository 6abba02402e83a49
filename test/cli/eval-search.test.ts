// `paperboy eval-search` end to end on a tiny BEIR-format benchmark written here, in the compiled
// build (`npm test` builds first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/paths.js';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'eval-search', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DOCS = [
  { _id: 'd1', title: 'Vitamin D deficiency and bone fractures', text: 'Low vitamin D raises the risk of fractures in older adults.' },
  { _id: 'd2', title: 'Statins and muscle pain', text: 'Statin therapy is associated with myalgia.' },
  { _id: 'd3', title: 'Sleep and memory', text: 'Sleep consolidates memories; deprivation impairs recall.' },
  { _id: 'd4', title: 'Coffee consumption', text: 'Coffee is not associated with fractures or sleep quality in this cohort.' },
];

function benchmark(extraQueryLine = ''): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-beir-'));
  const corpus = path.join(dir, 'corpus.jsonl.gz');
  fs.writeFileSync(corpus, gzipSync(DOCS.map((d) => JSON.stringify({ ...d, metadata: {} })).join('\n')));
  const queries = path.join(dir, 'queries.jsonl');
  const lines = [
    { _id: 'q1', text: 'Vitamin D deficiency increases fracture risk.' },
    { _id: 'q2', text: 'Sleep deprivation impairs memory.' },
    { _id: 'q3', text: 'Statins cause muscle pain.' },
    { _id: 'q4', text: 'A query nobody judged.' },
  ].map((q) => JSON.stringify(q));
  fs.writeFileSync(queries, `${[...lines, extraQueryLine].join('\n')}\n`);
  const qrels = path.join(dir, 'qrels.tsv');
  // q3's relevant document is one no keyword can reach, so the means are not all 1.
  fs.writeFileSync(qrels, 'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td3\t1\r\nq3\td4\t1\r\nq3\td9\t0\r\n');
  return ['--corpus', corpus, '--queries', queries, '--qrels', qrels];
}

describe('paperboy eval-search', () => {
  it('indexes the corpus, runs the judged queries, and prints one JSON line', () => {
    const r = run(benchmark());
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const line = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(Object.keys(line)).toEqual(['mode', 'queries', 'ndcg@10', 'recall@100', 'mrr@10']);
    expect(line).toMatchObject({ mode: 'keyword', queries: 3 });
    // q1 and q2 find their document first; q3's (d4) shares no word with it and is not found.
    expect(line['mrr@10']).toBeCloseTo(2 / 3, 3);
    expect(line['recall@100']).toBeCloseTo(2 / 3, 3);
    expect(line['ndcg@10']).toBeCloseTo(2 / 3, 3);
    expect(r.stderr).toMatch(/indexed 4 documents/);
  });

  it('skips malformed lines with their place (exit 3) and refuses bad usage (exit 2)', () => {
    const skipped = run(benchmark('{"_id": 7'));
    expect(skipped.code).toBe(3);
    expect(skipped.stderr).toMatch(/skipped queries\.jsonl:5: malformed JSON/);
    const args = benchmark();
    expect(run(args.slice(0, 4)).stderr).toMatch(/--qrels: is required/);
    expect(run(args.slice(0, 4)).code).toBe(2);
    expect(run([...args, '--mode', 'vibes']).stderr).toMatch(/--mode: must be one of: keyword, semantic, hybrid/);
    expect(run([...args.slice(0, 5), '/nonexistent/qrels.tsv']).code).toBe(2);
  });
});
