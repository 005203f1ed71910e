/**
 * bench.html: runs the training benchmark (bench/table.ts) in workers and shows its progress and
 * table. First every single-threaded peer and ours on two threads, then tfjs-wasm's threaded build
 * on two threads in a worker of its own (one tfjs-wasm backend per realm), checked against the
 * first run's outputs; one table from both. `?quick` shortens every cell like
 * `npm run bench -- --quick`. For scripts: `document.body.dataset.state` goes "running" → "done"
 * (or "error"), and the table is the text of #table.
 */
import { mergeRecords, type BenchRecord } from "../record.ts";
import { DEFAULT_RATIOS, formatTable, type BenchMode } from "../table.ts";
import type { FromWorker, PeerSet, ToWorker } from "./protocol.ts";

const params = new URLSearchParams(location.search);
const mode: BenchMode = params.has("quick") ? "quick" : "full";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = element<HTMLParagraphElement>("status");
const table = element<HTMLPreElement>("table");
const log = element<HTMLPreElement>("log");

const browser = navigator.userAgent.match(/(?:Chrome|Firefox|Version)\/[\d.]+/)?.[0] ?? navigator.userAgent;
const where = `${browser}, ${navigator.hardwareConcurrency} logical cores, page ${crossOriginIsolated ? "" : "not "}cross-origin isolated`;

function setState(state: "running" | "done" | "error", text: string): void {
  document.body.dataset.state = state;
  status.textContent = text;
}

function progress(line: string): void {
  log.textContent += `${line}\n`;
  // For `npm run bench:browser`, which forwards the page's console to stderr.
  console.info(line);
}

/** One worker's run: its record and seconds, or the worker's error message. */
function runWorker(peers: PeerSet, reference?: BenchRecord["reference"]): Promise<{ record: BenchRecord; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: `bench ${peers}` });
    const finish = (settle: () => void) => {
      worker.terminate();
      settle();
    };
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      switch (data.type) {
        case "started":
          if (peers === "main") document.body.dataset.workerIsolated = String(data.crossOriginIsolated);
          progress(`${peers} worker ${data.crossOriginIsolated ? "is" : "is not"} cross-origin isolated`);
          break;
        case "progress":
          progress(data.line);
          break;
        case "done":
          finish(() => resolve({ record: data.record, seconds: data.seconds }));
          break;
        case "error":
          finish(() => reject(new Error(data.message)));
          break;
      }
    };
    worker.onerror = (e) => finish(() => reject(new Error(`the ${peers} bench worker failed: ${e.message || "could not load"}`)));
    worker.postMessage({ type: "start", mode, peers, ...(reference ? { reference } : {}) } satisfies ToWorker);
  });
}

async function run(): Promise<void> {
  setState("running", `running the ${mode} benchmark in workers… (${where})`);
  const started = performance.now();
  const main = await runWorker("main");
  const records = [main.record];
  const notes: string[] = [];
  try {
    records.push((await runWorker("threaded", main.record.reference)).record);
  } catch (e) {
    // The main table still stands; the missing opponent is said, not hidden.
    const message = e instanceof Error ? e.message : String(e);
    progress(message);
    notes.push(`tfjs-wasm 2 threads could not run: ${message.split("\n")[0]}`);
  }
  const measured = `measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${where}`;
  table.textContent = formatTable(mergeRecords(records), {
    caption: [measured, ...notes],
    ratios: [...DEFAULT_RATIOS, ["tensorsheet 2 threads", "tfjs-wasm 2 threads"]],
  });
  setState("done", `done in ${((performance.now() - started) / 1000).toFixed(0)} s (${mode}; ${where})`);
}

run().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  progress(message);
  console.error(message);
  setState("error", `failed: ${message.split("\n")[0]}`);
});
