/// <reference lib="webworker" />
// The sheet lives here, off the main thread: evaluation never blocks typing, and a newer edit
// aborts the pass in progress (cells not reached stay dirty and run in the next pass).
import { fetchMnistBytes } from "../../engine/datasets/mnist-web.ts";
import { mnistProvider, usesMnist, type DatasetProvider } from "../../cells/datasets.ts";
import { exportDocument, sheetFromDocument } from "../../cells/io.ts";
import { Sheet } from "../../cells/sheet.ts";
import { Tensor } from "../../engine/index.ts";
import { describeGraph } from "./graph-view.ts";
import { cellView } from "./cell-view.ts";
import type { SheetCommand, SheetEvent } from "./protocol.ts";
import { CellError } from "../../cells/errors.ts";

declare const self: DedicatedWorkerGlobalScope;

let sheet = new Sheet();
let evaluation: AbortController | null = null;
let dataset: DatasetProvider | undefined;
let known = new Set<string>();
/** Cells whose gradient twin is on screen: only their adjoints are computed. */
const gradientShown = new Set<string>();
const view = (address: string) => cellView(sheet, address, gradientShown.has(address));

const post = (e: SheetEvent) => self.postMessage(e);

self.onmessage = async (message: MessageEvent<SheetCommand>) => {
  try {
    await handle(message.data);
  } catch (e) {
    post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};

async function handle(cmd: SheetCommand): Promise<void> {
  switch (cmd.type) {
    case "load": {
      evaluation?.abort();
      const doc = cmd.document;
      if (usesMnist(doc.cells.map((c) => c.source))) await ensureDataset();
      sheet = sheetFromDocument(doc, dataset);
      const removed = [...known];
      known = new Set();
      publish(sheet.addresses(), removed);
      break;
    }
    case "setCell":
      if (usesMnist([cmd.source]) && dataset === undefined) {
        await ensureDataset();
        // Datasets are fixed at construction: rebuild the sheet around the same cells and params.
        sheet = new Sheet({ title: sheet.title, seed: sheet.seed, cells: sheet.cells(), params: sheet.paramValues(), objective: sheet.objective, dataset });
      }
      sheet.setCell(cmd.address, cmd.source);
      publish([cmd.address], []);
      break;
    case "deleteCell":
      sheet.deleteCell(cmd.address);
      publish([], [cmd.address]);
      break;
    case "moveCell":
      sheet.moveCell(cmd.from, cmd.to);
      publish([cmd.to], [cmd.from]);
      break;
    case "setObjective":
      sheet.setObjective(cmd.name);
      publish(sheet.addresses(), []);
      break;
    case "showGradient":
      if (cmd.on) gradientShown.add(cmd.address);
      else gradientShown.delete(cmd.address);
      // One backward pass for every shown twin at once.
      sheet.adjoints([...gradientShown]);
      post({ type: "cells", cells: [view(cmd.address)], removed: [], done: !sheetBusy(), objective: sheet.objective });
      break;
    case "reinitialize":
      sheet.reinitialize(cmd.name);
      publish([], []);
      break;
    case "setParams":
      for (const [name, p] of Object.entries(cmd.params)) sheet.setParam(name, new Tensor(p.shape, p.data));
      if (cmd.history) sheet.setTrainingHistory(cmd.history.address, new Tensor([cmd.history.losses.length], cmd.history.losses));
      publish([], []);
      break;
    case "export":
      post({ type: "exported", id: cmd.id, document: exportDocument(sheet, { includeTensors: cmd.includeTensors }) });
      break;
    case "graph":
      post({ type: "graph", id: cmd.id, graph: describeGraph(sheet, cmd.address) });
      break;
  }
}

/**
 * Load the built-in MNIST once. If it cannot be fetched, cells that read it show why, and the
 * rest of the sheet still works.
 */
async function ensureDataset(): Promise<void> {
  if (dataset !== undefined) return;
  try {
    const url = new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin);
    dataset = mnistProvider(await fetchMnistBytes(url));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    dataset = (fn) => {
      throw new CellError("runtime", `${fn} could not load the built-in MNIST data: ${reason}`);
    };
  }
}

/** Report the touched cells right away (as pending), then evaluate and report what changed. */
function publish(touched: readonly string[], removed: readonly string[]): void {
  for (const a of removed) known.delete(a);
  for (const a of touched) known.add(a);
  post({ type: "cells", cells: touched.map(view), removed, done: false, objective: sheet.objective });
  void evaluate();
}

function sheetBusy(): boolean {
  return sheet.addresses().some((a) => sheet.isDirty(a));
}

async function evaluate(): Promise<void> {
  evaluation?.abort();
  const controller = new AbortController();
  evaluation = controller;
  const report = await sheet.evaluateAsync(controller.signal);
  if (controller.signal.aborted) return;
  const changed = new Set(report.evaluated);
  // Gradient twins change with any upstream value: resend the ones on screen, from one pass.
  if (sheet.objective !== null) {
    sheet.adjoints([...gradientShown]);
    for (const a of gradientShown) changed.add(a);
  }
  for (const a of changed) known.add(a);
  post({ type: "cells", cells: [...changed].map(view), removed: [], done: true, objective: sheet.objective });
}
