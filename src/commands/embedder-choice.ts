// The embedder the configuration asks for: the catalog embedder (trained by the embed job) or a
// local ONNX model, loaded once per use (the caller closes it).
import type { Config } from '../config.js';
import { OnnxEmbedder } from '../search/embedders/onnx.js';
import { registerEmbedder } from '../search/semantic-index.js';
import type { Store } from '../store/db.js';
import type { EmbedderChoice } from './embed-papers.js';

export async function embedderChoice(config: Config): Promise<EmbedderChoice> {
  return config.embedder === 'catalog' ? 'catalog' : OnnxEmbedder.load(config.embedder.folder);
}

export async function closeChoice(choice: EmbedderChoice): Promise<void> {
  if (choice !== 'catalog') await choice.close();
}

/**
 * A serving process embeds queries with the model that embedded the papers: the catalog embedder
 * comes from the database, an ONNX model must be loaded here (it stays open for the process).
 */
export async function prepareQueryEmbedder(store: Store, config: Config): Promise<void> {
  if (config.embedder === 'catalog') return;
  registerEmbedder(store, await OnnxEmbedder.load(config.embedder.folder));
}
