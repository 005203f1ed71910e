/** Node helper threads (worker_threads) for gemm-threads.ts. */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { startGemmThreads, type PoolOptions, type Spawner } from "./gemm-threads.ts";

const entry = fileURLToPath(new URL("./gemm-thread.node.ts", import.meta.url));
/** tsx's require hook (synchronous and per thread, unlike Node 20's ESM loader hooks). */
const tsxRequireHook = createRequire(import.meta.url).resolve("tsx/cjs");
/**
 * The entry is TypeScript. A worker doesn't inherit the loader the parent runs under (tsx in the
 * CLI and bench, vite's in vitest), and Node 20 won't register ESM hooks inside a worker, so it
 * installs tsx's require hook (a dependency) and requires the entry, compiled to CommonJS.
 */
const bootstrap = `require(${JSON.stringify(tsxRequireHook)}); require(${JSON.stringify(entry)});`;

const spawnNode: Spawner = (init) => {
  const worker = new Worker(bootstrap, { eval: true, workerData: init });
  // Helpers block in Atomics.wait between products; they must not keep the process alive.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`matrix multiply helper thread exited (code ${code})`)));
  });
  return { ready, terminate: () => void worker.terminate() };
};

/** Starts helpers so `threads` (default: every core) share large products; resolves to the count. */
export function startNodeGemmThreads(threads = availableParallelism(), minPerThread?: number,
  options?: PoolOptions): Promise<number> {
  return startGemmThreads(threads, spawnNode, minPerThread, options);
}
