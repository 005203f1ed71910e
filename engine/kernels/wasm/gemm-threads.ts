/**
 * Multi-threaded WASM GEMM: helper threads (Web Workers or Node worker_threads, made by a
 * platform `Spawner`) instantiate the same module on one shared WebAssembly.Memory and each
 * computes a rectangle of C with `gemmBlock` (gemm-wasm.ts), while the calling thread does the
 * first rectangle itself.
 *
 * Coordination is a few Int32 words in a SharedArrayBuffer, with Atomics.wait/notify instead of
 * messages: a product takes ~1 ms, and a postMessage round trip costs a good part of that. The
 * calling thread therefore blocks in Atomics.wait, which a page's main thread may not do: start
 * threads only from workers or Node. Where shared memory is unavailable (no cross-origin
 * isolation), `startGemmThreads` resolves to 1 and everything stays single-threaded.
 */
import {
  compileGemmModule, gemmBlock, instantiateGemm, SCRATCH, setFanout, useKernel, wasmGemmAvailable,
  type GemmExports, type GemmJob,
} from "./gemm-wasm.ts";

/** What a helper thread is started with (structured-cloneable: Module and shared memory are). */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1-based: the calling thread is 0. Selects the scratch area and the rectangle. */
  index: number;
}

/** A started helper: resolves `ready` once it has instantiated the module. */
export interface HelperThread {
  ready: Promise<void>;
  terminate(): void;
}

export type Spawner = (init: HelperInit) => HelperThread;

// Control words (Int32 indices).
const SEQ = 0; // bumped by the caller for every job; helpers wait on it
const DONE = 1; // helpers that finished the current job
const STOP = 2; // 1: helpers return
const JOB = 3; // transA, transB, M, N, K, a, b, c, ldc
const RECTS = JOB + 9; // then i0, i1, j0, j1 per thread; 0-area rectangles mean "nothing to do"
const MAX_THREADS = 16;
const CONTROL_WORDS = RECTS + 4 * MAX_THREADS;
/** A helper that hasn't answered in this long is presumed dead (a product takes milliseconds). */
const HELPER_TIMEOUT_MS = 60_000;

interface Pool {
  helpers: HelperThread[];
  control: Int32Array;
}
let pool: Pool | null = null;

/**
 * Below this many multiply-adds per thread, waking a helper (tens of microseconds) costs more
 * than it saves.
 */
const MIN_PER_THREAD = 1 << 20;

/**
 * Starts `threads - 1` helpers (so `threads` share each large product) and resolves to the
 * number of threads now in use: 1 when shared memory, SIMD or `Atomics.wait` is unavailable.
 * `minPerThread` overrides the size below which products stay on one thread (tests use 1).
 */
export async function startGemmThreads(threads: number, spawn: Spawner,
  minPerThread = MIN_PER_THREAD): Promise<number> {
  stopGemmThreads();
  const n = Math.min(Math.floor(threads), MAX_THREADS);
  // wasmGemmAvailable: WebAssembly SIMD is there and the module instantiates.
  if (n <= 1 || !sharedMemoryAvailable() || !wasmGemmAvailable()) return 1;

  const module = compileGemmModule(true);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
  const kernel = instantiateGemm(module, memory);
  const controlBuffer = new SharedArrayBuffer(CONTROL_WORDS * 4);
  const helpers: HelperThread[] = [];
  try {
    for (let i = 1; i < n; i++) helpers.push(spawn({ module, memory, control: controlBuffer, index: i }));
    await Promise.all(helpers.map((h) => h.ready));
  } catch (e) {
    for (const h of helpers) h.terminate();
    throw e;
  }
  const control = new Int32Array(controlBuffer);
  pool = { helpers, control };
  useKernel(kernel);
  setFanout({ threads: n, minPerThread, run: (job, parts) => fanOut(kernel.exports, control, helpers.length, job, parts) });
  return n;
}

/** Stops the helpers and goes back to one thread (a no-op when none run). */
export function stopGemmThreads(): void {
  if (!pool) return;
  const { helpers, control } = pool;
  Atomics.store(control, STOP, 1);
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);
  for (const h of helpers) h.terminate();
  pool = null;
  setFanout(null);
  useKernel(undefined);
}

/** Threads sharing large products right now (1 without a pool). */
export function gemmThreads(): number {
  return pool ? pool.helpers.length + 1 : 1;
}

function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object") return false;
  // Browsers expose SharedArrayBuffer only to cross-origin isolated pages; Node always does.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (isolated === false) return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every helper acknowledges every job, even one with nothing to do for it: the caller may only
 * write the next job once no helper can still be reading this one.
 */
function fanOut(x: GemmExports, control: Int32Array, helpers: number, job: GemmJob,
  parts: readonly [number, number, number, number][]): void {
  const words = [job.transA ? 1 : 0, job.transB ? 1 : 0, job.M, job.N, job.K, job.a, job.b, job.c, job.ldc];
  for (let i = 0; i < words.length; i++) control[JOB + i] = words[i]!;
  for (let t = 0; t < MAX_THREADS; t++) {
    const r = parts[t] ?? [0, 0, 0, 0];
    for (let w = 0; w < 4; w++) control[RECTS + 4 * t + w] = r[w]!;
  }
  Atomics.store(control, DONE, 0);
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);

  const [i0, i1, j0, j1] = parts[0]!;
  gemmBlock(x, 0, job, i0, i1, j0, j1);

  const deadline = Date.now() + HELPER_TIMEOUT_MS;
  for (let done = Atomics.load(control, DONE); done < helpers; done = Atomics.load(control, DONE)) {
    if (Atomics.wait(control, DONE, done, 1000) === "timed-out" && Date.now() > deadline) {
      stopGemmThreads();
      throw new Error("matrix multiply: a helper thread stopped responding; continuing on one thread");
    }
  }
}

/**
 * A helper thread's life: instantiate on the shared memory, call `ready`, then wait for jobs and
 * do this thread's rectangle of each. Called by the platform entry points (gemm-thread.*.ts);
 * returns when the pool stops.
 */
export function runHelper(init: HelperInit, ready: () => void): void {
  const x = instantiateGemm(init.module, init.memory).exports;
  const control = new Int32Array(init.control);
  const scratch = init.index * SCRATCH * 4;
  // Read before reporting ready: the first job may be posted the moment every helper has.
  let seen = Atomics.load(control, SEQ);
  ready();
  for (;;) {
    Atomics.wait(control, SEQ, seen);
    seen = Atomics.load(control, SEQ);
    if (Atomics.load(control, STOP) === 1) return;
    const r = RECTS + 4 * init.index;
    const i0 = control[r]!, i1 = control[r + 1]!, j0 = control[r + 2]!, j1 = control[r + 3]!;
    if (i1 > i0 && j1 > j0) {
      const job: GemmJob = {
        transA: control[JOB] === 1, transB: control[JOB + 1] === 1,
        M: control[JOB + 2]!, N: control[JOB + 3]!, K: control[JOB + 4]!,
        a: control[JOB + 5]!, b: control[JOB + 6]!, c: control[JOB + 7]!, ldc: control[JOB + 8]!,
      };
      gemmBlock(x, scratch, job, i0, i1, j0, j1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}
