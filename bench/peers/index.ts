/**
 * The bench's peers, one column each, in this order; the first (tensorsheet) is the reference the
 * others' outputs are checked against. Node (bench/run.ts) and the browser (bench/browser/worker.ts)
 * both take their list from here, each passing in what only it can build.
 */
import type { Peer } from "../cases.ts";
import { tensorsheetPeer, type StartThreads } from "../tensorsheet.ts";

/** What differs between Node and the browser. */
export interface PeerEnvironment {
  /** TensorFlow.js with one backend, set up for this environment (./tfjs.ts or ./tfjs-browser.ts). */
  tfjs(backend: "cpu" | "wasm", threads?: number): Peer;
  /** Helper threads for our multi-threaded column (worker_threads in Node, Web Workers in a browser). */
  startThreads: StartThreads;
}

/** Single-threaded columns first (tfjs-wasm runs one thread too), then ours on two threads. */
export function benchPeers(environment: PeerEnvironment): Peer[] {
  return [tensorsheetPeer(1), environment.tfjs("cpu"), environment.tfjs("wasm"), tensorsheetPeer(2, environment.startThreads)];
}

/**
 * The opponent of our two-thread column: tfjs-wasm's threaded SIMD build on two threads (browser
 * only; in Node tfjs-wasm has no threads). It needs a realm (worker) without any other tfjs-wasm.
 */
export function threadedPeers(environment: PeerEnvironment): Peer[] {
  return [environment.tfjs("wasm", 2)];
}
