// int8 storage of unit vectors with one scale per model: a component x is stored as
// round(x · scale), clamped to ±127. One global scale (not a per-component mapping of [-1, 1])
// keeps dot products of stored vectors proportional to the true ones, so ranking needs no
// per-component correction. The scale comes from the model's own vectors: 127 over the largest
// component magnitude seen in a sample, so almost nothing clamps and small components keep
// resolution (a 256-d unit vector's components are mostly below 0.2).

/** 127 / the 99.99th-percentile |component| of `sample` (every vector unit length). */
export function chooseScale(sample: readonly Float32Array[]): number {
  const all: number[] = [];
  for (const v of sample) for (const x of v) all.push(Math.abs(x));
  if (all.length === 0) return 127;
  all.sort((a, b) => a - b);
  const high = all[Math.min(all.length - 1, Math.floor(all.length * 0.9999))] ?? 1;
  return 127 / Math.max(high, 1e-6);
}

export function quantize(v: Float32Array, scale: number): Int8Array {
  const out = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round(v[i]! * scale)));
  return out;
}

export function dequantize(v: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(v.length);
  const inv = 1 / scale;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
}
