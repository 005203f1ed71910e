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

function configureWasm(): void {
  if (wasmConfigured) return;
  setWasmPaths({
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimd,
  });
  // One thread, like our engine and like tfjs-wasm in Node. A cross-origin isolated page would
  // otherwise load the threaded build; telling the backend threads are unavailable makes it load
  // tfjs-backend-wasm-simd.wasm, the very binary Node runs, instead of the threaded one on a pool
  // of one. Both must precede setBackend.
  env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setThreadsCount(1);
  wasmConfigured = true;
}

export function tfjsPeer(backend: "cpu" | "wasm"): Peer {
  return peer(backend, configureWasm);
}
