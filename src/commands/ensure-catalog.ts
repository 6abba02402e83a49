// Use-case: on first start, an empty catalog is filled from the bundled papers so a new install
// shows a populated site offline. A catalog with any paper in it is left alone.
import fs from 'node:fs';
import type { Store } from '../store/db.js';
import { countPapers } from '../store/papers-read.js';
import { importHfDaily, type ImportSummary } from './import-hf-daily.js';

export async function ensureCatalog(store: Store, bundlePath: string | null): Promise<ImportSummary | null> {
  if (bundlePath === null || (await countPapers(store.db)) > 0) return null;
  if (!fs.existsSync(bundlePath)) throw new Error(`bundled papers not found at ${bundlePath} (set PAPERBOY_BUNDLE=off to start empty)`);
  return importHfDaily(store, bundlePath);
}
