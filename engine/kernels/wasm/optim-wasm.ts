/**
 * Driver for the WebAssembly SIMD optimizer updates in optim.wat: copies a param, its gradient
 * and its slots into the module's memory (each padded to whole 4-float vectors), runs the rule,
 * and copies the param and slots back. Returns false when WebAssembly SIMD is unavailable, and
 * the caller (engine/optim/*.ts) runs its JavaScript loop instead.
 *
 * Float32 arithmetic (like Keras), where the JavaScript rules compute in float64 and round on
 * store: the two agree to float32 rounding, not to the bit (see the equivalence tests).
 */
import { decodeBytes } from "../../base64.ts";
import { OPTIM_WASM_BASE64 } from "./optim-bytes.generated.ts";
import { simdAvailable } from "./gemm-wasm.ts";

interface OptimExports {
  memory: WebAssembly.Memory;
  rmsprop(p: number, g: number, v: number, n: number, lr: number, rho: number, oneMinusRho: number, eps: number): void;
  rmspropMomentum(p: number, g: number, v: number, b: number, n: number, lr: number, rho: number,
    oneMinusRho: number, eps: number, momentum: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, alpha: number, oneMinusBeta1: number,
    oneMinusBeta2: number, eps: number): void;
  adagrad(p: number, g: number, a: number, n: number, lr: number, eps: number): void;
}

/** Below this many elements the copies cost more than the scalar loop. */
export const OPTIM_WASM_MIN = 256;
const PAGE = 65536;

interface Kernel { x: OptimExports; view: Float32Array }
/** undefined: not tried yet; null: unavailable. */
let kernel: Kernel | null | undefined;
let enabled = true;

/** Turns the WASM updates off (false) to compare them with the JavaScript rules, or back on. */
export function setOptimWasm(on: boolean): void {
  enabled = on;
}

function load(): Kernel | null {
  try {
    if (!simdAvailable()) return null;
    const module = new WebAssembly.Module(decodeBytes(OPTIM_WASM_BASE64) as Uint8Array<ArrayBuffer>);
    const x = new WebAssembly.Instance(module, {}).exports as unknown as OptimExports;
    return { x, view: new Float32Array(x.memory.buffer) };
  } catch {
    return null;
  }
}

/**
 * Copies p, g and up to two slots into memory, each at a multiple of the padded length `n`
 * (byte address i·n·4 for buffer i), and returns the kernel and n; null without the kernel.
 */
function copyIn(p: Float32Array, g: Readonly<Float32Array>, s0: Float32Array, s1?: Float32Array): { k: Kernel; n: number } | null {
  if (!enabled) return null;
  if (kernel === undefined) kernel = load();
  if (kernel === null) return null;
  const k = kernel;
  const n = (p.length + 3) & ~3;
  const bytes = (s1 ? 4 : 3) * n * 4;
  const have = k.x.memory.buffer.byteLength;
  if (bytes > have) k.x.memory.grow(Math.ceil((bytes - have) / PAGE));
  if (k.view.buffer !== k.x.memory.buffer) k.view = new Float32Array(k.x.memory.buffer);
  k.view.set(p, 0);
  k.view.set(g, n);
  k.view.set(s0, 2 * n);
  if (s1) k.view.set(s1, 3 * n);
  return { k, n };
}

function copyOut(k: Kernel, n: number, p: Float32Array, s0: Float32Array, s1?: Float32Array): true {
  const len = p.length;
  p.set(k.view.subarray(0, len));
  s0.set(k.view.subarray(2 * n, 2 * n + len));
  if (s1) s1.set(k.view.subarray(3 * n, 3 * n + len));
  return true;
}

export function wasmRmsprop(p: Float32Array, g: Readonly<Float32Array>, v: Float32Array, b: Float32Array | undefined,
  lr: number, rho: number, eps: number, momentum: number): boolean {
  const at = copyIn(p, g, v, b);
  if (!at) return false;
  const { k, n } = at;
  if (b) k.x.rmspropMomentum(0, 4 * n, 8 * n, 12 * n, n, lr, rho, 1 - rho, eps, momentum);
  else k.x.rmsprop(0, 4 * n, 8 * n, n, lr, rho, 1 - rho, eps);
  return copyOut(k, n, p, v, b);
}

export function wasmAdam(p: Float32Array, g: Readonly<Float32Array>, m: Float32Array, v: Float32Array,
  alpha: number, beta1: number, beta2: number, eps: number): boolean {
  const at = copyIn(p, g, m, v);
  if (!at) return false;
  const { k, n } = at;
  k.x.adam(0, 4 * n, 8 * n, 12 * n, n, alpha, 1 - beta1, 1 - beta2, eps);
  return copyOut(k, n, p, m, v);
}

export function wasmAdagrad(p: Float32Array, g: Readonly<Float32Array>, a: Float32Array, lr: number, eps: number): boolean {
  const at = copyIn(p, g, a);
  if (!at) return false;
  const { k, n } = at;
  k.x.adagrad(0, 4 * n, 8 * n, n, lr, eps);
  return copyOut(k, n, p, a);
}
