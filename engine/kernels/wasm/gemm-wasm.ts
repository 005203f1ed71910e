/**
 * WebAssembly SIMD GEMM driver: same contract as `gemm` in ../matmul.ts, which dispatches here for
 * big enough problems and falls back to its JavaScript kernel when this returns false.
 *
 * The WASM side (gemm.wat, compiled by tools/build-wasm.node.ts into gemm-bytes.generated.ts)
 * packs panels and runs the 4×8 f32x4 macro-kernel. This driver copies A and B as they are into the module's
 * memory (two memcpys), does the GotoBLAS blocking (op(B) a KC×NC block at a time, op(A) an
 * MC×KC block at a time) by calling the module's packA/packB/macro, and copies the valid M×N part
 * of the padded C out at the end.
 *
 * `gemmBlock` computes one rectangle of C and is all a helper thread runs (gemm-threads.ts): the
 * rectangles of different threads only meet at multiples of the 4×8 tile, each thread packs into
 * its own scratch area, so threads share the copied inputs and C without any locking.
 *
 * Precision: float32 accumulation (like tfjs-wasm/XNNPACK), unlike the JS kernel's float64. Each
 * sequential chain is at most KC = 512 products (K is split into equal blocks of ≤ KC), and the
 * blocks are summed into C in float32, so the error stays ~1e-7·√K relative to the magnitudes.
 *
 * Instantiation is synchronous (`new WebAssembly.Module` / `Instance`): the module is a few KiB,
 * which every engine allows on the main thread too. It happens on the first call; without
 * WebAssembly SIMD (checked with `WebAssembly.validate` on a tiny SIMD module) or on any
 * instantiation error, `wasmGemm` returns false for good.
 */
import { decodeBytes } from "../../base64.ts";
import { Interrupted, interruptRequested } from "../../interrupt.ts";
import { runtime } from "../../runtime.ts";
import {
  GEMM_FMA_WASM_BASE64, GEMM_FMA_WASM_SHARED_BASE64, GEMM_WASM_BASE64, GEMM_WASM_SHARED_BASE64,
} from "./gemm-bytes.generated.ts";

type Data = Readonly<Float32Array>;

/** The module's exports; addresses in bytes, leading dimensions in floats (see gemm.wat). */
export interface GemmExports {
  packA(trans: number, src: number, ld: number, mc: number, kc: number, dst: number): void;
  packB(trans: number, src: number, ld: number, kc: number, nc: number, dst: number): void;
  macro(mc: number, nc: number, kc: number, pa: number, pb: number, pc: number, ldc: number,
    accumulate: number): void;
}

const MR = 4;
const NR = 8;
/**
 * Max depth of a packed block (also the longest float32 summation chain before C). A kc×8 B
 * panel (≤ 16 KiB) stays in L1 while the A block streams from L2. 512 rather than 256: K = 784
 * then takes two blocks, not four, and C is read and written back half as often (+6% on the
 * 128×784×512 forward product; measured on Zen 4).
 */
const KC = 512;
/** Max rows of A packed at once: MC×KC floats = 256 KiB, in L2. */
const MC = 128;
/** Max columns of B packed at once: KC×NC floats = 1 MiB (only one 8-column panel is hot at a time). */
const NC = 512;
/** One thread's packing area in floats: its A block, then its B block. */
export const SCRATCH = MC * KC + KC * NC;
const PAGE = 65536;
/** The memory's maximum in pages (1 GiB), as declared in gemm.wat. */
const MAX_PAGES = 16384;

/**
 * (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), the wasm-feature-detect probe.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export interface Kernel {
  readonly memory: WebAssembly.Memory;
  readonly exports: GemmExports;
  /** A view of all of memory, replaced when memory grows. */
  view: Float32Array;
}

/** (module (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)) */
const RELAXED_SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123,
  3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11]);

export function simdAvailable(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
}

/**
 * Whether the fused multiply-add variant runs: relaxed SIMD (Chromium ≥ 114, Node ≥ 22, or Node
 * 20 with --experimental-wasm-relaxed-simd, see relaxed-simd.node.ts) and not turned off.
 * Fusing saves the front end one instruction per multiply-add, ~10% on x86-64 with FMA.
 */
export function gemmFma(): boolean {
  return runtime.gemmFmaAllowed && simdAvailable() && WebAssembly.validate(RELAXED_SIMD_PROBE);
}

/** Turns the FMA variant off (false) or back on; kept in ../../runtime.ts with the other choices. */
export { setGemmFma } from "../../runtime.ts";

/** Compiles the shared-memory (for threads) or the unshared variant of the module, fused if possible. */
export function compileGemmModule(shared: boolean): WebAssembly.Module {
  const fma = gemmFma();
  const base64 = shared
    ? (fma ? GEMM_FMA_WASM_SHARED_BASE64 : GEMM_WASM_SHARED_BASE64)
    : (fma ? GEMM_FMA_WASM_BASE64 : GEMM_WASM_BASE64);
  return new WebAssembly.Module(decodeBytes(base64) as Uint8Array<ArrayBuffer>);
}

/** Instantiates the module on a memory (shared or not, matching how the module was compiled). */
export function instantiateGemm(module: WebAssembly.Module, memory: WebAssembly.Memory): Kernel {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
  return { memory, exports, view: new Float32Array(memory.buffer) };
}

function load(): Kernel | null {
  try {
    if (!simdAvailable()) return null;
    return instantiateGemm(compileGemmModule(false), new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES }));
  } catch {
    return null;
  }
}

/** Whether the WASM SIMD kernel can run here (instantiating it on first call). */
export function wasmGemmAvailable(): boolean {
  if (runtime.gemmKernel === undefined) runtime.gemmKernel = load();
  return runtime.gemmKernel !== null;
}

/**
 * Swaps in a kernel on another memory: gemm-threads.ts installs one on shared memory, and
 * `undefined` (when its pool stops) makes the next call load a private one again.
 */
export function useKernel(k: Kernel | undefined): void {
  runtime.gemmKernel = k;
  runtime.gemmKernelBorrowed = k !== undefined;
}

/**
 * Drops the private kernel and its memory (WebAssembly memories only grow; this is the only way
 * to give it back); the next product instantiates afresh at one page. A pool's shared kernel is
 * left to gemm-threads.ts, which must rebuild the helpers with it.
 */
export function releaseGemmMemory(): void {
  if (runtime.gemmKernel && !runtime.gemmKernelBorrowed) runtime.gemmKernel = undefined;
}

/** Bytes of the kernel's memory now (0 when not loaded): private, or the pool's shared one. */
export function gemmMemoryBytes(): number {
  const k = runtime.gemmKernel;
  return k ? k.memory.buffer.byteLength : 0;
}

/**
 * Makes memory at least `floats` long, refreshing the view; false when past the maximum or when
 * growing fails (out of memory: the JavaScript kernel takes this product).
 */
function ensureFloats(k: Kernel, floats: number): boolean {
  const have = k.memory.buffer.byteLength;
  if (floats * 4 > have) {
    const pages = Math.ceil((floats * 4 - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) return false;
    try {
      k.memory.grow(pages);
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
  }
  if (k.view.buffer !== k.memory.buffer || k.view.length * 4 !== k.memory.buffer.byteLength) {
    k.view = new Float32Array(k.memory.buffer);
  }
  return true;
}

/** Where one product's operands and result sit in memory (byte addresses), and their shapes. */
export interface GemmJob {
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  /** A as stored: [M,K], or [K,M] when transA. */
  a: number;
  /** B as stored: [K,N], or [N,K] when transB. */
  b: number;
  /** Padded C, rows ldc floats apart. */
  c: number;
  ldc: number;
}

/** Float offsets: scratch areas (one per thread) first, then A, B and the padded C. */
function layout(threads: number, M: number, N: number, K: number) {
  const a = threads * SCRATCH;
  const b = a + M * K;
  const c = b + K * N;
  const ldc = Math.ceil(N / NR) * NR;
  const end = c + Math.ceil(M / MR) * MR * ldc;
  return { a, b, c, ldc, end };
}

/**
 * C[i0:i1, j0:j1] = op(A)[i0:i1, :] · op(B)[:, j0:j1] into the padded C, packing in the scratch
 * area at `scratch` (bytes). i0 must be a multiple of MR and j0 of NR, so that whole tiles past
 * i1 or j1 land in another rectangle only at the padded edge of C. `stop`, polled between
 * macro-kernel calls, ends the work early (C is then incomplete); returns whether it completed.
 */
export function gemmBlock(x: GemmExports, scratch: number, job: GemmJob,
  i0: number, i1: number, j0: number, j1: number, stop?: () => boolean): boolean {
  const { transA, transB, M, N, K, a, b, c, ldc } = job;
  const lda = transA ? M : K;
  const ldb = transB ? K : N;
  const pa = scratch;
  const pb = scratch + MC * KC * 4;
  // Equal K blocks: a short last block would pay the per-tile overhead for little work.
  const blocksK = Math.ceil(K / KC);
  const kb = Math.ceil(K / blocksK);
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = Math.min(NC, j1 - jc);
    for (let pc = 0; pc < K; pc += kb) {
      const kc = Math.min(kb, K - pc);
      x.packB(transB ? 1 : 0, b + (transB ? jc * ldb + pc : pc * ldb + jc) * 4, ldb, kc, nc, pb);
      for (let ic = i0; ic < i1; ic += MC) {
        if (stop?.()) return false;
        const mc = Math.min(MC, i1 - ic);
        x.packA(transA ? 1 : 0, a + (transA ? pc * lda + ic : ic * lda + pc) * 4, lda, mc, kc, pa);
        x.macro(Math.ceil(mc / MR) * MR, Math.ceil(nc / NR) * NR, kc, pa, pb, c + (ic * ldc + jc) * 4, ldc,
          pc === 0 ? 0 : 1);
      }
    }
  }
  return true;
}

/**
 * Splits C among `threads` workers: by columns (multiples of NR) when C is wide enough, else by
 * rows (multiples of MR). Returns one [i0, i1, j0, j1] per thread that has work.
 */
export function partition(M: number, N: number, threads: number): [number, number, number, number][] {
  const byColumns = N >= M || Math.ceil(M / MR) < threads;
  const tiles = byColumns ? Math.ceil(N / NR) : Math.ceil(M / MR);
  const step = byColumns ? NR : MR;
  const extent = byColumns ? N : M;
  const parts: [number, number, number, number][] = [];
  const n = Math.min(threads, tiles);
  for (let t = 0; t < n; t++) {
    const lo = Math.min(extent, Math.round((tiles * t) / n) * step);
    const hi = Math.min(extent, Math.round((tiles * (t + 1)) / n) * step);
    if (hi > lo) parts.push(byColumns ? [0, M, lo, hi] : [lo, hi, 0, N]);
  }
  return parts;
}

/** Runs the rectangles after the first on helper threads, if any (set by gemm-threads.ts). */
export interface Fanout {
  threads: number;
  /** Products with fewer multiply-adds per thread stay on the calling thread. */
  minPerThread: number;
  /**
   * Computes every rectangle into the padded C; false when a helper failed or stopped answering,
   * in which case the pool has stopped itself (C is then incomplete: the caller starts over).
   */
  run(job: GemmJob, parts: readonly [number, number, number, number][]): boolean;
}

/** Installs (or, with null, removes) the helper threads' fan-out: `runtime.gemmFanout`. */
export function setFanout(f: Fanout | null): void {
  runtime.gemmFanout = f;
}

/**
 * C[M,N] = op(A) · op(B), same arguments and layout as `gemm` in ../matmul.ts. Returns false
 * (and leaves C untouched) when WebAssembly SIMD is unavailable or the operands don't fit.
 */
export function wasmGemm(transA: boolean, transB: boolean, M: number, N: number, K: number,
  a: Data, aOff: number, b: Data, bOff: number, c: Float32Array, cOff: number): boolean {
  if (!wasmGemmAvailable()) return false;
  if (M <= 0 || N <= 0) return true;
  if (K <= 0) {
    c.fill(0, cOff, cOff + M * N);
    return true;
  }
  return wasmGemmFrom(transA, transB, M, N, K, (mem, at) => mem.set(a.subarray(aOff, aOff + M * K), at), b, bOff,
    copyCTo(c, cOff, M, N));
}

/**
 * Writes A, as stored ([M,K], or [K,M] when transA), into the kernel's memory view from float
 * index `at`: a producer of A (im2col) writes it there itself instead of into a copy of its own.
 */
export type WriteA = (mem: Float32Array, at: number) => void;

/**
 * Takes the product from the kernel's memory: C's rows start at float `at`, `ldc` floats apart
 * (ldc ≥ N, padded to the 8-wide tile). A consumer of C (col2im) reads it there instead of from a copy.
 */
export type ReadC = (mem: Float32Array, at: number, ldc: number) => void;

/** The ReadC that copies the M×N product into c from cOff, row-major. */
export function copyCTo(c: Float32Array, cOff: number, M: number, N: number): ReadC {
  return (mem, at, ldc) => {
    if (ldc === N) c.set(mem.subarray(at, at + M * N), cOff);
    else for (let i = 0; i < M; i++) c.set(mem.subarray(at + i * ldc, at + i * ldc + N), cOff + i * N);
  };
}

/**
 * `wasmGemm` (M, N, K ≥ 1) with A written by `writeA` and C handed to `readC`, each called once
 * per attempt, rather than copied from and to arrays. False when the kernel can't run (nothing called).
 */
export function wasmGemmFrom(transA: boolean, transB: boolean, M: number, N: number, K: number,
  writeA: WriteA, b: Data, bOff: number, readC: ReadC): boolean {
  if (!wasmGemmAvailable()) return false;
  const k = runtime.gemmKernel!;

  const fanout = runtime.gemmFanout;
  const threads = fanout && M * N * K >= fanout.minPerThread * fanout.threads ? fanout.threads : 1;
  const at = layout(threads, M, N, K);
  if (!ensureFloats(k, at.end)) return false;
  const mem = k.view;
  writeA(mem, at.a);
  mem.set(b.subarray(bOff, bOff + K * N), at.b);
  const job: GemmJob = { transA, transB, M, N, K, a: at.a * 4, b: at.b * 4, c: at.c * 4, ldc: at.ldc };

  if (threads > 1) {
    const parts = partition(M, N, threads);
    // false: the pool gave up on a helper and is gone; redo the product on this thread alone.
    if (!fanout!.run(job, parts)) return wasmGemmFrom(transA, transB, M, N, K, writeA, b, bOff, readC);
  } else if (!gemmBlock(k.exports, 0, job, 0, M, 0, N, interruptRequested)) {
    throw new Interrupted();
  }

  readC(k.view, at.c, at.ldc);
  return true;
}
