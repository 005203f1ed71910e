import { broadcastStrides, sameShape, sizeOf, type Shape } from "../shape.ts";

type Data = Readonly<Float32Array>;
export type BinaryFn = (x: number, y: number) => number;
export type UnaryFn = (x: number) => number;

export function mapUnary(x: Data, f: UnaryFn): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = f(x[i]!);
  return out;
}

/**
 * `f` applied element-wise under NumPy broadcasting. The common cases (equal shapes, a scalar
 * operand) are flat loops; everything else walks the output row by row with per-operand strides.
 */
export function mapBinary(a: Data, aShape: Shape, b: Data, bShape: Shape, outShape: Shape, f: BinaryFn): Float32Array {
  const n = sizeOf(outShape);
  const out = new Float32Array(n);
  if (sameShape(aShape, outShape) && sameShape(bShape, outShape)) {
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
    return out;
  }
  if (b.length === 1 && a.length === n) {
    const y = b[0]!;
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, y);
    return out;
  }
  if (a.length === 1 && b.length === n) {
    const x = a[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i]!);
    return out;
  }
  if (n === 0) return out;
  const rank = outShape.length;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const inner = outShape[rank - 1]!;
  const ia = sa[rank - 1]!;
  const ib = sb[rank - 1]!;
  const index = new Array<number>(rank).fill(0);
  let offA = 0;
  let offB = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, pa = offA, pb = offB; j < inner; j++, pa += ia, pb += ib) out[o + j] = f(a[pa]!, b[pb]!);
    // Advance the odometer over all but the last dimension.
    for (let d = rank - 2; d >= 0; d--) {
      offA += sa[d]!;
      offB += sb[d]!;
      if (++index[d]! < outShape[d]!) break;
      offA -= sa[d]! * outShape[d]!;
      offB -= sb[d]! * outShape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
