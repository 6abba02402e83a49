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
import { FlatIndex, type VectorHit } from './vectors/flat-index.js';

/** How stale a process's vectors may get before a query looks for new ones (ms). */
export const REFRESH_MS = 2_000;
/** Rows read per refresh query (~2.5 MB of 256-d int8 vectors with keys). */
const LOAD_BATCH = 10_000;

export interface SemanticSnapshot {
  readonly modelId: string;
  readonly embedder: Embedder;
  readonly index: FlatIndex;
  search(query: Float32Array, k: number, accept?: (key: string) => boolean): VectorHit[];
}

export class SemanticUnavailableError extends Error {}

class SemanticIndex {
  private state: { model: EmbeddingModelRow; embedder: Embedder; index: FlatIndex; seq: number } | null = null;
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly embedders: Map<string, Embedder>,
  ) {}

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
    return { modelId: s.model.id, embedder: s.embedder, index: s.index, search: (q, k, accept) => s.index.search(q, k, accept) };
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
      this.state = { model, embedder, index: new FlatIndex(model.dims, model.scale), seq: 0 };
    }
    const s = this.state;
    for (;;) {
      const rows = await embeddingsAfter(this.store, model.id, s.seq, LOAD_BATCH);
      for (const r of rows) s.index.upsert(r.key, r.vector);
      if (rows.length > 0) s.seq = rows[rows.length - 1]!.seq;
      if (rows.length < LOAD_BATCH) break;
    }
  }

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
