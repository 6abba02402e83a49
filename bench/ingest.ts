// Bulk-ingest benchmark: `npm run bench:ingest`.
// Generates a synthetic Kaggle snapshot in the real shape (BENCH_LINES lines, default 1,000,000),
// varying the fields of the 200 real fixture lines (new ids, shuffled titles and authors, dates),
// imports it into a fresh SQLite store with the real CLI in a child process, and prints papers/s
// into the catalog and the child's peak RSS (VmHWM). Target on 2 cores: ≥ 20,000 papers/s and
// peak RSS ≤ 500 MB. Then imports the same file again (everything unchanged) to time a re-run,
// and times bringing the keyword search index up to date with the imported papers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { indexPendingPapers } from '../src/commands/search-index.js';
import { openMigratedStore } from '../src/store/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.resolve(ROOT, '..', 'shared', 'data', 'arxiv-fixtures', 'kaggle-snapshot', 'arxiv-metadata-oai-snapshot.head200.jsonl');
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);

interface Line {
  id: string;
  title: string;
  abstract: string;
  authors_parsed: string[][];
  versions: { version: string; created: string }[];
  [key: string]: unknown;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same file. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(file: string): Promise<void> {
  const templates = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
  const words = templates.flatMap((t) => t.title.split(/\s+/)).filter((w) => w.length > 2);
  const authors = templates.flatMap((t) => t.authors_parsed);
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out = fs.createWriteStream(file);
  for (let i = 0; i < LINES; i++) {
    const t = templates[i % templates.length] as Line;
    // Ids 1501.00000 onwards: 100,000 per month, so a million lines span ten months.
    const month = 1501 + Math.floor(i / 100_000);
    const id = `${month}.${String(i % 100_000).padStart(5, '0')}`;
    const title = Array.from({ length: 6 + Math.floor(random() * 8) }, () => pick(words)).join(' ');
    const line: Line = {
      ...t,
      id,
      title,
      authors_parsed: Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(authors)),
      versions: t.versions.map((v) => ({ ...v, created: `Mon, ${1 + (i % 28)} Jan 2015 1${i % 10}:00:00 GMT` })),
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function peakRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

async function importOnce(file: string, dataDir: string, label: string): Promise<void> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'paperboy.js'), 'import', 'kaggle', file, '--restart'], {
    env: { ...process.env, PAPERBOY_DATA_DIR: dataDir, PAPERBOY_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid ?? 0))), 100);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited with ${code}`);
  const summary = JSON.parse(stdout) as { inserted: number; updated: number; unchanged: number; linesRead: number };
  const papers = summary.inserted + summary.updated + summary.unchanged;
  const dbBytes = ['paperboy.sqlite', 'paperboy.sqlite-wal'].map((f) => path.join(dataDir, f)).filter(fs.existsSync).reduce((s, f) => s + fs.statSync(f).size, 0);
  const row = { run: label, lines: summary.linesRead, papers, seconds: Number(seconds.toFixed(1)), papersPerSecond: Math.round(papers / seconds), peakRssMb: Math.round(peak), databaseMb: Math.round(dbBytes / 1e6) };
  console.log(`${label.padEnd(18)} ${String(row.papers).padStart(9)} papers in ${row.seconds.toFixed(1).padStart(6)} s = ${String(row.papersPerSecond).padStart(7)} papers/s, peak RSS ${row.peakRssMb} MB, database ${row.databaseMb} MB`);
  console.log(JSON.stringify(row));
}

/** Time to bring the keyword index up to date after the import (what a serving process does next). */
async function timeSearchCatchUp(dataDir: string): Promise<void> {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    const started = performance.now();
    const indexed = await indexPendingPapers(store);
    const seconds = (performance.now() - started) / 1000;
    const row = { run: 'search catch-up', papers: indexed, seconds: Number(seconds.toFixed(1)), papersPerSecond: Math.round(indexed / Math.max(seconds, 0.001)) };
    console.log(`${row.run.padEnd(18)} ${String(indexed).padStart(9)} papers in ${row.seconds.toFixed(1).padStart(6)} s = ${String(row.papersPerSecond).padStart(7)} papers/s (keyword index)`);
    console.log(JSON.stringify(row));
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-bench-ingest-'));
  try {
    const file = path.join(dir, 'arxiv-metadata-oai-snapshot.json');
    const t0 = performance.now();
    await generate(file);
    console.log(`generated ${LINES.toLocaleString('en')} lines (${Math.round(fs.statSync(file).size / 1e6)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log('target: ≥ 20,000 papers/s into the catalog, peak RSS ≤ 500 MB (2 cores)');
    const dataDir = path.join(dir, 'data');
    await importOnce(file, dataDir, 'fresh import');
    await importOnce(file, dataDir, 're-run (unchanged)');
    await timeSearchCatchUp(dataDir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
