// The catalog embedder's parameters as one binary value for the database, so every process (on any
// machine sharing the database) embeds queries exactly as the job embedded the papers. Vectors are
// stored as int8 with one scale per row: ~60,000 terms × 256 dims take ~15 MB instead of ~61 MB, and
// the rounding (≤ 0.4 % of a row's largest component) changes no ranking measurably.
import { z } from 'zod';
import type { CatalogEmbedderParams } from './catalog.js';

const Header = z.object({
  version: z.literal(1),
  terms: z.array(z.string()),
  termDims: z.number().int().positive(),
  gloveWords: z.array(z.string()).nullable(),
  gloveDims: z.number().int().nonnegative(),
  gloveWeight: z.number().nonnegative(),
});

function quantizeRows(v: Float32Array, rows: number, dims: number): { scales: Float32Array; values: Int8Array } {
  const scales = new Float32Array(rows);
  const values = new Int8Array(rows * dims);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < dims; k++) max = Math.max(max, Math.abs(v[r * dims + k]!));
    const s = max / 127 || 1;
    scales[r] = s;
    for (let k = 0; k < dims; k++) values[r * dims + k] = Math.round(v[r * dims + k]! / s);
  }
  return { scales, values };
}

function dequantizeRows(scales: Float32Array, values: Int8Array, dims: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * scales[Math.floor(i / dims)]!;
  return out;
}

const bytes = (a: Float32Array | Int8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export function encodeCatalogParams(p: CatalogEmbedderParams): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      version: 1,
      terms: p.term.terms,
      termDims: p.term.dims,
      gloveWords: p.glove?.words ?? null,
      gloveDims: p.glove?.dims ?? 0,
      gloveWeight: p.gloveWeight,
    }),
    'utf8',
  );
  const term = quantizeRows(p.term.vectors, p.term.terms.length, p.term.dims);
  const glove = p.glove ? quantizeRows(p.glove.vectors, p.glove.words.length, p.glove.dims) : null;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  // Float32 sections first after the header, each copied out on decode (alignment is not assumed).
  return Buffer.concat([length, header, bytes(p.term.idf), bytes(term.scales), bytes(glove?.scales ?? new Float32Array(0)), bytes(term.values), bytes(glove?.values ?? new Int8Array(0))]);
}

export class CorruptParamsError extends Error {}

export function decodeCatalogParams(buf: Uint8Array): CatalogEmbedderParams {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 4) throw new CorruptParamsError('embedder parameters: empty');
  const headerLength = b.readUInt32LE(0);
  if (4 + headerLength > b.length) throw new CorruptParamsError('embedder parameters: truncated header');
  let json: unknown;
  try {
    json = JSON.parse(b.toString('utf8', 4, 4 + headerLength));
  } catch (e) {
    throw new CorruptParamsError(`embedder parameters: unreadable header (${(e as Error).message})`);
  }
  const parsed = Header.safeParse(json);
  if (!parsed.success) throw new CorruptParamsError(`embedder parameters: ${parsed.error.message}`);
  const h = parsed.data;
  const nTerms = h.terms.length;
  const nGlove = h.gloveWords?.length ?? 0;
  // Checked before slicing: a Float32Array of a cut section would throw a RangeError of its own.
  const expected = 4 + headerLength + 4 * (2 * nTerms + nGlove) + nTerms * h.termDims + nGlove * h.gloveDims;
  if (b.length !== expected) throw new CorruptParamsError(`embedder parameters: ${b.length} bytes where the header implies ${expected}`);
  let at = 4 + headerLength;
  const f32 = (n: number) => {
    const out = new Float32Array(b.buffer.slice(b.byteOffset + at, b.byteOffset + at + n * 4));
    at += n * 4;
    return out;
  };
  const i8 = (n: number) => {
    const out = new Int8Array(b.buffer.slice(b.byteOffset + at, b.byteOffset + at + n));
    at += n;
    return out;
  };
  const idf = f32(nTerms);
  const termScales = f32(nTerms);
  const gloveScales = f32(nGlove);
  const termValues = i8(nTerms * h.termDims);
  const gloveValues = i8(nGlove * h.gloveDims);
  if (at !== b.length || idf.length !== nTerms || termValues.length !== nTerms * h.termDims) throw new CorruptParamsError('embedder parameters: truncated');
  return {
    term: { terms: h.terms, idf, dims: h.termDims, vectors: dequantizeRows(termScales, termValues, h.termDims) },
    glove: h.gloveWords ? { words: h.gloveWords, dims: h.gloveDims, vectors: dequantizeRows(gloveScales, gloveValues, h.gloveDims) } : null,
    gloveWeight: h.gloveWeight,
  };
}
