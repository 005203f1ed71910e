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
 *
 * Failure never costs a result: when a helper fails or doesn't answer, the pool stops, says so
 * through its `onNotice`, and the product is redone on the calling thread alone.
 */
import { Interrupted, interruptRequested } from "../../interrupt.ts";
import { runtime } from "../../runtime.ts";
import {
  compileGemmModule, gemmBlock, instantiateGemm, SCRATCH, setFanout, useKernel, wasmGemmAvailable,
  type GemmExports, type GemmJob,
} from "./gemm-wasm.ts";

/** What a helper thread is started with (structured-cloneable: Module and shared memory are). */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1-based: the calling thread is 0. Selects the scratch area, the rectangle and the ack word. */
  index: number;
}

/** A started helper: resolves `ready` once it has instantiated the module. */
export interface HelperThread {
  ready: Promise<void>;
  terminate(): void;
}

export type Spawner = (init: HelperInit) => HelperThread;

export interface PoolOptions {
  /**
   * Told, in a sentence for people, when the pool gives up on its helpers and products go on on
   * one thread (default: console.warn). Not an error: every product still completes.
   */
  onNotice?: (message: string) => void;
  /** How long a helper may take to acknowledge a job before it is presumed dead (tests use a few ms). */
  helperTimeoutMs?: number;
}

// Control words (Int32 indices).
const SEQ = 0; // bumped by the caller for every job; helpers wait on it
const STOP = 1; // 1: helpers return
const FAILED = 2; // set by a helper whose rectangle threw
const CANCEL = 3; // set by the caller when the job was interrupted: helpers stop their rectangles early
const JOB = 4; // transA, transB, M, N, K, a, b, c, ldc
const MAX_THREADS = 16;
const RECTS = JOB + 9; // then i0, i1, j0, j1 per thread; 0-area rectangles mean "nothing to do"
/**
 * Then one word per thread: the SEQ of the last job that helper finished. Per helper and per job
 * (rather than one counter) so a late acknowledgement of an old job can never count for a new one.
 */
const ACKS = RECTS + 4 * MAX_THREADS;
const CONTROL_WORDS = ACKS + MAX_THREADS;
/** A helper that hasn't answered in this long is presumed dead (a product takes milliseconds). */
const HELPER_TIMEOUT_MS = 60_000;
/**
 * Shared memory up to this size is kept when idle: freeing it means respawning the helpers
 * (tens of milliseconds, and a module load per worker in a browser).
 */
const POOL_KEEP_BYTES = 16 * 1024 * 1024;

/** A running pool of helper threads (the one in use is `runtime.gemmPool`, ../../runtime.ts). */
export interface GemmPool {
  helpers: HelperThread[];
  control: Int32Array;
  memory: WebAssembly.Memory;
  exports: GemmExports;
  /** How it was started, to rebuild it on fresh memory (releaseGemmPoolMemory). */
  threads: number;
  spawn: Spawner;
  minPerThread: number;
  options: PoolOptions;
}
/** Bumped by every start and stop: a start that finds it moved on while awaiting its helpers lost the race. */
let generation = 0;

/**
 * Below this many multiply-adds per thread, waking a helper (tens of microseconds) costs more
 * than it saves.
 */
const MIN_PER_THREAD = 1 << 20;

/** What the calling thread runs for its own rectangle: `gemmBlock`, or a test's stand-in. */
let callerBlock: typeof gemmBlock = gemmBlock;

/** Tests only: replaces the calling thread's share of each product (null restores `gemmBlock`). */
export function setCallerBlockForTests(block: typeof gemmBlock | null): void {
  callerBlock = block ?? gemmBlock;
}

/**
 * Starts `threads - 1` helpers (so `threads` share each large product) and resolves to the
 * number of threads now in use: 1 when shared memory, SIMD or `Atomics.wait` is unavailable.
 * `minPerThread` overrides the size below which products stay on one thread (tests use 1).
 */
export async function startGemmThreads(threads: number, spawn: Spawner,
  minPerThread = MIN_PER_THREAD, options: PoolOptions = {}): Promise<number> {
  stopGemmThreads();
  const mine = ++generation;
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
  if (mine !== generation) {
    // Stopped or restarted while the helpers started: this pool is not wanted any more.
    for (const h of helpers) h.terminate();
    return gemmThreads();
  }
  const p: GemmPool = {
    helpers, control: new Int32Array(controlBuffer), memory, exports: kernel.exports,
    threads: n, spawn, minPerThread, options,
  };
  runtime.gemmPool = p;
  useKernel(kernel);
  setFanout({ threads: n, minPerThread, run: (job, parts) => fanOut(p, job, parts) });
  return n;
}

/** Stops the helpers and goes back to one thread (a no-op when none run). */
export function stopGemmThreads(): void {
  generation++;
  const pool = runtime.gemmPool;
  if (!pool) return;
  const { helpers, control } = pool;
  Atomics.store(control, STOP, 1);
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);
  for (const h of helpers) h.terminate();
  runtime.gemmPool = null;
  setFanout(null);
  useKernel(undefined);
}

/** Threads sharing large products right now (1 without a pool). */
export function gemmThreads(): number {
  const pool = runtime.gemmPool;
  return pool ? pool.helpers.length + 1 : 1;
}

/** Whether every helper has finished the last job (true without a pool): nothing still runs on its memory. */
export function gemmHelpersIdle(): boolean {
  const pool = runtime.gemmPool;
  if (!pool) return true;
  const seq = Atomics.load(pool.control, SEQ);
  return pool.helpers.every((_, i) => Atomics.load(pool.control, ACKS + i + 1) === seq);
}

/**
 * Gives back the pool's shared memory once it has grown past POOL_KEEP_BYTES: a shared memory
 * can't shrink and the helpers hold it, so this stops them and starts the same pool on a fresh
 * one-page memory. Products in between run on one thread. If the restart fails the pool stays
 * stopped and `onNotice` says so.
 */
export async function releaseGemmPoolMemory(): Promise<void> {
  const p = runtime.gemmPool;
  if (!p || p.memory.buffer.byteLength <= POOL_KEEP_BYTES) return;
  try {
    await startGemmThreads(p.threads, p.spawn, p.minPerThread, p.options);
  } catch (e) {
    notice(p, `matrix products: could not restart the helper threads after freeing their memory (${(e as Error).message}); continuing on one thread`);
  }
}

function notice(p: GemmPool, message: string): void {
  (p.options.onNotice ?? console.warn)(message);
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
 * One product on the pool; false when it must be redone on one thread (a helper failed or didn't
 * answer: the pool has then stopped). Every helper acknowledges every job, even one with nothing
 * to do for it, and the caller waits for all of them even when its own share throws: the next
 * job may only be written once no helper can still be reading this one or writing its C.
 */
function fanOut(p: GemmPool, job: GemmJob, parts: readonly [number, number, number, number][]): boolean {
  const { control } = p;
  const words = [job.transA ? 1 : 0, job.transB ? 1 : 0, job.M, job.N, job.K, job.a, job.b, job.c, job.ldc];
  for (let i = 0; i < words.length; i++) control[JOB + i] = words[i]!;
  for (let t = 0; t < MAX_THREADS; t++) {
    const r = parts[t] ?? [0, 0, 0, 0];
    for (let w = 0; w < 4; w++) control[RECTS + 4 * t + w] = r[w]!;
  }
  Atomics.store(control, FAILED, 0);
  Atomics.store(control, CANCEL, 0);
  const seq = (Atomics.add(control, SEQ, 1) + 1) | 0;
  Atomics.notify(control, SEQ);

  let thrown: { error: unknown } | null = null;
  const [i0, i1, j0, j1] = parts[0]!;
  // An interrupt stops the caller's share and, through CANCEL, the helpers' (C is dropped).
  const stop = () => {
    if (!interruptRequested()) return false;
    Atomics.store(control, CANCEL, 1);
    return true;
  };
  try {
    if (!callerBlock(p.exports, 0, job, i0, i1, j0, j1, stop)) thrown = { error: new Interrupted() };
  } catch (error) {
    thrown = { error };
  }

  const timeoutMs = p.options.helperTimeoutMs ?? HELPER_TIMEOUT_MS;
  const answered = awaitHelpers(control, p.helpers.length, seq, timeoutMs);
  const ok = answered && Atomics.load(control, FAILED) === 0;
  if (!ok) {
    // A dead or failing helper would fail every later product too: stop the pool for good.
    if (runtime.gemmPool === p) stopGemmThreads();
    notice(p, answered
      ? "matrix products: a helper thread failed; this product was redone on one thread, and products now run on one thread"
      : `matrix products: a helper thread did not answer within ${timeoutMs / 1000} s; this product was redone on one thread, and products now run on one thread`);
  }
  if (thrown) throw thrown.error;
  return ok;
}

/** Waits until helpers 1..n have acknowledged job `seq`; false when one hasn't within `timeoutMs`. */
function awaitHelpers(control: Int32Array, n: number, seq: number, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  for (let i = 1; i <= n; i++) {
    for (let seen = Atomics.load(control, ACKS + i); seen !== seq; seen = Atomics.load(control, ACKS + i)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(control, ACKS + i, seen, Math.min(left, 1000));
    }
  }
  return true;
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
  const ack = ACKS + init.index;
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
      try {
        gemmBlock(x, scratch, job, i0, i1, j0, j1, () => Atomics.load(control, CANCEL) === 1);
      } catch {
        // Acknowledge anyway, flagged: the caller redoes the product instead of waiting it out.
        Atomics.store(control, FAILED, 1);
      }
    }
    Atomics.store(control, ack, seen);
    Atomics.notify(control, ack);
  }
}
