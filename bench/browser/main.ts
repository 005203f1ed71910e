/**
 * bench.html: runs the training benchmark (bench/table.ts) in a worker and shows its progress and
 * table. `?quick` shortens every cell like `npm run bench -- --quick`. For scripts:
 * `document.body.dataset.state` goes "running" → "done" (or "error"), and the table is the text of
 * #table.
 */
import type { BenchMode } from "../table.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

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

setState("running", `running the ${mode} benchmark in a worker… (${where})`);
const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "bench" });
worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
  switch (data.type) {
    case "started":
      document.body.dataset.workerIsolated = String(data.crossOriginIsolated);
      progress(`worker ${data.crossOriginIsolated ? "is" : "is not"} cross-origin isolated`);
      break;
    case "progress":
      progress(data.line);
      break;
    case "done":
      table.textContent = data.table;
      setState("done", `done in ${data.seconds.toFixed(0)} s (${mode}; ${where})`);
      worker.terminate();
      break;
    case "error":
      progress(data.message);
      console.error(data.message);
      setState("error", `failed: ${data.message.split("\n")[0]}`);
      worker.terminate();
      break;
  }
};
worker.onerror = (e) => {
  const message = `the bench worker failed: ${e.message || "could not load"}`;
  console.error(message);
  setState("error", message);
};
worker.postMessage({ type: "start", mode } satisfies ToWorker);
