/// <reference lib="webworker" />
/** Entry of a Web Worker helper thread for the multi-threaded GEMM (started by gemm-threads.web.ts). */
import { runHelper, type HelperInit } from "./gemm-threads.ts";

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (message: MessageEvent<HelperInit>) => {
  self.onmessage = null;
  // Blocks this worker for good (Atomics.wait between products): it has nothing else to do.
  runHelper(message.data, () => self.postMessage("ready"));
};
