// What turns text into a vector. Every embedder returns unit-length Float32 vectors of `dims`
// components; vectors are only ever compared with vectors of the same `id` (the id names the model
// and, for models trained on the catalog, the training run), so a model change re-embeds the catalog
// instead of mixing spaces.
export interface EmbedDoc {
  readonly title: string;
  readonly text: string;
}

export interface Embedder {
  /** Names the vector space, e.g. `onnx:all-MiniLM-L6-v2` or `catalog:<training run>`. */
  readonly id: string;
  readonly dims: number;
  /** One unit vector per document (title and abstract), in order. */
  embedDocuments(docs: readonly EmbedDoc[]): Promise<Float32Array[]>;
  /** The unit vector of a search query (models that tell queries from passages apart may differ). */
  embedQuery(text: string): Promise<Float32Array>;
  /** Frees native resources (ONNX sessions); pure-JS embedders have nothing to free. */
  close(): Promise<void>;
}

/** Scales `v` to unit length in place; a zero vector stays zero (it matches nothing). */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
  }
  return v;
}
