/**
 * Training samples/s with live cell refresh off and on (issue 13): the first-look sheet's
 * TrainingRun driven as the training worker drives it (drive(), progress every 100 ms), once
 * sending no params, once copying them every 2 s, as src/training/run-reporter.ts does, to a sheet
 * on another thread that re-evaluates every cell downstream of them, as the browser's sheet worker
 * does. Both sides share the machine's cores, as in the browser; the figure is steps × batch over
 * wall-clock time, so the copies, the posting and the competition for cores all count.
 * (Checkpoints are left out of both.)
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { drive, importSheet, mnistProvider, TrainingRun, type DatasetProvider } from "../cells/index.ts";
import { loadMnistNode } from "../engine/datasets/mnist-build.node.ts";
import { median } from "./measure.ts";

const EXAMPLE = new URL("../public/examples/00-first-look.tensorsheet.json", import.meta.url);
/** LIVE_PARAMS_EVERY_MS in src/training/session.ts. */
const LIVE_PARAMS_EVERY_MS = 2000;

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

/** The current params, copied, as a `params` event carries them. */
function paramsOf(run: TrainingRun): { params: Record<string, { shape: number[]; data: Float32Array }>; transfer: ArrayBuffer[] } {
  const params = Object.fromEntries([...run.currentParams()].map(([name, t]) => [name, { shape: [...t.shape], data: t.data as Float32Array }]));
  return { params, transfer: Object.values(params).map((p) => p.data.buffer as ArrayBuffer) };
}

/** One run of `seconds` after its first epoch (data loading and the first metric pass excluded). */
async function trainFor(dataset: DatasetProvider, seconds: number, sheet: Worker | null): Promise<Round> {
  const { sheet: own } = importSheet(readFileSync(EXAMPLE, "utf8"), { dataset });
  const run = TrainingRun.start(own, own.resolve("fit")!, { epochs: 1000 });
  let sends = 0;
  let refreshes = 0;
  const onRefresh = () => refreshes++;
  sheet?.on("message", onRefresh);
  let from: { step: number; at: number } | null = null;
  let to: { step: number; at: number } | null = null;
  let lastSend = performance.now();
  await drive(run, {
    runKey: "bench:fit",
    control: () => (to === null ? "run" : "stop"),
    onProgress: (p) => {
      const now = performance.now();
      if (sheet !== null && now - lastSend >= LIVE_PARAMS_EVERY_MS) {
        lastSend = now;
        sends++;
        const { params, transfer } = paramsOf(run);
        sheet.postMessage({ params }, transfer);
      }
      if (from === null && p.epoch >= 1) from = { step: p.step, at: now };
      else if (from !== null && to === null && now - from.at >= seconds * 1000) to = { step: p.step, at: now };
    },
  });
  sheet?.off("message", onRefresh);
  if (from === null || to === null) throw new Error("the bench run ended before it was measured");
  const f = from as { step: number; at: number };
  const t = to as { step: number; at: number };
  return { samplesPerSecond: ((t.step - f.step) * run.plan.batch * 1000) / (t.at - f.at), sends, refreshes };
}

export async function measureLiveRefresh(rounds: number, seconds: number): Promise<LiveRefreshResult> {
  const dataset = mnistProvider(await loadMnistNode());
  const sheet = await startSheet();
  const off: Round[] = [];
  const on: Round[] = [];
  try {
    // Alternating, so a machine that warms up or slows down affects both alike.
    for (let r = 0; r < rounds; r++) {
      off.push(await trainFor(dataset, seconds, null));
      on.push(await trainFor(dataset, seconds, sheet));
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
