/**
 * Which kernels this process runs, as far as they change the bits of a result. Training results
 * are bit-identical only between runs on the same variant, so checkpoints record it and a resume
 * on another variant can say "numerically equivalent, not bit-identical".
 *
 * What decides the bits (and what does not):
 * - Matrix products: the JavaScript kernel sums in float64 and rounds once; the WebAssembly SIMD
 *   kernel sums in float32, and its fused multiply-add build (relaxed SIMD) rounds once per
 *   multiply-add instead of twice. Products below 32,768 multiply-adds always take the JavaScript
 *   kernel unless the backend is forced to "wasm" ("-all"). Helper threads split C, never K, so
 *   the thread count does not change any sum.
 * - Optimizer updates of params with ≥ 256 elements: WebAssembly (float32 arithmetic) or
 *   JavaScript (float64, rounded on store).
 * - Element-wise WebAssembly loops are bit-identical to their JavaScript twins, so not recorded.
 */
import { getGemmBackend } from "./matmul.ts";
import { gemmFma, wasmGemmAvailable } from "./wasm/gemm-wasm.ts";
import { OPTIM_WASM_MIN, wasmAdagrad } from "./wasm/optim-wasm.ts";

export type GemmVariant = "js" | "wasm-simd" | "wasm-simd-fma" | "wasm-simd-all" | "wasm-simd-fma-all";
export type OptimizerVariant = "js" | "wasm";

export interface KernelVariant {
  readonly gemm: GemmVariant;
  readonly optimizer: OptimizerVariant;
}

/** The matrix-product kernel that large products take right now. */
export function gemmVariant(): GemmVariant {
  const backend = getGemmBackend();
  if (backend === "js" || !wasmGemmAvailable()) return "js";
  const simd = gemmFma() ? "wasm-simd-fma" : "wasm-simd";
  return backend === "wasm" ? `${simd}-all` : simd;
}

/**
 * Whether large optimizer updates run in WebAssembly: the driver has no getter (it may be
 * unavailable, or turned off for comparisons), so this asks it to update a scratch param of
 * zeros, which it declines exactly when a real update would take the JavaScript loop.
 */
export function optimizerVariant(): OptimizerVariant {
  const n = OPTIM_WASM_MIN;
  return wasmAdagrad(new Float32Array(n), new Float32Array(n), new Float32Array(n), 0, 1) ? "wasm" : "js";
}

export function kernelVariant(): KernelVariant {
  return { gemm: gemmVariant(), optimizer: optimizerVariant() };
}

/** The variant as one short string for checkpoints, e.g. "gemm:wasm-simd-fma optim:wasm". */
export function kernelVariantName(variant: KernelVariant = kernelVariant()): string {
  return `gemm:${variant.gemm} optim:${variant.optimizer}`;
}
