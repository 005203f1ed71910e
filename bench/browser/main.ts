/**
 * bench.html: runs the training benchmark (bench/table.ts) in two workers and shows its progress
 * and table: one for every single-threaded peer and ours on two threads, one for tfjs-wasm's
 * threaded build on two threads (one tfjs-wasm backend per realm), checked against the first's
 * outputs. They take turns, round by round, so load that comes and goes lands on both; one table
 * from both. `?quick` shortens every cell like `npm run bench -- --quick`. For scripts:
 * `document.body.dataset.state` goes "running" → "done" (or "error"), and the table is the text
 * of #table.
 */
import { appendRounds, mergeRecords, type BenchRecord } from "../record.ts";
import { DEFAULT_RATIOS, formatTable, schedule, type BenchMode } from "../table.ts";
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

/** A bench worker measuring one peer set, a round per call. */
class BenchWorker {
  private readonly worker: Worker;
  private pending: { resolve(record: BenchRecord): void; reject(e: Error): void } | undefined;

  constructor(private readonly peers: PeerSet) {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: `bench ${peers}` });
    this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => this.receive(data);
    this.worker.onerror = (e) => this.settle(new Error(`the ${peers} bench worker failed: ${e.message || "could not load"}`));
  }

  round(round: number, reference?: BenchRecord["reference"]): Promise<BenchRecord> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ type: "round", mode, peers: this.peers, round, ...(reference ? { reference } : {}) } satisfies ToWorker);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }

  private receive(data: FromWorker): void {
    switch (data.type) {
      case "started":
        if (this.peers === "main") document.body.dataset.workerIsolated = String(data.crossOriginIsolated);
        progress(`${this.peers} worker ${data.crossOriginIsolated ? "is" : "is not"} cross-origin isolated`);
        break;
      case "progress":
        progress(data.line);
        break;
      case "done":
        this.settle(data.record);
        break;
      case "error":
        this.settle(new Error(data.message));
        break;
    }
  }

  private settle(outcome: BenchRecord | Error): void {
    const pending = this.pending;
    this.pending = undefined;
    if (outcome instanceof Error) pending?.reject(outcome);
    else pending?.resolve(outcome);
  }
}

/** The threaded worker's failure, said in the table rather than hidden. */
function threadedFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  progress(message);
  // Its pthread workers run the factory's own source text, which a minifier's renaming breaks.
  const hint = import.meta.env.DEV ? "" : " (a minified build breaks tfjs-wasm's threaded build, tensorflow/tfjs#4253: serve this page with vite dev, as npm run bench:browser does)";
  return `tfjs-wasm 2 threads could not run: ${message.split("\n")[0]}${hint}`;
}

async function run(): Promise<void> {
  setState("running", `running the ${mode} benchmark in workers… (${where})`);
  const started = performance.now();
  const main = new BenchWorker("main");
  let threaded: BenchWorker | undefined = new BenchWorker("threaded");
  const mainRounds: BenchRecord[] = [];
  const threadedRounds: BenchRecord[] = [];
  const notes: string[] = [];
  try {
    for (let r = 0; r < schedule(mode).rounds; r++) {
      mainRounds.push(await main.round(r));
      if (!threaded) continue;
      try {
        threadedRounds.push(await threaded.round(r, r === 0 ? mainRounds[0]!.reference : undefined));
      } catch (e) {
        notes.push(threadedFailure(e));
        threaded.terminate();
        threaded = undefined;
        threadedRounds.length = 0;
      }
    }
  } finally {
    main.terminate();
    threaded?.terminate();
  }
  const records = [appendRounds(mainRounds), ...(threadedRounds.length ? [appendRounds(threadedRounds)] : [])];
  const served = import.meta.env.DEV ? "served unminified by vite dev" : "a production build";
  const measured = `measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${where}, ${served}`;
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
