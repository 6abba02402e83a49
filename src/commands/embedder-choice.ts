// The embedder the configuration asks for: the catalog embedder (trained by the embed job) or a
// local ONNX model, loaded once per use (the caller closes it).
import type { Config } from '../config.js';
import { OnnxEmbedder, OnnxModelFolderError } from '../search/embedders/onnx.js';
import path from 'node:path';
import { registerEmbedder, useApproximateIndex } from '../search/semantic-index.js';
import type { Store } from '../store/db.js';
import type { EmbedderChoice } from './embed-papers.js';

/** The configured model cannot be used (a missing or incomplete ONNX folder): a configuration error. */
export class EmbedderConfigError extends Error {}

export async function embedderChoice(config: Pick<Config, 'embedder'>): Promise<EmbedderChoice> {
  if (config.embedder === 'catalog') return 'catalog';
  try {
    return await OnnxEmbedder.load(config.embedder.folder);
  } catch (err) {
    if (err instanceof OnnxModelFolderError) throw new EmbedderConfigError(err.message);
    throw err;
  }
}

export async function closeChoice(choice: EmbedderChoice): Promise<void> {
  if (choice !== 'catalog') await choice.close();
}

/**
 * A serving process embeds queries with the model that embedded the papers: the catalog embedder
 * comes from the database, an ONNX model must be loaded here (it stays open for the process). It
 * also keeps its HNSW index files in the cache dir.
 */
export async function prepareSemanticSearch(store: Store, config: Config, log: (message: string) => void): Promise<void> {
  useApproximateIndex(store, path.join(config.cacheDir, 'ann'), log);
  if (config.embedder === 'catalog') return;
  registerEmbedder(store, await OnnxEmbedder.load(config.embedder.folder));
}
