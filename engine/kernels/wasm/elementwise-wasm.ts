/**
 * Driver for elementwise.wat: the hot element-wise and reduction loops of a training step
 * (bias add, relu and its VJP, the bias gradient's column sums) in WebAssembly SIMD, on copies
 * in the module's memory. Each function returns null when the kernel shouldn't or can't run
 * (fewer than ELEMENTWISE_WASM_MIN elements, no SIMD, or turned off with
 * `setElementwiseWasm(false)`), and the JavaScript kernel runs instead; results are
 * bit-identical either way (see elementwise.wat).
 */
import { allocateUnset } from "../../buffers.ts";
import { ELEMENTWISE_WASM_BASE64 } from "./elementwise-bytes.generated.ts";
import { padded, ScratchModule } from "./scratch-module.ts";

type Data = Readonly<Float32Array>;

interface ElementwiseExports {
  binary(op: number, a: number, b: number, out: number, n: number): void;
  binaryRow(op: number, a: number, b: number, out: number, rows: number, row: number): void;
  relu(x: number, out: number, n: number): void;
  reluGrad(g: number, x: number, out: number, n: number): void;
  sumRows(x: number, out: number, rows: number, cols: number): void;
}

/**
 * Below this many elements the JavaScript loop wins (the copies in and out cost a fixed few
 * microseconds); a [128, 512] activation is 65,536.
 */
const ELEMENTWISE_WASM_MIN = 4096;

/** Memory for `floats` floats when `n` elements are worth the copies; null otherwise. */
function memoryFor(n: number, floats: number) {
  return n >= ELEMENTWISE_WASM_MIN ? kernel.memory(floats) : null;
}

const kernel = new ScratchModule<ElementwiseExports>(ELEMENTWISE_WASM_BASE64);
/** The module itself, for releasing its memory when idle (idle-memory.ts) and for tests. */
export const elementwiseScratch: ScratchModule<unknown> = kernel;

/** Turns the WASM loops off (false) to compare them with the JavaScript kernels, or back on. */
export function setElementwiseWasm(on: boolean): void {
  kernel.setEnabled(on);
}

export type ArithmeticCode = 0 | 1 | 2 | 3;

function copyOut(view: Float32Array, at: number, n: number): Float32Array {
  const out = allocateUnset(n);
  out.set(view.subarray(at, at + n));
  return out;
}

/**
 * The inputs (equal lengths n) copied into memory, each padded to whole vectors (p floats), and
 * `run` given the result's byte address and p; null when the kernel won't run.
 */
function runPadded(inputs: readonly Data[], run: (x: ElementwiseExports, out: number, p: number) => void): Float32Array | null {
  const n = inputs[0]!.length;
  const p = padded(n);
  const k = memoryFor(n, (inputs.length + 1) * p);
  if (k === null) return null;
  inputs.forEach((d, i) => k.view.set(d, i * p));
  run(k.exports, 4 * inputs.length * p, p);
  return copyOut(k.view, inputs.length * p, n);
}

/** a ∘ b for equal lengths n (op: 0 +, 1 −, 2 ×, 3 ÷). */
export function wasmBinary(op: ArithmeticCode, a: Data, b: Data): Float32Array | null {
  return runPadded([a, b], (x, out, p) => x.binary(op, 0, 4 * p, out, p));
}

/** a ∘ b where b is one row repeated down a (a.length a multiple of b.length, b.length of 4k). */
export function wasmBinaryRow(op: ArithmeticCode, a: Data, b: Data): Float32Array | null {
  const n = a.length;
  const row = b.length;
  if (row % 4 !== 0 || n % row !== 0) return null;
  const k = memoryFor(n, 2 * n + row);
  if (k === null) return null;
  k.view.set(a, 0);
  k.view.set(b, n);
  k.exports.binaryRow(op, 0, 4 * n, 4 * (n + row), n / row, row);
  return copyOut(k.view, n + row, n);
}

export function wasmRelu(x: Data): Float32Array | null {
  return runPadded([x], (k, out, p) => k.relu(0, out, p));
}

export function wasmReluGrad(g: Data, x: Data): Float32Array | null {
  return runPadded([g, x], (k, out, p) => k.reluGrad(0, 4 * p, out, p));
}

/** Column sums of a [rows, cols] matrix (cols of 4k), float64-accumulated like reduceAxes. */
export function wasmSumRows(x: Data, rows: number, cols: number): Float32Array | null {
  if (cols % 4 !== 0) return null;
  const n = rows * cols;
  const k = memoryFor(n, n + cols);
  if (k === null) return null;
  k.view.set(x, 0);
  k.exports.sumRows(0, 4 * n, rows, cols);
  return copyOut(k.view, n, cols);
}
