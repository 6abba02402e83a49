// Search benchmark: `npm run bench:search` (sizes in BENCH_DOCS, default "100000,1000000").
// Builds catalogs of synthetic papers whose text is drawn from the word frequencies of the real
// bundled abstracts (so term statistics, common words included, are realistic) with topics (see
// build), through the real
// write path (bulk upsert, trigger queue, batched FTS5 indexing). Prints index build time, disk and
// RSS, then p50/p99 latency of top-10 keyword searches (the engine, as the HF API runs it) and of
// the whole search page command (highlights, every-word count, papers loaded) over a fixed query
// set per class: rare words, common words, many words (AND runs out, OR fills), phrases, filters.
// Then the same for semantic and hybrid search (semanticBench below).
// Targets on 2 cores at 1,000,000 papers: keyword p99 ≤ 40 ms, common-word queries included;
// hybrid p99 ≤ 50 ms; semantic p99 ≤ 3 ms at recall@10 ≥ 0.98; embedder ≥ 5,000 abstracts/s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { indexPendingPapers } from '../src/commands/search-index.js';
import { searchPapers } from '../src/commands/search-papers.js';
import type { ArxivId } from '../src/domain/arxiv-id.js';
import type { PaperRecord } from '../src/domain/paper.js';
import { parseQuery } from '../src/domain/query-parser.js';
import { NO_FILTERS } from '../src/domain/search.js';
import { embedPapers } from '../src/commands/embed-papers.js';
import { searchEngine } from '../src/search/engines.js';
import { semanticIndex } from '../src/search/semantic-index.js';
import { TopK } from '../src/search/vectors/top-k.js';
import { STOPWORDS } from '../src/search/stopwords.js';
import { openMigratedStore, type Store } from '../src/store/db.js';
import { upsertPapersBulk } from '../src/store/papers-bulk.js';

const BUNDLE = path.resolve(import.meta.dirname, '..', 'data-bundled', 'hf-daily-papers.jsonl.gz');
const SIZES = (process.env.BENCH_DOCS ?? '100000,1000000').split(',').map(Number);
/** Papers per bulk transaction, as the Kaggle import writes them. */
const BATCH = 5_000;
/** Runs of each query; the first run of each is a warm-up and not counted. */
const RUNS = 20;
const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'math.OC', 'eess.IV', 'q-bio.NC'];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word counts of the bundled abstracts and titles. */
async function vocabulary(): Promise<{ words: string[]; cumulative: Float64Array; byRank: string[] }> {
  const counts = new Map<string, number>();
  const lines = readline.createInterface({ input: fs.createReadStream(BUNDLE).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    for (const m of line.matchAll(/"(?:summary|title)":"((?:[^"\\]|\\.)*)"/g)) {
      for (const w of (m[1] ?? '').toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const byRank = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const cumulative = new Float64Array(byRank.length);
  let total = 0;
  byRank.forEach((w, i) => (cumulative[i] = total += counts.get(w) ?? 0));
  for (let i = 0; i < cumulative.length; i += 1) cumulative[i] = (cumulative[i] ?? 0) / total;
  return { words: byRank, cumulative, byRank };
}

function sampler(vocab: Awaited<ReturnType<typeof vocabulary>>, random: () => number) {
  return () => {
    const x = random();
    let lo = 0;
    let hi = vocab.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab.cumulative[mid] ?? 1) < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab.words[lo] ?? 'model';
  };
}

/**
 * Papers on TOPICS topics: each topic favours TOPIC_WORDS words of middle frequency, and a paper
 * draws TOPIC_SHARE of its words from its topic, the rest from the whole vocabulary. Term
 * statistics stay close to the real abstracts' (common words stay common) while papers on one topic
 * share words, as real papers do; without topics every paper's embedding would be noise around
 * one mean, which no nearest-neighbour structure (or reader) can use.
 */
const TOPICS = 1_000;
const TOPIC_WORDS = 60;
const TOPIC_SHARE = 0.3;

async function build(size: number, vocab: Awaited<ReturnType<typeof vocabulary>>, dir: string): Promise<Store> {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  const random = rng(7);
  const word = sampler(vocab, random);
  const middle = vocab.byRank.slice(200, 20_000).filter((w) => !STOPWORDS.has(w));
  const topics = Array.from({ length: TOPICS }, () => Array.from({ length: TOPIC_WORDS }, () => middle[Math.floor(random() * middle.length)] ?? 'model'));
  let topic: string[] = topics[0] ?? [];
  const topical = () => (random() < TOPIC_SHARE ? (topic[Math.floor(random() * topic.length)] ?? 'model') : word());
  const words = (n: number) => Array.from({ length: n }, topical).join(' ');
  let started = Date.now();
  for (let start = 0; start < size; start += BATCH) {
    const records: PaperRecord[] = [];
    for (let i = start; i < Math.min(start + BATCH, size); i += 1) {
      // Valid new-style ids from 1501 on, 99,999 per month.
      const month = Math.floor(i / 99_999);
      const yymm = `${15 + Math.floor(month / 12)}${String(1 + (month % 12)).padStart(2, '0')}`;
      topic = topics[Math.floor(random() * TOPICS)] ?? [];
      records.push({
        id: `${yymm}.${String(1 + (i % 99_999)).padStart(5, '0')}` as ArxivId,
        title: words(6 + Math.floor(random() * 8)),
        abstract: words(120 + Math.floor(random() * 120)),
        authors: Array.from({ length: 1 + Math.floor(random() * 5) }, () => `${word()} ${word()}`),
        categories: [CATEGORIES[Math.floor(random() * CATEGORIES.length)] ?? 'cs.LG'],
        publishedAt: new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 11 * 365) * 86_400_000).toISOString(),
      });
    }
    await upsertPapersBulk(store, records, null);
  }
  const wrote = (Date.now() - started) / 1000;
  started = Date.now();
  await indexPendingPapers(store);
  const indexed = (Date.now() - started) / 1000;
  console.log(`  ${size.toLocaleString('en')} papers: catalog written in ${wrote.toFixed(0)} s, keyword index built in ${indexed.toFixed(0)} s (${Math.round(size / indexed).toLocaleString('en')} papers/s)`);
  return store;
}

function queries(vocab: Awaited<ReturnType<typeof vocabulary>>): Record<string, string[]> {
  const content = vocab.byRank.filter((w) => !STOPWORDS.has(w) && w.length > 3);
  const common = content.slice(0, 20);
  const mid = content.slice(300, 2_000);
  const random = rng(11);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)] ?? 'model';
  const n = 10;
  return {
    'rare words (2 mid-frequency)': Array.from({ length: n }, () => `${pick(mid)} ${pick(mid)}`),
    'common words (2 of the top 20)': Array.from({ length: n }, () => `${pick(common)} ${pick(common)}`),
    'one common word': common.slice(0, n),
    'many words (6: AND runs out, OR fills)': Array.from({ length: n }, () => Array.from({ length: 6 }, () => pick(random() < 0.5 ? common : mid)).join(' ')),
    'phrase + word': Array.from({ length: n }, () => `"${pick(common)} ${pick(common)}" ${pick(mid)}`),
    'words + cat: filter': Array.from({ length: n }, () => `${pick(common)} ${pick(mid)} cat:cs.LG`),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const t = process.hrtime.bigint();
    await fn();
    if (i > 0) samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return samples;
}

function diskMb(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0) / 1e6;
}

/** Recall@10 of `got` against `want` (lists of keys). */
function recallAt10(got: readonly string[], want: readonly string[]): number {
  const w = new Set(want.slice(0, 10));
  return want.length === 0 ? 1 : got.slice(0, 10).filter((k) => w.has(k)).length / Math.min(10, w.size);
}

/**
 * Semantic and hybrid search on the same catalog: the embed job (training the catalog embedder on
 * its sample, then embedding every paper), the embedder's own throughput on one core, the serving
 * process's load of the vectors and its HNSW build, recall@10 of the HNSW path against exact
 * search, and p50/p99 of top-10 semantic and hybrid searches (query embedding included).
 */
async function semanticBench(store: Store, dir: string, classes: Record<string, string[]>): Promise<void> {
  let started = Date.now();
  const summary = await embedPapers(store, { embedder: 'catalog', cacheDir: path.join(dir, 'cache'), now: () => new Date(), log: () => {} });
  const embedSeconds = (Date.now() - started) / 1000;
  console.log(`  embed job: ${summary.embedded.toLocaleString('en')} papers in ${embedSeconds.toFixed(0)} s (training included), RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

  const index = semanticIndex(store);
  started = Date.now();
  const snap = await index.snapshot();
  if (!snap) throw new Error('no active embedding model after the embed job');
  console.log(`  vectors loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${snap.index.size.toLocaleString('en')} × ${snap.index.dims}), RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  // The serving process's HNSW build (inline here, from sources: one thread, as the site's worker uses on 2 cores).
  index.annDir = path.join(dir, 'ann');
  started = Date.now();
  await index.snapshot(Date.now() + 60_000);
  await index.settled();
  const fresh = await index.snapshot(Date.now() + 120_000);
  if (!fresh) throw new Error('embedding model vanished');
  console.log(`  HNSW: ${fresh.approximate > 0 ? `${fresh.approximate.toLocaleString('en')} vectors in ${((Date.now() - started) / 1000).toFixed(0)} s` : 'not used (below the threshold)'}; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

  // Embedder throughput, one core: synthetic abstracts from the catalog itself.
  const sample = await store.db.selectFrom('papers').select(['title', 'abstract']).limit(5_000).execute();
  started = Date.now();
  await fresh.embedder.embedDocuments(sample.map((p) => ({ title: p.title, text: p.abstract })));
  console.log(`  embedder: ${Math.round(sample.length / ((Date.now() - started) / 1000)).toLocaleString('en')} abstracts/s on one core`);

  // Recall@10 against exact float search over the whole catalog: every paper embedded again in
  // float, streamed, keeping each query's true top 10; then the serving path (HNSW + exact tail
  // over int8) and the exact int8 scan are compared with it.
  const texts = Object.values(classes).flat();
  const queryVectors = await Promise.all(texts.map((t) => fresh.embedder.embedQuery(t)));
  const truth = queryVectors.map(() => new TopK(10));
  const keysSeen: string[] = [];
  started = Date.now();
  let after = '';
  for (;;) {
    const rows = await store.db.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', '>', after).orderBy('id').limit(5_000).execute();
    if (rows.length === 0) break;
    const floats = await fresh.embedder.embedDocuments(rows.map((p) => ({ title: p.title, text: p.abstract })));
    floats.forEach((v, i) => {
      const id = keysSeen.push(rows[i]!.id) - 1;
      queryVectors.forEach((q, j) => {
        let s = 0;
        for (let k = 0; k < v.length; k++) s += v[k]! * q[k]!;
        truth[j]!.push(id, s);
      });
    });
    after = rows[rows.length - 1]!.id;
  }
  const floatSeconds = (Date.now() - started) / 1000;
  let recallServing = 0;
  let recallInt8 = 0;
  queryVectors.forEach((q, j) => {
    const want = truth[j]!.sorted().map((h) => keysSeen[h.id]!);
    recallServing += recallAt10(fresh.search(q, 10).map((h) => h.key), want);
    recallInt8 += recallAt10(fresh.index.search(q, 10).map((h) => h.key), want);
  });
  console.log(`  exact float search: every paper embedded again and scored in ${floatSeconds.toFixed(0)} s`);
  console.log(`  recall@10 against exact float search (${texts.length} queries): serving path ${(recallServing / texts.length).toFixed(3)}, exact int8 scan ${(recallInt8 / texts.length).toFixed(3)}`);

  const semantic = searchEngine(store, 'semantic');
  const hybrid = searchEngine(store, 'hybrid');
  console.log(`  ${'query class'.padEnd(40)} ${'semantic p50'.padStart(13)} ${'p99'.padStart(7)}   ${'hybrid p50'.padStart(11)} ${'p99'.padStart(7)}   (ms, top 10)`);
  const allS: number[] = [];
  const allH: number[] = [];
  for (const [label, list] of Object.entries(classes)) {
    const s: number[] = [];
    const h: number[] = [];
    for (const q of list) {
      const request = { query: parseQuery(q), filters: NO_FILTERS, sort: 'relevance' as const, limit: 10, offset: 0, highlight: false, count: false };
      s.push(...(await time(() => semantic.search(request))));
      h.push(...(await time(() => hybrid.search(request))));
    }
    allS.push(...s);
    allH.push(...h);
    s.sort((x, y) => x - y);
    h.sort((x, y) => x - y);
    console.log(`  ${label.padEnd(40)} ${percentile(s, 50).toFixed(1).padStart(13)} ${percentile(s, 99).toFixed(1).padStart(7)}   ${percentile(h, 50).toFixed(1).padStart(11)} ${percentile(h, 99).toFixed(1).padStart(7)}`);
  }
  allS.sort((x, y) => x - y);
  allH.sort((x, y) => x - y);
  console.log(`  all top-10 semantic: p50 ${percentile(allS, 50).toFixed(1)} ms, p99 ${percentile(allS, 99).toFixed(1)} ms; hybrid: p50 ${percentile(allH, 50).toFixed(1)} ms, p99 ${percentile(allH, 99).toFixed(1)} ms`);
}

const vocab = await vocabulary();
console.log(`vocabulary: ${vocab.words.length.toLocaleString('en')} distinct words from the bundled abstracts; ${os.cpus().length} cores`);
for (const size of SIZES) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-bench-search-'));
  try {
    const store = await build(size, vocab, dir);
    store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`  disk ${diskMb(dir).toFixed(0)} MB (catalog and index), RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    const engine = searchEngine(store, 'keyword');
    console.log(`  ${'query class'.padEnd(40)} ${'top-10 p50'.padStart(11)} ${'p99'.padStart(7)}   ${'page p50'.padStart(9)} ${'p99'.padStart(7)}   (ms)`);
    const all: number[] = [];
    for (const [label, list] of Object.entries(queries(vocab))) {
      const top10: number[] = [];
      const page: number[] = [];
      for (const q of list) {
        top10.push(...(await time(() => engine.search({ query: parseQuery(q), filters: NO_FILTERS, sort: 'relevance', limit: 10, offset: 0, highlight: false, count: false }))));
        page.push(...(await time(() => searchPapers(store, { q, filters: NO_FILTERS, sort: 'relevance', mode: 'keyword', page: 0, limit: 20, highlight: true, count: true }))));
      }
      all.push(...top10);
      const [a, b] = [top10.sort((x, y) => x - y), page.sort((x, y) => x - y)];
      console.log(`  ${label.padEnd(40)} ${percentile(a, 50).toFixed(1).padStart(11)} ${percentile(a, 99).toFixed(1).padStart(7)}   ${percentile(b, 50).toFixed(1).padStart(9)} ${percentile(b, 99).toFixed(1).padStart(7)}`);
    }
    all.sort((x, y) => x - y);
    console.log(`  all top-10 keyword queries: p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms`);
    await semanticBench(store, dir, queries(vocab));
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
