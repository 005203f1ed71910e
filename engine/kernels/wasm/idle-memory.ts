/**
 * Giving WebAssembly memory back when a worker goes idle. A WebAssembly memory only grows, so
 * after one large sheet each module keeps its high-water mark (80–100 MB per worker after the
 * first-look sheet). Releasing drops the instances; the next op re-instantiates at one page.
 */
import { releaseColsScratch } from "../conv.ts";
import { elementwiseScratch } from "./elementwise-wasm.ts";
import { gemmMemoryBytes, releaseGemmMemory } from "./gemm-wasm.ts";
import { releaseGemmPoolMemory } from "./gemm-threads.ts";
import { optimScratch } from "./optim-wasm.ts";
import { windowScratch } from "./window-wasm.ts";

export interface WasmMemoryBytes {
  readonly elementwise: number;
  readonly optim: number;
  /** Max pooling's and col2im's (window-wasm.ts). */
  readonly window: number;
  /** The matrix kernel's memory: private, or the helper pool's shared one. */
  readonly gemm: number;
}

/**
 * Frees the element-wise, optimizer, pooling/col2im and matrix kernels' memories, and the convolution's im2col
 * scratch (up to 32 MiB of ordinary memory, kept between convolutions). Call when idle after large
 * work, not between steps: the next op pays a re-instantiation (well under a millisecond) and
 * re-grows. With helper threads, their shared memory is freed only past 16 MiB, by restarting
 * the pool (the promise resolves when it is back); products meanwhile run on one thread.
 */
export async function releaseIdleMemory(): Promise<void> {
  elementwiseScratch.release();
  optimScratch.release();
  windowScratch.release();
  releaseGemmMemory();
  releaseColsScratch();
  await releaseGemmPoolMemory();
}

/** What each kernel's memory holds now, in bytes (0 when not instantiated). */
export function wasmMemoryBytes(): WasmMemoryBytes {
  return {
    elementwise: elementwiseScratch.byteLength(), optim: optimScratch.byteLength(), window: windowScratch.byteLength(),
    gemm: gemmMemoryBytes(),
  };
}
