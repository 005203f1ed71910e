/**
 * TensorFlow.js in the browser (bundled by vite): the peers of ./tfjs-peer.ts, with the .wasm
 * binaries emitted as assets and the gradients registered from tfjs-core's ESM build.
 */
import { env } from "@tensorflow/tfjs-core";
// After tfjs-core's entry, whose side effects register the flags the gradients read: vite's dev
// pre-bundling puts those in a chunk only the entry imports.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { Peer } from "../cases.ts";
import { tfjsPeer as peer } from "./tfjs-peer.ts";

let wasmConfigured = false;

/** All three binaries are vite assets; the backend picks one from its SIMD and thread flags. */
function configureWasm(threads: number): void {
  if (wasmConfigured) return;
  setWasmPaths({
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimd,
  });
  // One thread, like our engine and like tfjs-wasm in Node. A cross-origin isolated page would
  // otherwise load the threaded build; telling the backend threads are unavailable makes it load
  // tfjs-backend-wasm-simd.wasm, the very binary Node runs, instead of the threaded one on a pool
  // of one. More threads: the threaded SIMD build, which the flags pick on an isolated page.
  // Both must precede setBackend.
  if (threads === 1) env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  else letXnnpackUse(threads);
  setThreadsCount(threads);
  wasmConfigured = true;
}

/** tfjs on one thread; `threads` > 1 (wasm only) must be the only tfjs-wasm peer of its worker. */
export function tfjsPeer(backend: "cpu" | "wasm", threads = 1): Peer {
  return peer(backend, () => configureWasm(threads), threads);
}

/**
 * tfjs-wasm caps its pool at navigator.hardwareConcurrency / 2 (it assumes two hyperthreads a
 * core), so on a 2-core machine setThreadsCount(2) would quietly run one thread. Its wasm reads
 * the count once, when it is instantiated; this worker reports enough cores for `threads` to that
 * read, and the peer then checks getThreadsCount().
 */
function letXnnpackUse(threads: number): void {
  const cores = navigator.hardwareConcurrency;
  if (cores / 2 >= threads) return;
  Object.defineProperty(navigator, "hardwareConcurrency", { configurable: true, get: () => threads * 2 });
}
