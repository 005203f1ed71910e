/// <reference lib="webworker" />
// The sheet lives here, off the main thread: evaluation never blocks typing, and a newer edit
// aborts the pass in progress (cells not reached stay dirty and run in the next pass).
import {
  CellError,
  checkTrainingStates,
  describeGraph,
  exportDocument,
  fetchMnistBytes,
  importSheet,
  mnistProvider,
  releaseIdleMemory,
  Sheet,
  sheetFromDocument,
  Tensor,
  usesMnist,
  type DatasetProvider,
  type SheetDocument,
} from "../../cells/index.ts";
import { startWebGemmThreads } from "../../cells/runtime.web.ts";
import { AppDatabase, IdbDatasetStore } from "../persistence/index.ts";
import { cellView } from "./cell-view.ts";
import { EditBursts } from "./edit-bursts.ts";
import { EditSignal } from "./edit-signal.ts";
import { answerWindow } from "./window-answer.ts";
import { answerValues } from "./values-answer.ts";
import { readDatasetFile, type NamedDataset } from "./dataset-files.ts";
import type { SheetCommand, SheetEvent } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

// Big cells (the first-look sheet's hidden layer over 8,000 images) share the cores when the page
// is cross-origin isolated; otherwise this resolves to 1 and evaluation stays on this thread.
startWebGemmThreads(undefined, { onNotice: (text) => post({ type: "notice", kind: "info", text }) }).catch((e: unknown) =>
  console.warn("sheet: staying on one thread:", e),
);

/** How long the sheet stays idle before the kernels' WebAssembly memory is given back. */
const RELEASE_MEMORY_AFTER_MS = 10_000;
let releaseTimer: ReturnType<typeof setTimeout> | null = null;

/** After a quiet spell, free the kernels' memories (they only grow while in use). */
function releaseMemoryWhenIdle(): void {
  if (releaseTimer !== null) clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => {
    releaseTimer = null;
    // Not on the command queue: a thread pool slow to restart must never hold up an edit (products
    // run on this thread meanwhile), and ops are synchronous, so none is cut in half.
    releaseIdleMemory().catch((e: unknown) => console.warn("sheet: could not free WebAssembly memory:", e));
  }, RELEASE_MEMORY_AFTER_MS);
}

let sheet = new Sheet();
/** The pass in flight, if any. */
let evaluation: AbortController | null = null;
let mnist: DatasetProvider | null = null;
let mnistFailure: string | null = null;
/** Datasets the user loaded, by name; kept in IndexedDB so dataset("name") works after a reload. */
const userData = new Map<string, Tensor>();
let userDataLoaded: Promise<void> | null = null;
const datasetStore = new IdbDatasetStore(new AppDatabase());

/** What every sheet here reads its data through: MNIST once loaded, and the user's datasets. */
const datasets: DatasetProvider = (fn, arg) => {
  if (fn === "dataset") {
    const t = userData.get(arg);
    if (t) return t;
    const known = [...userData.keys()].map((n) => `"${n}"`).join(", ") || "none yet";
    throw new CellError("name", `no dataset named "${arg}"; load a .npy, .npz, .csv or IDX file with Load data… (loaded: ${known})`);
  }
  if (mnist) return mnist(fn, arg);
  throw new CellError("runtime", mnistFailure ? `${fn} could not load the built-in MNIST data: ${mnistFailure}` : `${fn}: the MNIST data is still loading`);
};
let known = new Set<string>();
/** Training states the loaded file carried (e.g. from the CLI), passed through on export until retrained here. */
let trainingStates: Record<string, unknown> = {};
/** Cells whose gradient twin is on screen: only their adjoints are computed. */
const gradientShown = new Set<string>();
const view = (address: string) => cellView(sheet, address, gradientShown.has(address));

const post = (e: SheetEvent) => self.postMessage(e);
/** Edits applied so far; `cells` events carry it so the page can tell views older than its last edit. */
let edits = 0;
const bursts = new EditBursts();

function noteEdit(): void {
  edits += 1;
  bursts.noteEdit(performance.now(), evaluation !== null);
}

// Commands run one after another, in the order sent: an edit that arrives while a load is still
// fetching data must apply to the loaded sheet, not the one being replaced.
let queue: Promise<void> = Promise.resolve();
const editSignal = new EditSignal();
self.onmessage = (message: MessageEvent<SheetCommand>) => {
  const cmd = message.data;
  editSignal.noteArrived(cmd);
  if (cmd.type === "editSignal") return editSignal.attach(cmd.buffer);
  queue = queue.then(() => handle(message.data)).catch((e: unknown) => {
    post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  });
};

async function handle(cmd: SheetCommand): Promise<void> {
  switch (cmd.type) {
    case "load":
      await load(cmd);
      break;
    case "setCell":
      noteEdit();
      if (usesMnist([cmd.source])) await ensureMnist();
      sheet.setCell(cmd.address, cmd.source);
      publish([cmd.address], []);
      break;
    case "setDrawing":
      // Not an edit burst: strokes come once a frame and must show within one, so no quiet wait.
      sheet.setDrawing(cmd.address, cmd.drawing);
      publish([cmd.address], []);
      break;
    case "addDataset":
      await addDataset(cmd.name, cmd.filename, new Uint8Array(cmd.bytes));
      break;
    case "deleteCell":
      noteEdit();
      sheet.deleteCell(cmd.address);
      publish([], [cmd.address]);
      break;
    case "moveCell":
      noteEdit();
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
      post({ type: "cells", cells: [view(cmd.address)], removed: [], done: !sheetBusy(), objective: sheet.objective, edits });
      break;
    case "reinitialize":
      sheet.reinitialize(cmd.name);
      publish([], []);
      break;
    case "setParams":
      setParams(cmd);
      break;
    case "export":
      post({ type: "exported", id: cmd.id, document: exportDocument(sheet, { includeTensors: cmd.includeTensors, training: trainingStates }) });
      break;
    case "graph":
      post({ type: "graph", id: cmd.id, graph: describeGraph(sheet, cmd.address) });
      break;
    case "visible":
      visible = cmd.addresses;
      break;
    case "window": {
      const answer = answerWindow(sheet, cmd);
      // The values move to the page: a window is cut fresh for every request.
      self.postMessage(answer, answer.window ? [answer.window.values.buffer] : []);
      break;
    }
    case "values": {
      const answer = answerValues(sheet, cmd);
      self.postMessage(answer, answer.bytes ? [answer.bytes.buffer] : []);
      break;
    }
  }
}

/** Replace the sheet with a document's, or, if it is refused, keep the current one and say why. */
async function load(cmd: Extract<SheetCommand, { type: "load" }>): Promise<void> {
  let next: Sheet;
  try {
    next = await buildSheet(cmd.document, cmd.check);
  } catch (e) {
    post({ type: "loaded", id: cmd.id, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  evaluation?.abort();
  sheet = next;
  trainingStates = { ...(cmd.document.training ?? {}) };
  gradientShown.clear();
  const removed = [...known];
  known = new Set();
  post({ type: "loaded", id: cmd.id, error: null });
  publish(sheet.addresses(), removed);
}

/** Trained params (and the run's loss history) coming back from the training worker. */
function setParams(cmd: Extract<SheetCommand, { type: "setParams" }>): void {
  for (const [name, p] of Object.entries(cmd.params)) sheet.setParam(name, new Tensor(p.shape, p.data));
  if (cmd.history) {
    sheet.setTrainingHistory(cmd.history.address, new Tensor([cmd.history.losses.length], cmd.history.losses));
    // Trained here: the file's old state no longer matches the params; its checkpoint lives in IndexedDB.
    delete trainingStates[sheet.result(cmd.history.address)?.name ?? cmd.history.address];
  }
  publish([], []);
}

/** The sheet of a document, built beside the current one so a refused document changes nothing. */
async function buildSheet(doc: SheetDocument, check: boolean): Promise<Sheet> {
  await ensureUserData();
  if (usesMnist(doc.cells.map((c) => c.source))) await ensureMnist();
  if (!check) return sheetFromDocument(doc, datasets);
  // importSheet evaluates, to find stored tensors whose shape no longer fits; the pass is kept.
  const { sheet: imported } = importSheet(doc, { dataset: datasets });
  checkTrainingStates(imported, doc);
  return imported;
}

/**
 * Load the built-in MNIST once. If it cannot be fetched, cells that read it show why, and the
 * rest of the sheet still works.
 */
async function ensureMnist(): Promise<void> {
  if (mnist !== null || mnistFailure !== null) return;
  try {
    const url = new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin);
    mnist = mnistProvider(await fetchMnistBytes(url));
  } catch (e) {
    mnistFailure = e instanceof Error ? e.message : String(e);
  }
}

async function ensureUserData(): Promise<void> {
  userDataLoaded ??= datasetStore.list().then(
    (list) => list.forEach((d) => userData.set(d.name, new Tensor(d.shape, d.data))),
    // Without storage there are no saved datasets; loading new ones still works for this session.
    () => undefined,
  );
  return userDataLoaded;
}

/** Parse an uploaded data file (.npy, .npz, CSV or IDX), keep its datasets, and re-run the cells that read data. */
async function addDataset(name: string, filename: string, bytes: Uint8Array): Promise<void> {
  let loaded: NamedDataset[];
  try {
    loaded = await readDatasetFile(name, filename, bytes);
  } catch (e) {
    post({ type: "notice", kind: "error", text: `${filename} was not loaded: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  let saved = "";
  for (const { name: key, tensor } of loaded) {
    userData.set(key, tensor);
    try {
      await datasetStore.put({ name: key, shape: [...tensor.shape], data: Float32Array.from(tensor.data), filename, addedAt: Date.now() });
    } catch (e) {
      saved = ` It could not be saved for next time: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const what = loaded.map((d) => `dataset("${d.name}"), shape [${d.tensor.shape.join(", ")}]`).join("; ");
  post({ type: "notice", kind: saved ? "error" : "info", text: `Loaded ${filename} as ${what}.${saved}` });
  sheet.refreshCellsCalling("dataset");
  publish([], []);
}

/** Report the touched cells right away (as pending), then evaluate and report what changed. */
function publish(touched: readonly string[], removed: readonly string[]): void {
  for (const a of removed) known.delete(a);
  for (const a of touched) known.add(a);
  post({ type: "cells", cells: touched.map(view), removed, done: false, objective: sheet.objective, edits });
  void evaluate();
}

function sheetBusy(): boolean {
  return sheet.addresses().some((a) => sheet.isDirty(a));
}

/** The addresses on screen, evaluated (with what they read) before the rest. */
let visible: readonly string[] = [];

/**
 * Evaluate the dirty cells, those in view first, sending each cell as soon as it has its value
 * along with how many of the pass's cells are done: the page shows progress and visible results
 * while the rest still runs, and a pass a newer edit aborts has already reported what it did.
 */
async function evaluate(): Promise<void> {
  evaluation?.abort();
  const controller = new AbortController();
  evaluation = controller;
  const evaluating = sheet;
  // Start after the messages already waiting (edits queued behind a heavy cell then share one
  // pass), and in a burst of edits once they pause; a newer edit restarts the wait.
  await new Promise((resolve) => setTimeout(resolve, bursts.takeQuietMs()));
  if (controller.signal.aborted) return;
  const total = evaluating.dirtyCount();
  let evaluated = 0;
  const onEvaluated = (address: string) => {
    evaluated += 1;
    if (evaluating !== sheet) return;
    known.add(address);
    post({ type: "cells", cells: [view(address)], removed: [], done: false, objective: sheet.objective, progress: { evaluated, total }, edits });
  };
  const report = await evaluating.evaluateAsync(controller.signal, 8, { priority: visible, onEvaluated, interrupt: editSignal.waiting });
  if (controller.signal.aborted || report.cancelled) return;
  evaluation = null;
  const changed = new Set<string>();
  // Gradient twins change with any upstream value: resend the ones on screen, from one pass.
  if (sheet.objective !== null) {
    sheet.adjoints([...gradientShown]);
    for (const a of gradientShown) changed.add(a);
  }
  for (const a of changed) known.add(a);
  post({ type: "cells", cells: [...changed].map(view), removed: [], done: true, objective: sheet.objective, progress: { evaluated, total }, edits });
  releaseMemoryWhenIdle();
}
