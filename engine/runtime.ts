/**
 * The engine's process-wide runtime state: which code path the kernels take, in one place.
 * Every choice that is not an argument lives in the `runtime` object below, and the kernel
 * modules read it there (one property read per call, never per element) rather than keeping
 * private module variables of their own.
 *
 * Lifecycle
 * - Import: the kernel table (kernels/backend.ts) is chosen once, WebAssembly where SIMD
 *   validates, else JavaScript; it is a `const` and never changes afterwards. The gemm backend
 *   starts at "auto" (or TENSORSHEET_GEMM=js|wasm in Node); FMA is allowed.
 * - First large product: gemm-wasm.ts instantiates its private kernel into `gemmKernel`.
 * - A worker or the CLI that wants several threads calls `startGemmThreads` (through
 *   startNodeGemmThreads / startWebGemmThreads), which installs the pool in `gemmPool`, its
 *   shared-memory kernel in `gemmKernel` (`gemmKernelBorrowed`) and its `gemmFanout`;
 *   `stopGemmThreads` clears all three, and the next product loads a private kernel again.
 * - A training step runs inside `BufferArena.run`/`step`, which sets `arena` for its duration
 *   (nested arenas restore the outer one).
 * - The sheet worker evaluates inside `withInterrupt` (interrupt.ts), which sets `interrupt` for
 *   the duration of one cell; large products poll it between blocks.
 * - Idle: `releaseIdleMemory` (kernels/wasm/idle-memory.ts) drops the private `gemmKernel` (and
 *   the element-wise and optimizer modules' memories) and restarts a pool whose shared memory
 *   grew past 16 MiB; the next op re-instantiates at one page.
 * - Tests and the bench override with the setters, and put back what they found:
 *   setGemmBackend / getGemmBackend (re-exported by kernels/matmul.ts), setGemmFma
 *   (re-exported by kernels/wasm/gemm-wasm.ts), setElementwiseWasm, setOptimWasm.
 *
 * Module-level variables that remain elsewhere, and why they are not choices kept here:
 * - kernels/backend.ts `kernels`: the table chosen once at import (see above), a constant.
 * - kernels/matmul.ts `PACK`, `acc`, `tile`, and kernels/reduce.ts `scratch`: reusable scratch
 *   buffers; PACK must stay a module `const` for speed (see matmul.ts).
 * - kernels/conv.ts `cols` and `kernelPart`: the im2col scratch (capped at COLS_CAP_BYTES, large
 *   convolutions run in chunks) and one chunk's kernel gradient, reused by every convolution.
 * - kernels/wasm/elementwise-wasm.ts and optim-wasm.ts: their `ScratchModule` instances hold the
 *   compiled module, its memory and the on/off switch set by setElementwiseWasm/setOptimWasm.
 * - kernels/wasm/gemm-threads.ts `generation` (a start/stop race counter) and `callerBlock`
 *   (a test stand-in for the calling thread's share), both bookkeeping of the pool itself.
 * - tape.ts `recording`, limits.ts `limit`, tensor.ts `nextTensorId`: autograd and tensor
 *   bookkeeping, not kernel choices.
 */
import type { BufferArena } from "./buffers.ts";
import type { Fanout, Kernel } from "./kernels/wasm/gemm-wasm.ts";
import type { GemmPool } from "./kernels/wasm/gemm-threads.ts";

/**
 * Which matrix kernel `gemm` (kernels/matmul.ts) uses: "auto" runs the WebAssembly SIMD kernel
 * when the product is big enough and SIMD is available, else the JavaScript kernel; "wasm" uses
 * WASM at every size (still falling back when unavailable); "js" forces the JavaScript kernel.
 */
export type GemmBackend = "js" | "wasm" | "auto";

export interface Runtime {
  gemmBackend: GemmBackend;
  /** Whether the fused multiply-add gemm variant may run (gemmFma() also needs relaxed SIMD). */
  gemmFmaAllowed: boolean;
  /** The gemm WebAssembly instance: undefined, not tried yet; null, unavailable. */
  gemmKernel: Kernel | null | undefined;
  /** Whether `gemmKernel` is the helper pool's (its owner releases it), not a private one. */
  gemmKernelBorrowed: boolean;
  /** Runs the rectangles after the first on helper threads; null on one thread. */
  gemmFanout: Fanout | null;
  /** The helper thread pool, null when none runs. */
  gemmPool: GemmPool | null;
  /** Where op outputs come from: the innermost running BufferArena, or null for fresh arrays. */
  arena: BufferArena | null;
  /** Asks long work to stop (see interrupt.ts); null when nothing may interrupt it. */
  interrupt: (() => boolean) | null;
}

export const runtime: Runtime = {
  gemmBackend: initialGemmBackend(),
  gemmFmaAllowed: true,
  gemmKernel: undefined,
  gemmKernelBorrowed: false,
  gemmFanout: null,
  gemmPool: null,
  arena: null,
  interrupt: null,
};

/** TENSORSHEET_GEMM=js|wasm|auto (Node only), e.g. to compare kernels in the bench. */
function initialGemmBackend(): GemmBackend {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.["TENSORSHEET_GEMM"];
  return v === "js" || v === "wasm" ? v : "auto";
}

export function setGemmBackend(b: GemmBackend): void {
  runtime.gemmBackend = b;
}

export function getGemmBackend(): GemmBackend {
  return runtime.gemmBackend;
}

/** Turns the FMA variant off (false) or back on, to compare the two; the next product reloads. */
export function setGemmFma(on: boolean): void {
  runtime.gemmFmaAllowed = on;
  runtime.gemmKernel = undefined;
}
