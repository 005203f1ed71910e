import { allocateUnset } from "../buffers.ts";
import { broadcastStrides, sameShape, sizeOf, type Shape } from "../shape.ts";
import { RowCursor } from "./strided.ts";

type Data = Readonly<Float32Array>;
export type BinaryFn = (x: number, y: number) => number;
export type UnaryFn = (x: number) => number;

export function mapUnary(x: Data, f: UnaryFn): Float32Array {
  const n = x.length;
  const out = allocateUnset(n);
  for (let i = 0; i < n; i++) out[i] = f(x[i]!);
  return out;
}

/**
 * `f` applied element-wise under NumPy broadcasting. The common cases (equal shapes, a scalar
 * operand) are flat loops; everything else walks the output row by row with per-operand strides.
 */
export function mapBinary(a: Data, aShape: Shape, b: Data, bShape: Shape, outShape: Shape, f: BinaryFn): Float32Array {
  const n = sizeOf(outShape);
  const out = allocateUnset(n);
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
  const c = new RowCursor(outShape, broadcastStrides(aShape, outShape), broadcastStrides(bShape, outShape));
  const { inner, innerA, innerB } = c;
  for (let r = 0, o = 0; r < c.rows; r++, o += inner, c.next()) {
    for (let j = 0, pa = c.a, pb = c.b; j < inner; j++, pa += innerA, pb += innerB) out[o + j] = f(a[pa]!, b[pb]!);
  }
  return out;
}

export type ArithmeticOp = "add" | "sub" | "mul" | "div";

/** a ∘ b for equal lengths, without a callback per element. */
export function arithmetic(op: ArithmeticOp, a: Data, b: Data): Float32Array {
  const n = a.length;
  const out = allocateUnset(n);
  switch (op) {
    case "add": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; break;
    case "sub": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; break;
    case "mul": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; break;
    case "div": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; break;
  }
  return out;
}

/** a ∘ b where b is one row repeated down a (a bias row down a batch; a scalar is a row of 1). */
export function arithmeticRow(op: ArithmeticOp, a: Data, b: Data): Float32Array {
  const n = a.length;
  const row = b.length;
  const out = allocateUnset(n);
  for (let o = 0; o < n; o += row) {
    switch (op) {
      case "add": for (let j = 0; j < row; j++) out[o + j] = a[o + j]! + b[j]!; break;
      case "sub": for (let j = 0; j < row; j++) out[o + j] = a[o + j]! - b[j]!; break;
      case "mul": for (let j = 0; j < row; j++) out[o + j] = a[o + j]! * b[j]!; break;
      case "div": for (let j = 0; j < row; j++) out[o + j] = a[o + j]! / b[j]!; break;
    }
  }
  return out;
}

/** max(x, 0), NaN kept. */
export function relu(x: Data): Float32Array {
  const out = allocateUnset(x.length);
  for (let i = 0; i < out.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : v !== v ? v : 0;
  }
  return out;
}

/** g where x > 0, else 0: relu's VJP in one pass. */
export function reluGrad(g: Data, x: Data): Float32Array {
  const out = allocateUnset(g.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i]! > 0 ? g[i]! : 0;
  return out;
}

/** x where mask is non-zero, else y (all three the same length). */
export function select(mask: Data, x: Data, y: Data): Float32Array {
  const out = allocateUnset(mask.length);
  for (let i = 0; i < out.length; i++) out[i] = mask[i] !== 0 ? x[i]! : y[i]!;
  return out;
}
