// Use-case: measure search quality on a BEIR-format benchmark. The corpus is indexed into a
// temporary SQLite store through the same keyword index the site uses (documents keyed by their
// BEIR _id), every judged query runs through the same query parser and engine as the search box,
// and the top 100 keys of each are scored (nDCG@10, recall@100, MRR@10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery } from '../domain/query-parser.js';
import type { SearchMode } from '../domain/search.js';
import { readBeirCorpus, readBeirQrels, readBeirQueries, type BeirSkip } from '../search/beir.js';
import { CatalogEmbedder } from '../search/embedders/catalog.js';
import { decodeCatalogParams } from '../search/embedders/catalog-params.js';
import { trainCatalog } from '../search/embedders/train-catalog.js';
import type { Embedder } from '../search/embedder.js';
import { searchEngine, type EngineTuning } from '../search/engines.js';
import { quantize, vectorStats } from '../search/vectors/quantize.js';
import { activateEmbeddingModel, createEmbeddingModel, writeEmbeddings } from '../store/embeddings.js';
import { meanScores, type EvalScores } from '../search/metrics.js';
import { openMigratedStore, type Store } from '../store/db.js';
import { registerEmbedder } from '../search/semantic-index.js';
import { keywordIndex, type KeywordDoc } from '../store/keyword-index.js';

/** Documents per indexing transaction. */
const INDEX_BATCH = 2_000;
/** Ranked results kept per query: recall is measured at 100. */
const DEPTH = 100;

export interface EvalOptions {
  readonly corpus: string;
  readonly queries: string;
  readonly qrels: string;
  readonly mode: SearchMode;
  /** Ranking knobs, for ablations; the site's defaults otherwise. */
  readonly tuning?: EngineTuning;
  /** Semantic and hybrid modes: the embedder ('catalog' trains one on the corpus, as the site does on its catalog). */
  readonly embedder?: 'catalog' | Embedder;
  /** Where the converted GloVe vectors are kept; null leaves GloVe out (ablations). */
  readonly cacheDir: string | null;
  readonly onProgress?: (message: string) => void;
}

export type EvalSummary = { readonly mode: SearchMode } & EvalScores & { readonly skips: readonly BeirSkip[] };

export async function evalSearch(options: EvalOptions): Promise<EvalSummary> {
  const log = options.onProgress ?? (() => {});
  const skips: BeirSkip[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-eval-'));
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dir, 'eval.sqlite') });
  try {
    const index = keywordIndex(store);
    let started = Date.now();
    let batch: KeywordDoc[] = [];
    const all: { key: string; title: string; text: string }[] = [];
    let docs = 0;
    for await (const d of readBeirCorpus(options.corpus, skips)) {
      batch.push({ key: d.id, title: d.title, abstract: d.text, authors: [] });
      if (options.mode !== 'keyword') all.push({ key: d.id, title: d.title, text: d.text });
      if (batch.length >= INDEX_BATCH) {
        await index.write(batch);
        docs += batch.length;
        batch = [];
        log(`indexed ${docs} documents`);
      }
    }
    await index.write(batch);
    docs += batch.length;
    log(`indexed ${docs} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (options.mode !== 'keyword') await embedCorpus(store, all, options, log);

    const [queries, qrels] = await Promise.all([readBeirQueries(options.queries, skips), readBeirQrels(options.qrels, skips)]);
    const judged = queries.filter((q) => qrels.has(q.id));
    const engine = searchEngine(store, options.mode, options.tuning);
    started = Date.now();
    const runs = [];
    for (const q of judged) {
      const result = await engine.search({
        query: parseQuery(q.text),
        filters: null,
        sort: 'relevance',
        limit: DEPTH,
        offset: 0,
        highlight: false,
        count: false,
      });
      runs.push({ ranked: result.hits.map((h) => h.key), relevant: qrels.get(q.id) ?? new Set<string>() });
    }
    log(`ran ${judged.length} queries in ${((Date.now() - started) / 1000).toFixed(1)} s (${queries.length - judged.length} without judgments skipped)`);
    return { mode: options.mode, ...meanScores(runs), skips };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Embeds the corpus into the store as the embed job does for the catalog, and activates the model. */
async function embedCorpus(store: Store, docs: readonly { key: string; title: string; text: string }[], options: EvalOptions, log: (m: string) => void): Promise<void> {
  let started = Date.now();
  let embedder: Embedder;
  if (options.embedder === undefined || options.embedder === 'catalog') {
    const params = await trainCatalog(
      docs.map((d) => `${d.title}\n${d.text}`),
      options.cacheDir,
    );
    embedder = new CatalogEmbedder('catalog:eval', decodeCatalogParams(params));
    log(`trained the catalog embedder in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    embedder = options.embedder;
  }
  started = Date.now();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < docs.length; i += INDEX_BATCH) vectors.push(...(await embedder.embedDocuments(docs.slice(i, i + INDEX_BATCH))));
  const { center, scale } = vectorStats(vectors.slice(0, 2_000));
  await createEmbeddingModel(store, { id: embedder.id, dims: embedder.dims, scale, center, params: null, trainedDocs: docs.length }, new Date());
  for (let i = 0; i < docs.length; i += INDEX_BATCH) {
    await writeEmbeddings(
      store,
      embedder.id,
      docs.slice(i, i + INDEX_BATCH).map((d, j) => ({ key: d.key, contentHash: null, vector: quantize(vectors[i + j]!, scale, center) })),
    );
  }
  await activateEmbeddingModel(store, embedder.id);
  registerEmbedder(store, embedder);
  log(`embedded ${docs.length} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
