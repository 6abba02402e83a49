// The vectors of the active embedding model, held in memory by each serving process and brought
// up to date from the database (at most every REFRESH_MS, reading only rows written since the last
// look), with the embedder that made them, so a query is embedded in the same space. The catalog
// embedder is rebuilt from the parameters stored with the model; other embedders (ONNX) are
// registered by the process that configured them.
import type { Store } from '../store/db.js';
import { embeddingModel, embeddingsAfter, type EmbeddingModelRow } from '../store/embeddings.js';
import type { Embedder } from './embedder.js';
import { CatalogEmbedder } from './embedders/catalog.js';
import { decodeCatalogParams } from './embedders/catalog-params.js';
import fs from 'node:fs';
import path from 'node:path';
import { buildAnn } from './vectors/ann-build.js';
import type { AnnIndex } from './vectors/ann-index.js';
import { FlatIndex, type VectorHit } from './vectors/flat-index.js';

/** How stale a process's vectors may get before a query looks for new ones (ms). */
export const REFRESH_MS = 2_000;
/** Rows read per refresh query (~2.5 MB of 256-d int8 vectors with keys). */
const LOAD_BATCH = 10_000;

/**
 * From this many vectors on, a serving process builds an HNSW index (in the background) and scans
 * exactly only the vectors added since: an exact scan costs ~0.25 µs per 256-d vector, so 50,000
 * take ~12 ms, about the budget of one search.
 */
export const ANN_THRESHOLD = 50_000;
/**
 * Rebuild the HNSW index once this many vectors are newer than it: the exact scan of that tail
 * costs ~0.25 µs per vector (2.5 ms at 10,000), on top of the graph search.
 */
const ANN_REBUILD_TAIL = 10_000;
/** Graph hits rescored exactly per search (100 int8 dot products: ~25 µs). */
const ANN_CANDIDATES = 200;

export interface SemanticSnapshot {
  readonly modelId: string;
  readonly embedder: Embedder;
  readonly index: FlatIndex;
  /** Vectors the approximate index covers (0: every search is exact). */
  readonly approximate: number;
  search(query: Float32Array, k: number, accept?: (key: string) => boolean): VectorHit[];
}

export class SemanticUnavailableError extends Error {}

interface State {
  readonly model: EmbeddingModelRow;
  readonly embedder: Embedder;
  readonly index: FlatIndex;
  seq: number;
  ann: AnnIndex | null;
  annBuilding: boolean;
}

/** Nearest keys: the HNSW graph for the vectors it covers, an exact scan for the rest. */
function searchState(s: State, query: Float32Array, k: number, accept?: (key: string) => boolean): VectorHit[] {
  const ann = s.ann;
  if (!ann) return s.index.search(query, k, accept);
  // The graph's best ANN_CANDIDATES are rescored exactly (which also corrects a key written again
  // since the graph was built) and the best k kept: cheaper than a wider graph search, and it
  // lifts recall@10 where near neighbours have nearly equal scores.
  const approximate = ann
    .search(query, Math.max(ANN_CANDIDATES, accept ? k * 4 : k))
    .filter((h) => !accept || accept(h.key))
    .map((h) => ({ key: h.key, score: s.index.score(query, h.key) ?? h.score }));
  const tail = s.index.search(query, k, accept, ann.size);
  const merged = new Map<string, VectorHit>();
  for (const h of [...approximate, ...tail]) merged.set(h.key, h);
  return [...merged.values()].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1)).slice(0, k);
}

/** Older index files (earlier builds, other models). On Linux a process still mapping one keeps it until it lets go. */
function removeOtherFiles(dir: string, keep: readonly string[]): void {
  for (const name of fs.readdirSync(dir)) {
    if (!keep.includes(name) && /\.usearch(\.keys)?$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

class SemanticIndex {
  private state: State | null = null;
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;
  /** Where HNSW files go; null: no approximate index (exact search at any size). */
  annDir: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly embedders: Map<string, Embedder>,
  ) {}

  /** Builds (or maps a saved) HNSW index when the exact part has grown too large; never throws. */
  private maybeBuildAnn(s: State, log: (m: string) => void): void {
    const size = s.index.size;
    if (this.annDir === null || s.annBuilding || size < ANN_THRESHOLD) return;
    if (s.ann && size - s.ann.size < ANN_REBUILD_TAIL) return;
    s.annBuilding = true;
    const { data, keys } = s.index.snapshot();
    const file = path.join(this.annDir, `${s.model.id.replace(/[^A-Za-z0-9._-]/g, '_')}-${keys.length}.usearch`);
    const started = Date.now();
    buildAnn({ data, keys, dims: s.index.dims, scale: s.index.scale, file })
      .then((ann) => {
        s.ann = ann;
        removeOtherFiles(path.dirname(file), [path.basename(file), `${path.basename(file)}.keys`]);
        log(`semantic search: HNSW index of ${ann.size} vectors ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      })
      .catch((err: unknown) => log(`semantic search: HNSW build failed (${err instanceof Error ? err.message : String(err)}); searching exactly`))
      .finally(() => {
        s.annBuilding = false;
      });
  }

  /** Waits for a running HNSW build (benchmarks and tests). */
  async settled(): Promise<void> {
    while (this.state?.annBuilding) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** The current vectors, or null when no model is active yet (the embedding job has not run). */
  async snapshot(now = Date.now()): Promise<SemanticSnapshot | null> {
    if (now - this.checkedAt >= REFRESH_MS) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
        this.checkedAt = Date.now();
      });
      await this.refreshing;
    }
    const s = this.state;
    if (!s) return null;
    return { modelId: s.model.id, embedder: s.embedder, index: s.index, approximate: s.ann?.size ?? 0, search: (q, k, accept) => searchState(s, q, k, accept) };
  }

  private async refresh(): Promise<void> {
    const model = await embeddingModel(this.store, 'active');
    if (!model) {
      this.state = null;
      return;
    }
    if (this.state?.model.id !== model.id) {
      const embedder = this.embedderFor(model);
      if (!embedder) throw new SemanticUnavailableError(`the active embedding model ${model.id} is not the one this process is configured with`);
      this.state = { model, embedder, index: new FlatIndex(model.dims, model.scale, model.center), seq: 0, ann: null, annBuilding: false };
    }
    const s = this.state;
    for (;;) {
      const rows = await embeddingsAfter(this.store, model.id, s.seq, LOAD_BATCH);
      for (const r of rows) s.index.upsert(r.key, r.vector);
      if (rows.length > 0) s.seq = rows[rows.length - 1]!.seq;
      if (rows.length < LOAD_BATCH) break;
    }
    this.maybeBuildAnn(s, this.log);
  }

  log: (message: string) => void = () => {};

  private embedderFor(model: EmbeddingModelRow): Embedder | null {
    const known = this.embedders.get(model.id);
    if (known) return known;
    if (model.params) return new CatalogEmbedder(model.id, decodeCatalogParams(model.params));
    return null;
  }
}

const indexes = new WeakMap<Store, SemanticIndex>();
const registered = new WeakMap<Store, Map<string, Embedder>>();

/** Makes an embedder that cannot be rebuilt from the database (ONNX) usable for its model's queries. */
export function registerEmbedder(store: Store, embedder: Embedder): void {
  let m = registered.get(store);
  if (!m) {
    m = new Map();
    registered.set(store, m);
  }
  m.set(embedder.id, embedder);
}

/** The vectors, or null when there are none this process can use (not built yet, or another model's). */
export async function usableSnapshot(store: Store): Promise<SemanticSnapshot | null> {
  try {
    return await semanticIndex(store).snapshot();
  } catch (err) {
    if (err instanceof SemanticUnavailableError) return null;
    throw err;
  }
}

/** The vectors, or SemanticUnavailableError (a 503) when this process has none it can use yet. */
export async function readySnapshot(store: Store): Promise<SemanticSnapshot> {
  const snapshot = await semanticIndex(store).snapshot();
  if (!snapshot) throw new SemanticUnavailableError('Semantic search is not ready yet: the papers are still being embedded.');
  return snapshot;
}

/** Lets serving processes build HNSW indexes (files under `dir`) and report on them. */
export function useApproximateIndex(store: Store, dir: string, log: (message: string) => void): void {
  const index = semanticIndex(store);
  index.annDir = dir;
  index.log = log;
}

export function semanticIndex(store: Store): SemanticIndex {
  let index = indexes.get(store);
  if (!index) {
    let m = registered.get(store);
    if (!m) {
      m = new Map();
      registered.set(store, m);
    }
    index = new SemanticIndex(store, m);
    indexes.set(store, index);
  }
  return index;
}
