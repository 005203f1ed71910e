import { batch } from "solid-js";
import { createStore, produce, reconcile, type SetStoreFunction } from "solid-js/store";
import type { SheetDocument } from "../../cells/index.ts";
import { supersedesEvaluation, type CellView, type ComputationGraph, type EvaluationProgress, type SheetCommand, type SheetEvent, type ValueWindow, type ValueWindowRequest, type ValuesFormat } from "../worker/protocol.ts";
import { affectedCells } from "./affected-cells.ts";

/** A cell's values encoded as a file, or why the worker could not write them. */
export type ValuesAnswer = { readonly bytes: Uint8Array; readonly error: null } | { readonly bytes: null; readonly error: string };

/** A window of a cell's values, or why the worker could not cut it. */
export type WindowAnswer = { readonly window: ValueWindow; readonly error: null } | { readonly window: null; readonly error: string };

export interface SheetViewState {
  cells: Record<string, CellView>;
  objective: string | null;
  /** An evaluation pass is under way, or an edit the worker has not finished evaluating. */
  evaluating: boolean;
  /** How far evaluation has got (cells evaluated of the cells to evaluate); null before the worker says. */
  progress: EvaluationProgress | null;
  /** The worker reported a failure it could not attach to a cell. */
  failure: string | null;
}

const CELLS_PER_FRAME = 6;

/** The page's handle on the sheet worker: commands out, a Solid store of cell views in. */
export class SheetClient {
  readonly state: Readonly<SheetViewState>;
  private readonly setState: SetStoreFunction<SheetViewState>;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (e: SheetEvent) => void>();
  private listeners: ((cells: readonly CellView[], done: boolean) => void)[] = [];
  private readonly backlog: { cells: CellView[]; removed: string[]; done: boolean; objective: string | null; progress: EvaluationProgress | null; edits: number }[] = [];
  /** Edits sent to the worker; its `cells` events say how many it had applied. */
  private sentEdits = 0;
  /** Cells marked stale here, by the edit count that made them so: older views of them stay pending. */
  private readonly staleSince = new Map<string, number>();
  private draining = false;
  /** The worker died: its failure notice stays until the page is reloaded. */
  private crashed = false;
  /** Bumped for every command that supersedes the worker's evaluation (see worker/edit-signal.ts); null without shared memory. */
  private readonly editSignal = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;
  /** Messages for the user that belong to no cell (a dataset loaded, a file refused). */
  onNotice: (kind: "info" | "error", text: string) => void = () => undefined;

  constructor() {
    const [state, setState] = createStore<SheetViewState>({ cells: {}, objective: null, evaluating: false, progress: null, failure: null });
    this.state = state;
    this.setState = setState;
    this.worker = new Worker(new URL("../worker/sheet-worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (m: MessageEvent<SheetEvent>) => this.receive(m.data);
    if (this.editSignal) this.post({ type: "editSignal", buffer: this.editSignal.buffer as SharedArrayBuffer });
    this.worker.onerror = (e) => {
      this.crashed = true;
      setState("failure", `The sheet worker crashed: ${e.message}. Your cells are saved; reload the page to continue.`);
      // A load waiting for its answer gets one: the sheet it asked for was not built.
      for (const [id, answer] of this.pending) answer({ type: "loaded", id, error: `the sheet worker crashed (${e.message})` });
    };
  }

  send(command: SheetCommand, transfer: Transferable[] = []): void {
    if (command.type === "setCell" || command.type === "deleteCell") this.markStale(command.address);
    if (command.type === "moveCell") this.markStale(command.from);
    this.post(command, transfer);
  }

  /** Every command goes out here, so the edit signal counts exactly what the worker will. */
  private post(command: SheetCommand, transfer: Transferable[] = []): void {
    if (this.editSignal && supersedesEvaluation(command)) Atomics.add(this.editSignal, 0, 1);
    this.worker.postMessage(command, transfer);
  }

  /**
   * An edit of `address`: it and everything downstream show as pending now, not when the worker
   * gets to the edit (a heavy cell may hold it for seconds).
   */
  private markStale(address: string): void {
    this.sentEdits += 1;
    const stale = [...affectedCells(this.state.cells, [address])].filter((a) => this.state.cells[a] !== undefined);
    for (const a of stale) this.staleSince.set(a, this.sentEdits);
    batch(() => {
      for (const a of stale) this.setState("cells", a, (c) => ({ ...c, pending: true }));
      this.setState({ evaluating: true, progress: { evaluated: 0, total: stale.length } });
    });
  }

  /** A view as the page should show it: still pending if the page has made it stale since the worker sent it. */
  private current(view: CellView, edits: number): CellView {
    const since = this.staleSince.get(view.address);
    if (since === undefined) return view;
    if (since > edits) return view.pending ? view : { ...view, pending: true };
    this.staleSince.delete(view.address);
    return view;
  }

  /** Subscribe to cell updates (autosave listens here). */
  onCells(listener: (cells: readonly CellView[], done: boolean) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Replace the worker's sheet with `document`; resolves to null once it has (the grid is then
   * cleared for the new cells), or to why the worker refused it (nothing changed).
   */
  load(document: SheetDocument, check: boolean): Promise<string | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => {
        if (e.type !== "loaded") return;
        if (e.error === null) {
          // The old sheet's cells still queued for display must not come back over the new ones.
          this.backlog.length = 0;
          this.reset();
          this.setState({ evaluating: true, progress: null });
        }
        resolve(e.error);
      });
      this.post({ type: "load", id, document, check });
    });
  }

  exportDocument(includeTensors: boolean): Promise<SheetDocument> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => e.type === "exported" && resolve(e.document));
      this.post({ type: "export", id, includeTensors });
    });
  }

  graph(address: string): Promise<ComputationGraph | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => e.type === "graph" && resolve(e.graph));
      this.post({ type: "graph", id, address });
    });
  }

  /** Some values of a cell, or of its gradient twin (∂objective/∂cell) with `gradient`. */
  window(address: string, request: ValueWindowRequest, gradient = false): Promise<WindowAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => {
        if (e.type === "window") resolve(e.window ? { window: e.window, error: null } : { window: null, error: e.error });
        // A crashed worker answers everything waiting with a "loaded" failure.
        else if (e.type === "loaded") resolve({ window: null, error: e.error ?? "the sheet worker stopped" });
      });
      const { slice, rowStart, rowCount, colStart, colCount } = request;
      this.post({ type: "window", id, address, gradient, slice: [...slice], rowStart, rowCount, colStart, colCount });
    });
  }

  /** All values of a cell (or of its gradient twin) as the bytes of a .npy or CSV file, or why there are none. */
  values(address: string, format: ValuesFormat, gradient = false): Promise<ValuesAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => {
        if (e.type === "values") resolve(e.bytes ? { bytes: e.bytes, error: null } : { bytes: null, error: e.error });
        else if (e.type === "loaded") resolve({ bytes: null, error: e.error ?? "the sheet worker stopped" });
      });
      this.post({ type: "values", id, address, format, gradient });
    });
  }

  /**
   * Apply cell updates a few per frame: a whole sheet's worth at once (images, heatmaps) can take
   * the main thread for a few hundred milliseconds, long enough for the page to stutter.
   */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = () => {
      let budget = CELLS_PER_FRAME;
      while (budget > 0 && this.backlog.length > 0) {
        const batch = this.backlog[0]!;
        const cells = batch.cells.splice(0, budget);
        budget -= Math.max(cells.length, 1);
        const last = batch.cells.length === 0;
        if (last) this.backlog.shift();
        // Removals go with the first chunk only, so they cannot undo cells a later chunk re-adds.
        const removed = batch.removed.splice(0);
        // Events from before the page's last edit cannot end its evaluation or count its progress.
        const upToDate = batch.edits >= this.sentEdits;
        this.setState(
          produce((s) => {
            for (const a of removed) delete s.cells[a];
            for (const c of cells) s.cells[c.address] = this.current(c, batch.edits);
            s.objective = batch.objective;
            if (upToDate && batch.progress) s.progress = batch.progress;
            if (last && upToDate) s.evaluating = !batch.done;
            if (last && upToDate && batch.done) s.progress = null;
          }),
        );
        if (last) for (const l of this.listeners) l(cells, batch.done && upToDate);
      }
      if (this.backlog.length > 0) requestAnimationFrame(step);
      else this.draining = false;
    };
    step();
  }

  private receive(e: SheetEvent): void {
    switch (e.type) {
      case "cells":
        // A command that failed is behind us once the sheet evaluates to the end again; a crash is not.
        if (e.done && !this.crashed && this.state.failure !== null) this.setState("failure", null);
        this.backlog.push({ cells: [...e.cells], removed: [...e.removed], done: e.done, objective: e.objective, progress: e.progress ?? null, edits: e.edits });
        this.drain();
        break;
      case "exported":
      case "loaded":
      case "graph":
      case "window":
      case "values": {
        const resolve = this.pending.get(e.id);
        this.pending.delete(e.id);
        resolve?.(e);
        break;
      }
      case "failed":
        this.setState("failure", e.message);
        break;
      case "notice":
        this.onNotice(e.kind, e.text);
        break;
    }
  }

  reset(): void {
    this.staleSince.clear();
    this.setState("cells", reconcile({}));
  }
}
