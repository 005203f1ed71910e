/**
 * The browser bench runs here, in a dedicated worker: off the page's thread, as the app trains, and
 * where a multi-threaded peer may block on Atomics.wait. Same loop as `npm run bench`; the page
 * formats the table from the records of its workers.
 */
import { startWebGemmThreads } from "../../engine/kernels/wasm/gemm-threads.web.ts";
import { benchPeers, threadedPeers, type PeerEnvironment } from "../peers/index.ts";
import { tfjsPeer } from "../peers/tfjs-browser.ts";
import { referenceOf, toRecord } from "../record.ts";
import { runBench, schedule } from "../table.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}${e.stack ? `\n${e.stack}` : ""}` : String(e));

self.onmessage = async ({ data }: MessageEvent<ToWorker>) => {
  if (data.type !== "start") return;
  post({ type: "started", crossOriginIsolated: self.crossOriginIsolated });
  try {
    const started = performance.now();
    const environment: PeerEnvironment = { tfjs: tfjsPeer, startThreads: (n) => startWebGemmThreads(n) };
    const reference = data.reference ? referenceOf(data.reference) : undefined;
    const result = await runBench({
      peers: data.peers === "main" ? benchPeers(environment) : threadedPeers(environment),
      schedule: schedule(data.mode),
      log: (line) => post({ type: "progress", line }),
      ...(reference ? { reference, referencePeer: "tensorsheet" } : {}),
    });
    post({ type: "done", record: toRecord(result), seconds: (performance.now() - started) / 1000 });
  } catch (e) {
    post({ type: "error", message: describe(e) });
  }
};

self.addEventListener("unhandledrejection", (e) => post({ type: "error", message: describe(e.reason) }));
