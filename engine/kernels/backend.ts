/**
 * The kernel table: every loop an op or optimizer runs, behind one interface with a JavaScript
 * table (js-kernels.ts) and a WebAssembly one (wasm-kernels.ts). Ops and optimizers call
 * `kernels.x(...)` and never learn which backend runs; this file is the one place that chooses.
 * Both tables give bit-identical results except the optimizer updates (see variant.ts).
 */
import type { Shape } from "../shape.ts";
import type { ArithmeticOp, BinaryFn, UnaryFn } from "./elementwise.ts";
import { jsKernels } from "./js-kernels.ts";
import type { ReduceKind } from "./reduce.ts";
import { simdAvailable } from "./wasm/gemm-wasm.ts";
import { wasmKernels } from "./wasm-kernels.ts";

type Data = Readonly<Float32Array>;

export interface Kernels {
  mapUnary(x: Data, f: UnaryFn): Float32Array;
  mapBinary(a: Data, aShape: Shape, b: Data, bShape: Shape, outShape: Shape, f: BinaryFn): Float32Array;
  /** a ∘ b for equal lengths. */
  arithmetic(op: ArithmeticOp, a: Data, b: Data): Float32Array;
  /** a ∘ b with b one row repeated down a (a.length a multiple of b.length). */
  arithmeticRow(op: ArithmeticOp, a: Data, b: Data): Float32Array;
  relu(x: Data): Float32Array;
  reluGrad(g: Data, x: Data): Float32Array;
  select(mask: Data, x: Data, y: Data): Float32Array;

  reduceAxes(x: Data, shape: Shape, axes: readonly number[], kind: ReduceKind): Float32Array;
  /** Column sums of a [rows, cols] matrix. */
  sumRows(x: Data, rows: number, cols: number): Float32Array;
  argReduce(x: Data, shape: Shape, axis: number, largest: boolean): Float32Array;

  permute(x: Data, shape: Shape, perm: readonly number[], outShape: Shape): Float32Array;
  stridedOffsets(base: number, shape: Shape, strides: readonly number[]): Int32Array;
  gatherAt(x: Data, offsets: Int32Array): Float32Array;
  scatterAddAt(g: Data, size: number, offsets: Int32Array): Float32Array;
  takeRows(x: Data, rows: Int32Array, rowSize: number): Float32Array;
  scatterAddRows(g: Data, rows: Int32Array, rowSize: number, size: number): Float32Array;
  oneHotRows(classes: Int32Array, depth: number): Float32Array;
  concatBlocks(parts: readonly Data[], lengths: readonly number[], outer: number, inner: number, total: number): Float32Array;
  identity(n: number, m: number): Float32Array;
  range(start: number, step: number, n: number): Float32Array;

  /** C[cOff…] = op(A)·op(B) for one M×N block (matmul.ts picks its own JS/WASM path by size). */
  gemm(transA: boolean, transB: boolean, M: number, N: number, K: number,
    a: Data, aOff: number, b: Data, bOff: number, c: Float32Array, cOff: number): void;

  sgd(p: Float32Array, g: Data, lr: number): void;
  momentum(p: Float32Array, g: Data, m: Float32Array, lr: number, mu: number, nesterov: boolean): void;
  rmsprop(p: Float32Array, g: Data, v: Float32Array, b: Float32Array | undefined,
    lr: number, rho: number, epsilon: number, momentum: number): void;
  adam(p: Float32Array, g: Data, m: Float32Array, v: Float32Array,
    alpha: number, beta1: number, beta2: number, epsilon: number): void;
  adagrad(p: Float32Array, g: Data, a: Float32Array, lr: number, epsilon: number): void;
}

/**
 * WebAssembly where SIMD runs. Its kernels still take the JavaScript loop per call when an
 * operand is too small to repay the copies, memory is short, or a test turned them off.
 */
export const kernels: Kernels = simdAvailable() ? wasmKernels : jsKernels;
