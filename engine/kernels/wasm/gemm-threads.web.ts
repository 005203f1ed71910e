/**
 * Web Worker helper threads for gemm-threads.ts. Call from a worker, not the page: the calling
 * thread blocks in Atomics.wait while helpers work. Needs cross-origin isolation (COOP/COEP
 * headers) for shared memory; without it this resolves to 1 and products stay single-threaded.
 */
import { startGemmThreads, type PoolOptions, type Spawner } from "./gemm-threads.ts";

const spawnWeb: Spawner = (init) => {
  const worker = new Worker(new URL("./gemm-thread.web.ts", import.meta.url), { type: "module", name: `gemm-${init.index}` });
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(`matrix multiply helper thread failed to start: ${e.message}`));
  });
  worker.postMessage(init);
  return { ready, terminate: () => worker.terminate() };
};

/** Starts helpers so `threads` (default: the reported cores, at most 4) share large products. */
export function startWebGemmThreads(threads = Math.min(4, navigator.hardwareConcurrency || 1),
  options?: PoolOptions): Promise<number> {
  return startGemmThreads(threads, spawnWeb, undefined, options);
}
