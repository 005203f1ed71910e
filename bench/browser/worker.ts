/**
 * The browser bench runs here, in a dedicated worker: off the page's thread, as the app trains, and
 * where a multi-threaded peer may block on Atomics.wait. Same loop as `npm run bench`, one round
 * per message; the page formats the table from the records of its workers.
 */
import { startWebGemmThreads } from "../../engine/kernels/wasm/gemm-threads.web.ts";
import type { Peer } from "../cases.ts";
import { benchPeers, threadedPeers, type PeerEnvironment } from "../peers/index.ts";
import { tfjsPeer } from "../peers/tfjs-browser.ts";
import { referenceOf, toRecord } from "../record.ts";
import { runBench, schedule } from "../table.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}${e.stack ? `\n${e.stack}` : ""}` : String(e));

/** Made once: the peers keep their backends and helper threads from round to round. */
let peers: Peer[] | undefined;

self.onmessage = async ({ data }: MessageEvent<ToWorker>) => {
  if (data.type !== "round") return;
  try {
    if (!peers) {
      post({ type: "started", crossOriginIsolated: self.crossOriginIsolated });
      const environment: PeerEnvironment = { tfjs: tfjsPeer, startThreads: (n) => startWebGemmThreads(n) };
      peers = data.peers === "main" ? benchPeers(environment) : threadedPeers(environment);
    }
    const { rounds, round } = schedule(data.mode);
    const reference = data.reference ? referenceOf(data.reference) : undefined;
    const result = await runBench({
      peers,
      schedule: { rounds: 1, round: () => round(data.round) },
      log: (line) => post({ type: "progress", line: line.replace("round 1/1", `round ${data.round + 1}/${rounds}`) }),
      check: data.round === 0,
      ...(reference ? { reference, referencePeer: "tensorsheet" } : {}),
    });
    post({ type: "done", record: toRecord(result) });
  } catch (e) {
    post({ type: "error", message: describe(e) });
  }
};

self.addEventListener("unhandledrejection", (e) => post({ type: "error", message: describe(e.reason) }));
