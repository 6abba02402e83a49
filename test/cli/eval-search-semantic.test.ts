// `paperboy eval-search --mode semantic|hybrid` end to end in the compiled build (`npm test` builds
// first), on a small BEIR-format benchmark made of real papers: each judged query is a paper's
// title, its one relevant document that paper. The data dir's cache holds a small GloVe file
// (semantic-fixtures.ts) so the run never converts the full 307 MB one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, CLI } from '../support/paths.js';
import { smallGloveCache } from '../support/semantic-fixtures.js';
import { makeTinyOnnxModel, type TinyModel } from '../support/tiny-onnx-model.js';

/** Featured days of the bundle in the corpus (~30 papers). */
const DAYS = 3;
/** Every this-many-th paper's title is a judged query. */
const QUERY_EVERY = 3;

interface Doc {
  readonly _id: string;
  readonly title: string;
  readonly text: string;
}

let dir: string;
let dataDir: string;
let args: string[];
let docs: Doc[];
let judged: number;
let tiny: TinyModel;

function run(extra: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'eval-search', ...args, ...extra], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PAPERBOY_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let bogusRun: ReturnType<typeof run> | undefined;
/** One run with a bad --embedder and a bad --mode (each run costs ~1 s of start-up). */
const bogus = () => (bogusRun ??= run(['--mode', 'vibes', '--embedder', 'bogus']));

function scoreLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(Object.keys(line)).toEqual(['mode', 'queries', 'ndcg@10', 'recall@100', 'mrr@10']);
  for (const key of ['ndcg@10', 'recall@100', 'mrr@10']) {
    const score = line[key];
    expect(typeof score).toBe('number');
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  return line;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-beir-semantic-'));
  dataDir = path.join(dir, 'data');
  await smallGloveCache(path.join(dataDir, 'cache'));
  const days = gunzipSync(fs.readFileSync(BUNDLE)).toString('utf8').split('\n').filter((l) => l.trim() !== '').slice(0, DAYS);
  const seen = new Set<string>();
  docs = [];
  for (const day of days) {
    for (const item of (JSON.parse(day) as { papers: { paper: { id: string; title: string; summary: string } }[] }).papers) {
      if (seen.has(item.paper.id)) continue;
      seen.add(item.paper.id);
      docs.push({ _id: item.paper.id, title: item.paper.title.replace(/\s+/g, ' '), text: item.paper.summary.replace(/\s+/g, ' ') });
    }
  }
  const corpus = path.join(dir, 'corpus.jsonl.gz');
  fs.writeFileSync(corpus, gzipSync(docs.map((d) => JSON.stringify({ ...d, metadata: {} })).join('\n')));
  const probes = docs.filter((_, i) => i % QUERY_EVERY === 0);
  judged = probes.length;
  const queries = path.join(dir, 'queries.jsonl');
  // Titles as plain words (punctuation could read as query syntax), and one query nobody judged.
  const plain = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const lines = [...probes.map((d) => ({ _id: `q-${d._id}`, text: plain(d.title) })), { _id: 'q-unjudged', text: 'A query nobody judged.' }];
  fs.writeFileSync(queries, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const qrels = path.join(dir, 'qrels.tsv');
  fs.writeFileSync(qrels, `query-id\tcorpus-id\tscore\n${probes.map((d) => `q-${d._id}\t${d._id}\t1`).join('\n')}\n`);
  args = ['--corpus', corpus, '--queries', queries, '--qrels', qrels];
  tiny = makeTinyOnnxModel();
});

afterAll(() => {
  tiny?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('paperboy eval-search by meaning', () => {
  it('trains the catalog embedder on the corpus, embeds it, and scores semantic and hybrid search', () => {
    expect(docs.length).toBeGreaterThan(20);
    const results: Record<string, Record<string, unknown>> = {};
    for (const mode of ['semantic', 'hybrid']) {
      const r = run(['--mode', mode]);
      expect(r.code, r.stderr).toBe(0);
      const line = scoreLine(r.stdout);
      expect(line).toMatchObject({ mode, queries: judged });
      results[mode] = line;
      expect(r.stderr).toMatch(new RegExp(`indexed ${docs.length} documents`));
      expect(r.stderr).toMatch(/trained the catalog embedder/);
      expect(r.stderr).toMatch(new RegExp(`embedded ${docs.length} documents`));
      expect(r.stderr).toMatch(/1 without judgments skipped/);
    }
    // A paper's own title finds it by meaning too (not a fixed figure: well above chance, ~1/10).
    expect(results.semantic!['mrr@10']).toBeGreaterThan(0.5);
    expect(results.hybrid!['mrr@10']).toBeGreaterThan(0.5);
    expect(results.semantic!['recall@100']).toBe(1);
    // The small GloVe file was used: nothing was converted into the cache.
    expect(fs.readdirSync(path.join(dataDir, 'cache'))).toEqual(['glove-sg-100d.i8']);
  });

  it('embeds with a local ONNX model given as --embedder onnx:<folder>', () => {
    const r = run(['--mode', 'hybrid', '--embedder', `onnx:${tiny.folder}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(scoreLine(r.stdout)).toMatchObject({ mode: 'hybrid', queries: judged });
    expect(r.stderr).not.toMatch(/trained the catalog embedder/);
    expect(r.stderr).toMatch(new RegExp(`embedded ${docs.length} documents`));
  });

  it('refuses a bad --embedder or --mode with exit 2', () => {
    const bad = bogus();
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^--embedder: /m);
    expect(bad.stderr).toMatch(/^--mode: must be one of: keyword, semantic, hybrid$/m);
    const empty = run(['--mode', 'semantic', '--embedder', 'onnx:']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^--embedder: /m);
  });

  it('says what --embedder accepts', () => {
    expect(bogus().stderr).toMatch(/--embedder: .*"catalog" or "onnx:<model folder>"/);
  });

  it('refuses a missing ONNX model folder with exit 2 and no stack trace', () => {
    const missing = run(['--mode', 'semantic', '--embedder', `onnx:${path.join(dir, 'no-such-model')}`]);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no-such-model: does not exist/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
