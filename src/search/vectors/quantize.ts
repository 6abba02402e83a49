// int8 storage of a model's unit vectors: a component x is stored as round((x − c) · scale),
// clamped to ±127, with one scale and one center c (the mean of the model's vectors) per model.
// One global scale (not a per-component mapping of [-1, 1]) keeps dot products proportional to
// the true ones. The center matters because embeddings share a large common direction (the first
// latent dimension of every abstract is big and positive): subtracting it leaves small residuals
// that the 255 levels resolve finely, and ranking is unchanged, since for a query q,
// q·x = q·c + q·(x − c) and q·c is the same for every paper. The scale is 127 over the
// 99.99th-percentile residual component of a sample, so almost nothing clamps.

/** The center and scale of a model, from a sample of its (unit) vectors. */
export function vectorStats(sample: readonly Float32Array[]): { center: Float32Array; scale: number } {
  const dims = sample[0]?.length ?? 0;
  const center = new Float32Array(dims);
  for (const v of sample) for (let k = 0; k < dims; k++) center[k]! += v[k]! / sample.length;
  return { center, scale: chooseScale(sample.map((v) => v.map((x, k) => x - center[k]!))) };
}

/** 127 / the 99.99th-percentile |component| of `sample`. */
export function chooseScale(sample: readonly Float32Array[]): number {
  const all: number[] = [];
  for (const v of sample) for (const x of v) all.push(Math.abs(x));
  if (all.length === 0) return 127;
  all.sort((a, b) => a - b);
  const high = all[Math.min(all.length - 1, Math.floor(all.length * 0.9999))] ?? 1;
  return 127 / Math.max(high, 1e-6);
}

export function quantize(v: Float32Array, scale: number, center: Float32Array | null = null): Int8Array {
  const out = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round((v[i]! - (center?.[i] ?? 0)) * scale)));
  return out;
}

export function dequantize(v: Int8Array, scale: number, center: Float32Array | null = null): Float32Array {
  const out = new Float32Array(v.length);
  const inv = 1 / scale;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv + (center?.[i] ?? 0);
  return out;
}
