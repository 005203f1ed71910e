import { allocateUnset } from "../buffers.ts";
import { sizeOf, stridesOf, type Shape } from "../shape.ts";
import { RowCursor } from "./strided.ts";

/** `src` (shaped `shape`) with its axes permuted by `perm` into a fresh row-major buffer shaped `outShape`. */
export function permute(src: Readonly<Float32Array>, shape: Shape, perm: readonly number[], outShape: Shape): Float32Array {
  const n = sizeOf(shape);
  const out = allocateUnset(n);
  if (n === 0) return out;
  const inStrides = stridesOf(shape);
  // Source stride for each output axis; walk the output in order.
  const s = perm.map((a) => inStrides[a]!);
  if (shape.length === 2) return transpose2d(src, outShape as [number, number], s as [number, number], out);
  const c = new RowCursor(outShape, s);
  const { inner, innerA } = c;
  for (let r = 0, o = 0; r < c.rows; r++, o += inner, c.next()) {
    for (let j = 0, p = c.a; j < inner; j++, p += innerA) out[o + j] = src[p]!;
  }
  return out;
}

/** A matrix transpose, tiled so both reads and writes stay in cache. */
function transpose2d(src: Readonly<Float32Array>, [rows, cols]: [number, number], [s0, s1]: [number, number], out: Float32Array): Float32Array {
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
