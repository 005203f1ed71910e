import { ArgumentError, formatShape } from "../errors.ts";
import { normalizeAxis, sizeOf, stridesOf } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { allocateUnset } from "../buffers.ts";

/** Permute axes; without `perm`, reverse them (NumPy). The VJP applies the inverse permutation. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const rank = x.rank;
  const p = perm === undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : perm.map((a) => normalizeAxis("transpose", a, rank));
  if (p.length !== rank || new Set(p).size !== rank) {
    throw new ArgumentError("transpose", `perm ${formatShape(perm ?? [])} is not a permutation of the ${rank} axes of ${formatShape(x.shape)}`);
  }
  if (p.every((a, i) => a === i)) return x;
  const shape = p.map((a) => x.shape[a]!);
  const inverse = new Array<number>(rank);
  p.forEach((a, i) => (inverse[a] = i));
  return record("transpose", shape, permute(x.data, x.shape, p, shape), [x], (g) => [transpose(g, inverse)]);
}

function permute(src: Readonly<Float32Array>, shape: readonly number[], perm: readonly number[], outShape: readonly number[]): Float32Array {
  const n = sizeOf(shape);
  const out = allocateUnset(n);
  if (n === 0) return out;
  const inStrides = stridesOf(shape);
  const rank = shape.length;
  // Source stride for each output axis; walk the output in order.
  const s = perm.map((a) => inStrides[a]!);
  if (rank === 2) {
    const [rows, cols] = outShape as [number, number];
    const [s0, s1] = s as [number, number];
    // Tile so both reads and writes stay in cache.
    const B = 32;
    for (let i0 = 0; i0 < rows; i0 += B) {
      for (let j0 = 0; j0 < cols; j0 += B) {
        const iEnd = Math.min(i0 + B, rows);
        const jEnd = Math.min(j0 + B, cols);
        for (let i = i0; i < iEnd; i++) for (let j = j0; j < jEnd; j++) out[i * cols + j] = src[i * s0 + j * s1]!;
      }
    }
    return out;
  }
  const inner = outShape[rank - 1]!;
  const si = s[rank - 1]!;
  const index = new Array<number>(rank).fill(0);
  let off = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, p = off; j < inner; j++, p += si) out[o + j] = src[p]!;
    for (let d = rank - 2; d >= 0; d--) {
      off += s[d]!;
      if (++index[d]! < outShape[d]!) break;
      off -= s[d]! * outShape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
