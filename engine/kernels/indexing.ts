import { allocate, allocateUnset } from "../buffers.ts";

type Data = Readonly<Float32Array>;

/** out[i] = x[offsets[i]]: a gather at precomputed element offsets (a strided view, a take). */
export function gatherAt(x: Data, offsets: Int32Array): Float32Array {
  const out = allocateUnset(offsets.length);
  for (let i = 0; i < offsets.length; i++) out[i] = x[offsets[i]!]!;
  return out;
}

/** gatherAt's adjoint: g[i] added into a zero buffer of `size` at offsets[i] (repeats accumulate). */
export function scatterAddAt(g: Data, size: number, offsets: Int32Array): Float32Array {
  const out = allocate(size);
  for (let i = 0; i < offsets.length; i++) out[offsets[i]!]! += g[i]!;
  return out;
}
