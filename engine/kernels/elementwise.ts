import { allocateUnset } from "../buffers.ts";
import { broadcastStrides, sameShape, sizeOf, type Shape } from "../shape.ts";
import { RowCursor } from "./strided.ts";
import { wasmBinary, wasmBinaryRow, type ArithmeticCode } from "./wasm/elementwise-wasm.ts";

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
const ARITHMETIC_CODE: Record<ArithmeticOp, ArithmeticCode> = { add: 0, sub: 1, mul: 2, div: 3 };

/**
 * + − × ÷ without a callback per element, for the layouts training hits on every step: equal
 * shapes, a scalar operand, and a bias row broadcast down a batch (`[B, N] + [N]`). Returns null
 * for any other layout, which `mapBinary` handles.
 */
export function mapArithmetic(op: ArithmeticOp, a: Data, aShape: Shape, b: Data, bShape: Shape, outShape: Shape): Float32Array | null {
  const n = sizeOf(outShape);
  if (a.length !== n) return null;
  const same = b.length === n && sameShape(aShape, outShape) && sameShape(bShape, outShape);
  const row = same ? n : isTrailingRow(bShape, outShape) ? b.length : 0;
  if (row === 0 || n % row !== 0) return null;
  // Large operands: WebAssembly SIMD (bit-identical), when it runs here.
  const fast = same ? wasmBinary(ARITHMETIC_CODE[op], a, b) : wasmBinaryRow(ARITHMETIC_CODE[op], a, b);
  if (fast) return fast;
  const out = allocateUnset(n);
  if (same) {
    switch (op) {
      case "add": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; break;
      case "sub": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; break;
      case "mul": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; break;
      case "div": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; break;
    }
    return out;
  }
  // b repeats every `row` elements (a scalar is a row of length 1).
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

/** True when `shape`, aligned right, equals the trailing dimensions of `outShape` (leading 1s allowed). */
function isTrailingRow(shape: Shape, outShape: Shape): boolean {
  const dims = shape.slice(shape.findIndex((d) => d !== 1) === -1 ? shape.length : shape.findIndex((d) => d !== 1));
  if (dims.length > outShape.length) return false;
  const tail = outShape.slice(outShape.length - dims.length);
  return sameShape(dims, tail);
}
