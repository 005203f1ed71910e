import { allocateUnset } from "../buffers.ts";

/**
 * Pieces joined along one axis: each piece is `outer` blocks of lengths[k]·inner floats, and the
 * output interleaves them block by block (`total` is the sum of lengths).
 */
export function concatBlocks(parts: readonly Readonly<Float32Array>[], lengths: readonly number[],
  outer: number, inner: number, total: number): Float32Array {
  const out = allocateUnset(outer * total * inner);
  let start = 0;
  for (const [k, part] of parts.entries()) {
    const chunk = lengths[k]! * inner;
    for (let o = 0; o < outer; o++) out.set(part.subarray(o * chunk, (o + 1) * chunk), (o * total + start) * inner);
    start += lengths[k]!;
  }
  return out;
}
