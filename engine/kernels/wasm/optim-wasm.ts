/**
 * Driver for the WebAssembly SIMD optimizer updates in optim.wat: copies a param, its gradient
 * and its slots into the module's memory (each padded to whole 4-float vectors), runs the rule,
 * and copies the param and slots back. Returns false when WebAssembly SIMD is unavailable, and
 * the caller (engine/optim/*.ts) runs its JavaScript loop instead.
 *
 * Float32 arithmetic (like Keras), where the JavaScript rules compute in float64 and round on
 * store: the two agree to float32 rounding, not to the bit (see the equivalence tests).
 */
import { OPTIM_WASM_BASE64 } from "./optim-bytes.generated.ts";
import { padded, ScratchModule } from "./scratch-module.ts";

interface OptimExports {
  rmsprop(p: number, g: number, v: number, n: number, lr: number, rho: number, oneMinusRho: number, eps: number): void;
  rmspropMomentum(p: number, g: number, v: number, b: number, n: number, lr: number, rho: number,
    oneMinusRho: number, eps: number, momentum: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, alpha: number, oneMinusBeta1: number,
    oneMinusBeta2: number, eps: number): void;
  adagrad(p: number, g: number, a: number, n: number, lr: number, eps: number): void;
}

/** Below this many elements the copies cost more than the scalar loop. */
export const OPTIM_WASM_MIN = 256;

const kernel = new ScratchModule<OptimExports>(OPTIM_WASM_BASE64);
/** The module itself, for releasing its memory when idle (idle-memory.ts) and for tests. */
export const optimScratch: ScratchModule<unknown> = kernel;

/** Turns the WASM updates off (false) to compare them with the JavaScript rules, or back on. */
export function setOptimWasm(on: boolean): void {
  kernel.setEnabled(on);
}

interface Copied { x: OptimExports; view: Float32Array; n: number }

/**
 * Copies p, g and up to two slots into memory, each at a multiple of the padded length `n`
 * (byte address i·n·4 for buffer i); null without the kernel.
 */
function copyIn(p: Float32Array, g: Readonly<Float32Array>, s0: Float32Array, s1?: Float32Array): Copied | null {
  const n = padded(p.length);
  const k = kernel.memory((s1 ? 4 : 3) * n);
  if (k === null) return null;
  const { view } = k;
  view.set(p, 0);
  view.set(g, n);
  view.set(s0, 2 * n);
  if (s1) view.set(s1, 3 * n);
  return { x: k.exports, view, n };
}

function copyOut({ view, n }: Copied, p: Float32Array, s0: Float32Array, s1?: Float32Array): true {
  const len = p.length;
  p.set(view.subarray(0, len));
  s0.set(view.subarray(2 * n, 2 * n + len));
  if (s1) s1.set(view.subarray(3 * n, 3 * n + len));
  return true;
}

export function wasmRmsprop(p: Float32Array, g: Readonly<Float32Array>, v: Float32Array, b: Float32Array | undefined,
  lr: number, rho: number, eps: number, momentum: number): boolean {
  const at = copyIn(p, g, v, b);
  if (!at) return false;
  const { x, n } = at;
  if (b) x.rmspropMomentum(0, 4 * n, 8 * n, 12 * n, n, lr, rho, 1 - rho, eps, momentum);
  else x.rmsprop(0, 4 * n, 8 * n, n, lr, rho, 1 - rho, eps);
  return copyOut(at, p, v, b);
}

export function wasmAdam(p: Float32Array, g: Readonly<Float32Array>, m: Float32Array, v: Float32Array,
  alpha: number, beta1: number, beta2: number, eps: number): boolean {
  const at = copyIn(p, g, m, v);
  if (!at) return false;
  const { x, n } = at;
  x.adam(0, 4 * n, 8 * n, 12 * n, n, alpha, 1 - beta1, 1 - beta2, eps);
  return copyOut(at, p, m, v);
}

export function wasmAdagrad(p: Float32Array, g: Readonly<Float32Array>, a: Float32Array, lr: number, eps: number): boolean {
  const at = copyIn(p, g, a);
  if (!at) return false;
  const { x, n } = at;
  x.adagrad(0, 4 * n, 8 * n, n, lr, eps);
  return copyOut(at, p, a);
}
