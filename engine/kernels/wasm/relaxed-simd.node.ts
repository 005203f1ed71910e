/**
 * Node 20 (V8 11.3) has WebAssembly relaxed SIMD behind a flag; Node ≥ 22 and Chromium ≥ 114
 * ship it. The Node entry points (CLI, bench, tests) call this before any WebAssembly is compiled
 * so the matrix kernel can use fused multiply-adds (gemm-wasm.ts falls back without them).
 */
import { setFlagsFromString } from "node:v8";

export function enableRelaxedSimd(): void {
  setFlagsFromString("--experimental-wasm-relaxed-simd");
}
