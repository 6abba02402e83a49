// Conversion of the wink GloVe JSON to the compact int8 file, on a synthetic file in the same format
// (never the real 307 MB one): 3 MiB, so the 1 MiB read chunks split it, with the splits placed
// inside the tricky entries — a UTF-8 character, an escaped quote, a key that is a JSON bracket — and
// right before the `}` closing the vectors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertGlove, ensureGlove, loadWordVectors } from '../../src/search/vectors/glove-file.js';
import { seededRandom } from '../../src/search/vectors/linalg.js';

const DIMS = 12;
/** convertGlove's read size: the splits below are placed at its multiples. */
const CHUNK = 1 << 20;
const TRICKY = ['naïve', ']', '"', '\\', 'a,b', '[x]', '{', '}', ':', 'q":[0]', 'ünïcödé', '😀', 'Schölkopf'];

interface Synthetic {
  readonly json: string;
  /** Every word with a well-formed vector, as written (components rounded to 6 decimals). */
  readonly vectors: Map<string, number[]>;
}

/**
 * A wink-format file: `{"precision":…,"words":[…],"vectors":{"word":[x1…xD,norm,index],…},"unkVector":[…]}`.
 * Each placement pads with ordinary words, then sizes one filler word so that a chosen byte of the
 * placed word's entry lands exactly on a chunk boundary.
 */
function synthetic(): Synthetic {
  const random = seededRandom(2024);
  const vectors = new Map<string, number[]>();
  const entries: string[] = [];
  // convertGlove never reads "words" or "size"; the size is space-padded so the header's length is
  // known before the entries are.
  const header = (size: number) =>
    `{"precision":8,"l2NormIndex":${DIMS},"wordIndex":${DIMS + 1},"size":${String(size).padStart(8)},"dimensions":${DIMS},"words":${JSON.stringify(['the', 'of', ...TRICKY])},"vectors":{`;
  let offset = Buffer.byteLength(header(0));
  const entryText = (word: string, vector: readonly number[], index: number): string =>
    `${index === 0 ? '' : ','}${JSON.stringify(word)}:[${vector.join(',')},${Math.hypot(...vector).toFixed(8)},${index}]`;
  const randomVector = () => Array.from({ length: DIMS }, () => Number((random() * 2 - 1).toFixed(6)));
  const add = (word: string, vector = randomVector(), keep = true) => {
    const text = entryText(word, vector, entries.length);
    entries.push(text);
    offset += Buffer.byteLength(text);
    if (keep) vectors.set(word, vector);
  };
  const ordinary = () => `w${String(entries.length).padStart(6, '0')}`;

  /** Adds `word` so that byte `at(entry)` of its entry falls on byte `boundary` of the file. */
  const place = (word: string, at: (entry: string) => number, boundary: number, vector = randomVector()) => {
    while (offset + 800 < boundary) add(ordinary());
    const filler = ordinary();
    const fillerVector = randomVector();
    const byte = at(entryText(word, vector, entries.length + 1));
    const need = boundary - byte - offset - Buffer.byteLength(entryText(filler, fillerVector, entries.length));
    if (need < 0) throw new Error(`cannot place ${word} at ${boundary}`);
    add(`${filler}${'x'.repeat(need)}`, fillerVector);
    add(word, vector);
  };

  add('the');
  add('of');
  // A row of the wrong length is skipped, not an error (the source's unkVector is such a row).
  add('short', randomVector().slice(1), false);
  for (const w of TRICKY) if (!['naïve', '"', ']'].includes(w)) add(w);
  // 1 MiB: the two bytes of "ï" in different chunks.
  place('naïve', () => Buffer.byteLength(',"na') + 1, CHUNK);
  // 2 MiB: between a backslash and the quote it escapes.
  place('"', () => Buffer.byteLength(',"\\'), 2 * CHUNK);
  // 3 MiB: just after a lone "]" key, which looks like the end of a vector.
  place(']', () => Buffer.byteLength(',"]'), 3 * CHUNK);
  // 4 MiB: the last entry ends exactly at the boundary; the next chunk starts with the closing `}`.
  place('zebra', (entry) => Buffer.byteLength(entry), 4 * CHUNK, [1, ...Array<number>(DIMS - 1).fill(0)]);
  const json = `${header(entries.length)}${entries.join('')}},"unkVector":[${Array<number>(DIMS).fill(0).join(',')},-1]}`;
  return { json, vectors };
}

let dir: string;
let source: Synthetic;
let sourceFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-glove-'));
  source = synthetic();
  sourceFile = path.join(dir, 'wink.json');
  fs.writeFileSync(sourceFile, source.json);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const leftovers = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.tmp'));

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    d += a[k]! * b[k]!;
    na += a[k]! ** 2;
    nb += b[k]! ** 2;
  }
  return d / Math.sqrt(na * nb);
}

describe('convertGlove and loadWordVectors', () => {
  it('builds a synthetic source whose chunk boundaries fall inside the tricky entries', () => {
    const bytes = Buffer.from(source.json);
    expect(bytes.length).toBeGreaterThan(4 * CHUNK);
    // "ï" is C3 AF in UTF-8.
    expect([bytes[CHUNK - 1], bytes[CHUNK]]).toEqual([0xc3, 0xaf]);
    expect(bytes.toString('utf8', CHUNK - 4, CHUNK + 4)).toBe('"naïve"');
    expect(bytes.toString('latin1', 2 * CHUNK - 3, 2 * CHUNK + 4)).toBe(',"\\"":[');
    expect(bytes.toString('latin1', 3 * CHUNK - 3, 3 * CHUNK + 3)).toBe(',"]":[');
    expect(bytes.toString('latin1', 4 * CHUNK - 1, 4 * CHUNK + 3)).toBe(']},"');
  });

  it('keeps every word with its vector: same words, unit length, cosine ≥ 0.999 with the original', async () => {
    const target = path.join(dir, 'nested', 'cache', 'glove.i8');
    const count = await convertGlove(sourceFile, target);
    expect(count).toBe(source.vectors.size);
    expect(leftovers(path.dirname(target))).toEqual([]);
    const loaded = loadWordVectors(target);
    expect(loaded.dims).toBe(DIMS);
    expect(loaded.size).toBe(source.vectors.size);
    for (const word of [...TRICKY, 'the', 'zebra']) expect(loaded.get(word), word).toBeDefined();
    for (const [word, original] of source.vectors) {
      const v = loaded.get(word)!;
      expect(Math.hypot(...v), word).toBeCloseTo(1, 6);
      expect(cosine(v, original), word).toBeGreaterThanOrEqual(0.999);
    }
    expect(loaded.get('short')).toBeUndefined();
    expect(loaded.get('unkVector')).toBeUndefined();
    expect(loaded.get('Naïve')).toBeUndefined();
  });

  it('rejects a file without word vectors and leaves nothing behind', async () => {
    const garbage = path.join(dir, 'garbage.json');
    fs.writeFileSync(garbage, '{"precision":8,"words":["a","b"],"other":{"a":[1,2,3]}}');
    const out = path.join(dir, 'out-garbage');
    fs.mkdirSync(out);
    await expect(convertGlove(garbage, path.join(out, 'glove.i8'))).rejects.toThrow(/no word vectors found/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('rejects a truncated source instead of writing part of the vocabulary, keeping the previous file', async () => {
    const truncated = path.join(dir, 'truncated.json');
    fs.writeFileSync(truncated, Buffer.from(source.json).subarray(0, Math.floor(2.5 * CHUNK)));
    const out = path.join(dir, 'out-truncated');
    const target = path.join(out, 'glove.i8');
    await expect(convertGlove(truncated, target)).rejects.toThrow(/truncated/);
    expect(fs.existsSync(target)).toBe(false);
    // Over an earlier good conversion, the failed one changes nothing.
    await convertGlove(sourceFile, target);
    const before = fs.readFileSync(target);
    await expect(convertGlove(truncated, target)).rejects.toThrow(/truncated/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(leftovers(out)).toEqual([]);
  });

  it('refuses to load a file that is not a converted one, or is cut short', async () => {
    const target = path.join(dir, 'for-load.i8');
    await convertGlove(sourceFile, target);
    const good = fs.readFileSync(target);
    const cut = path.join(dir, 'cut.i8');
    fs.writeFileSync(cut, good.subarray(0, good.length - 5));
    expect(() => loadWordVectors(cut)).toThrow(/truncated word-vector file/);
    fs.writeFileSync(cut, good.subarray(0, 10));
    expect(() => loadWordVectors(cut)).toThrow(/not a word-vector file/);
    fs.writeFileSync(cut, source.json.slice(0, 1000));
    expect(() => loadWordVectors(cut)).toThrow(/not a word-vector file/);
  });

  it('ensureGlove uses a converted file already in the cache folder', async () => {
    const cache = path.join(dir, 'cache');
    fs.mkdirSync(cache);
    const file = path.join(cache, 'glove-sg-100d.i8');
    fs.copyFileSync(path.join(dir, 'for-load.i8'), file);
    expect(await ensureGlove(cache)).toBe(file);
  });
});
