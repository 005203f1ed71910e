/// <reference lib="webworker" />
// The training worker: a dedicated worker of its own, separate from the sheet worker, so a long
// run never delays evaluation of the sheet. All logic lives in TrainingSession (testable in Node).
import {
  fetchMnistBytes,
  mnistProvider,
  releaseIdleMemory,
  usesMnist,
  type DatasetProvider,
} from "../../cells/index.ts";
import { startWebGemmThreads } from "../../cells/runtime.web.ts";
import { AppDatabase, IdbCheckpointStore } from "../persistence/index.ts";
import { holdLock, runLockName } from "../persistence/locks.ts";
import type { TrainingCommand } from "./protocol.ts";
import { TrainingSession } from "./session.ts";

declare const self: DedicatedWorkerGlobalScope;

// Large matrix products share the cores when the page is cross-origin isolated (the COOP/COEP
// headers, see README); otherwise this resolves to 1 and training runs on this thread alone.
startWebGemmThreads().catch((e: unknown) => console.warn("training: staying on one thread:", e));

let mnist: Promise<DatasetProvider> | null = null;

/** The built-in MNIST, fetched and unpacked once per worker (a failed fetch is retried next time). */
function loadDataset(sources: readonly string[]): Promise<DatasetProvider | undefined> {
  if (!usesMnist(sources)) return Promise.resolve(undefined);
  if (mnist === null) {
    // public/data/mnist.bin is served at <base>data/mnist.bin; resolve it against the page origin,
    // not the worker script's own URL.
    const url = new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.href);
    const loading = fetchMnistBytes(url).then(mnistProvider);
    mnist = loading;
    loading.catch(() => {
      if (mnist === loading) mnist = null;
    });
  }
  return mnist;
}

const session = new TrainingSession({
  post: (event, transfer) => self.postMessage(event, transfer),
  store: new IdbCheckpointStore(new AppDatabase()),
  loadDataset,
  lockRun: (runKey) => holdLock(runLockName(runKey), { ifAvailable: true }),
});

self.onmessage = (message: MessageEvent<TrainingCommand>) => {
  // Not awaited: a run goes on for minutes, and pause/stop must get through meanwhile.
  void session.handle(message.data).then(() => {
    // A run has ended: give the kernels' WebAssembly memory back until the next one.
    if (session.activeRunKey === null && (message.data.type === "start" || message.data.type === "resume")) void releaseIdleMemory();
  });
};

// Anything that escapes the session still becomes a `failed` event rather than a silent death.
self.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  session.crash(session.activeRunKey, e.reason);
});
self.addEventListener("error", (e) => {
  e.preventDefault();
  session.crash(session.activeRunKey, e.error ?? e.message);
});
