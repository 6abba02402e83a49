// Trains the catalog embedder. Training a 256-dimension model on ~10,000 abstracts takes ~30 s
// of CPU, so when the compiled worker script is available (the built site) it runs on a worker
// thread and the serving process keeps answering requests; from TypeScript sources (tests, the
// benchmark harness) it runs inline.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureGlove, loadWordVectors } from '../vectors/glove-file.js';
import { DEFAULT_CATALOG_TRAIN, trainCatalogEmbedder, type CatalogTrainOptions } from './catalog.js';
import { encodeCatalogParams } from './catalog-params.js';

export interface TrainInput {
  readonly texts: readonly string[];
  /** Where the converted GloVe file is (or is made, the first time); null trains without GloVe. */
  readonly cacheDir: string | null;
  readonly options: CatalogTrainOptions;
}

export async function trainEncoded(input: TrainInput): Promise<Uint8Array> {
  // The one-time GloVe conversion (~14 s, ~500 MB while it runs) happens here too, off the serving thread.
  const glovePath = input.cacheDir === null || input.options.gloveWeight === 0 ? null : await ensureGlove(input.cacheDir);
  const glove = glovePath ? loadWordVectors(glovePath) : null;
  const embedder = trainCatalogEmbedder('training', input.texts, glove, input.options);
  return new Uint8Array(encodeCatalogParams(embedder.params));
}

function workerScript(): string | null {
  const url = new URL('./train-worker.js', import.meta.url);
  const file = fileURLToPath(url);
  return fs.existsSync(file) ? file : null;
}

/** The encoded parameters of a model trained on `texts` (title and abstract per text). */
export async function trainCatalog(texts: readonly string[], cacheDir: string | null, options: CatalogTrainOptions = DEFAULT_CATALOG_TRAIN): Promise<Uint8Array> {
  const input: TrainInput = { texts, cacheDir, options };
  const script = workerScript();
  if (!script) return trainEncoded(input);
  const worker = new Worker(script, { workerData: input });
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', (m: Uint8Array) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`embedder training stopped (exit ${code})`)));
    });
  } finally {
    await worker.terminate();
  }
}
