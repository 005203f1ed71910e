import { allocateUnset } from "../buffers.ts";
import { sizeOf, stridesOf, type Shape } from "../shape.ts";
import { RowCursor } from "./strided.ts";

type Data = Readonly<Float32Array>;

export type ReduceKind = "sum" | "max" | "min";

/**
 * Reduce `x` over `axes` (sorted, non-negative) into a buffer shaped like `x` with those axes set
 * to 1. Sums accumulate in float64 so long reductions keep float32 accuracy. NaN propagates.
 */
export function reduceAxes(x: Data, shape: Shape, axes: readonly number[], kind: ReduceKind): Float32Array {
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outSize = sizeOf(keptShape);
  if (scratch.length < outSize) scratch = new Float64Array(Math.max(outSize, 2 * scratch.length));
  const acc = scratch;
  acc.fill(kind === "sum" ? 0 : kind === "max" ? -Infinity : Infinity, 0, outSize);
  const n = x.length;
  const rank = shape.length;
  if (n === 0) return toFloat32(acc, outSize);
  if (rank === 0) return toFloat32(x, 1);

  // Output strides, zero along reduced axes: walking x in order, the output offset follows.
  const outStrides = stridesOf(keptShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const c = new RowCursor(shape, outStrides);
  const { inner, innerA: innerStride } = c;
  for (let r = 0, i = 0; r < c.rows; r++, i += inner, c.next()) {
    const o = c.a;
    if (kind === "sum") {
      if (innerStride === 0) {
        let s = 0;
        for (let j = 0; j < inner; j++) s += x[i + j]!;
        acc[o] = acc[o]! + s;
      } else {
        for (let j = 0; j < inner; j++) acc[o + j] = acc[o + j]! + x[i + j]!;
      }
    } else {
      const isMax = kind === "max";
      for (let j = 0, p = o; j < inner; j++, p += innerStride) {
        const v = x[i + j]!;
        const cur = acc[p]!;
        if (v !== v || (isMax ? v > cur : v < cur)) acc[p] = v;
        else if (cur !== cur) acc[p] = cur;
      }
    }
  }
  return toFloat32(acc, outSize);
}

/** Column sums of a [rows, cols] matrix (a bias gradient), accumulated like reduceAxes. */
export function sumRows(x: Data, rows: number, cols: number): Float32Array {
  return reduceAxes(x, [rows, cols], [0], "sum");
}

/** float64 sums, reused between calls (reductions don't nest), so a step allocates only outputs. */
let scratch = new Float64Array(0);

function toFloat32(src: Readonly<Float64Array> | Data, n: number): Float32Array {
  const out = allocateUnset(n);
  for (let i = 0; i < n; i++) out[i] = src[i]!;
  return out;
}

/** Index of the largest (or smallest) value along one axis; the first one wins ties, NaN wins all. */
export function argReduce(x: Data, shape: Shape, axis: number, largest: boolean): Float32Array {
  const len = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  const out = allocateUnset(outer * inner);
  for (let a = 0; a < outer; a++) {
    for (let c = 0; c < inner; c++) {
      const base = a * len * inner + c;
      let best = 0;
      let bestValue = x[base]!;
      for (let k = 1; k < len && bestValue === bestValue; k++) {
        const v = x[base + k * inner]!;
        if (v !== v || (largest ? v > bestValue : v < bestValue)) {
          best = k;
          bestValue = v;
        }
      }
      out[a * inner + c] = best;
    }
  }
  return out;
}
