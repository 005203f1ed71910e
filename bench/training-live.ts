/**
 * Training samples/s with live cell refresh off and on (issue 13): the first-look sheet trained by
 * the app's own TrainingSession, once sending no params until it pauses, once sending them every
 * 2 s to a sheet on another thread that re-evaluates every cell downstream of them, as the
 * browser's sheet worker does. Both sides share the machine's cores, as in the browser; the
 * figure is steps × batch over wall-clock time, so the copies, the posting and the competition
 * for cores all count.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { mnistProvider, parseSheetDocument, type SheetDocument } from "../cells/index.ts";
import { MemoryCheckpointStore } from "../cells/training/memory-store.ts";
import { loadMnistNode } from "../engine/datasets/mnist-build.node.ts";
import { TrainingSession, LIVE_PARAMS_EVERY_MS } from "../src/training/session.ts";
import type { TrainingEvent } from "../src/training/protocol.ts";
import { median } from "./measure.ts";

const EXAMPLE = new URL("../public/examples/00-first-look.tensorsheet.json", import.meta.url);
/** fit's batch in the first-look sheet. */
const FIRST_LOOK_BATCH = 128;

export interface LiveRefreshResult {
  readonly offSamplesPerSecond: number;
  readonly onSamplesPerSecond: number;
  /** Params sent, and sheet re-evaluations finished, per "on" round (median). */
  readonly sends: number;
  readonly refreshes: number;
  readonly seconds: number;
}

interface Round {
  readonly samplesPerSecond: number;
  readonly sends: number;
  readonly refreshes: number;
}

/**
 * The sheet on its own thread; resolves once it has loaded and evaluated. A worker does not inherit
 * tsx's ESM loader, so it installs tsx's require hook first (as engine/kernels/wasm/gemm-threads.node.ts does).
 */
async function startSheet(): Promise<Worker> {
  const hook = createRequire(import.meta.url).resolve("tsx/cjs");
  const entry = fileURLToPath(new URL("./training-live-sheet.worker.ts", import.meta.url));
  const bootstrap = `require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { example: fileURLToPath(EXAMPLE) } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return worker;
}

/** One run of `seconds` after its first epoch (data loading and the first metric pass excluded). */
async function trainFor(document: SheetDocument, seconds: number, sheet: Worker | null): Promise<Round> {
  let sends = 0;
  let refreshes = 0;
  const onRefresh = () => refreshes++;
  sheet?.on("message", onRefresh);
  let from: { step: number; at: number } | null = null;
  let to: { step: number; at: number } | null = null;
  const session: TrainingSession = new TrainingSession({
    store: new MemoryCheckpointStore(),
    liveParamsEveryMs: sheet === null ? null : LIVE_PARAMS_EVERY_MS,
    loadDataset: async () => mnistProvider(await loadMnistNode()),
    post: (event: TrainingEvent, transfer) => {
      if (event.type === "params" && sheet !== null) {
        sends++;
        sheet.postMessage({ params: event.params }, transfer as ArrayBuffer[]);
      }
      if (event.type !== "progress") return;
      const now = performance.now();
      if (from === null && event.progress.epoch >= 1) from = { step: event.progress.step, at: now };
      else if (from !== null && to === null) {
        if (now - from.at >= seconds * 1000) {
          to = { step: event.progress.step, at: now };
          void session.handle({ type: "pause" });
        }
      }
    },
  });
  const address = document.cells.find((c) => c.source.startsWith("fit ="))!.address;
  const long = { ...document, cells: document.cells.map((c) => (c.address === address ? { ...c, source: c.source.replace("epochs: 5", "epochs: 1000") } : c)) };
  await session.handle({ type: "start", runKey: "bench:fit", document: long, address });
  sheet?.off("message", onRefresh);
  if (from === null || to === null) throw new Error("the bench run ended before it was measured");
  const f = from as { step: number; at: number };
  const t = to as { step: number; at: number };
  return { samplesPerSecond: ((t.step - f.step) * FIRST_LOOK_BATCH * 1000) / (t.at - f.at), sends, refreshes };
}

export async function measureLiveRefresh(rounds: number, seconds: number): Promise<LiveRefreshResult> {
  const document = parseSheetDocument(readFileSync(EXAMPLE, "utf8"));
  const sheet = await startSheet();
  const off: Round[] = [];
  const on: Round[] = [];
  try {
    // Alternating, so a machine that warms up or slows down affects both alike.
    for (let r = 0; r < rounds; r++) {
      off.push(await trainFor(document, seconds, null));
      on.push(await trainFor(document, seconds, sheet));
    }
  } finally {
    await sheet.terminate();
  }
  return {
    offSamplesPerSecond: median(off.map((r) => r.samplesPerSecond)),
    onSamplesPerSecond: median(on.map((r) => r.samplesPerSecond)),
    sends: median(on.map((r) => r.sends)),
    refreshes: median(on.map((r) => r.refreshes)),
    seconds,
  };
}
