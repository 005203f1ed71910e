import { createStore, produce, reconcile, type SetStoreFunction } from "solid-js/store";
import type { SheetDocument } from "../../cells/document.ts";
import type { CellView, ComputationGraph, SheetCommand, SheetEvent } from "../worker/protocol.ts";

export interface SheetViewState {
  cells: Record<string, CellView>;
  objective: string | null;
  /** An evaluation pass is under way. */
  evaluating: boolean;
  /** The worker reported a failure it could not attach to a cell. */
  failure: string | null;
}

/** The page's handle on the sheet worker: commands out, a Solid store of cell views in. */
export class SheetClient {
  readonly state: Readonly<SheetViewState>;
  private readonly setState: SetStoreFunction<SheetViewState>;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (e: SheetEvent) => void>();
  private listeners: ((cells: readonly CellView[], done: boolean) => void)[] = [];
  /** Messages for the user that belong to no cell (a dataset loaded, a file refused). */
  onNotice: (kind: "info" | "error", text: string) => void = () => undefined;

  constructor() {
    const [state, setState] = createStore<SheetViewState>({ cells: {}, objective: null, evaluating: false, failure: null });
    this.state = state;
    this.setState = setState;
    this.worker = new Worker(new URL("../worker/sheet-worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (m: MessageEvent<SheetEvent>) => this.receive(m.data);
    this.worker.onerror = (e) => setState("failure", `The sheet worker crashed: ${e.message}. Your cells are saved; reload the page to continue.`);
  }

  send(command: SheetCommand, transfer: Transferable[] = []): void {
    if (command.type === "setCell" || command.type === "deleteCell" || command.type === "moveCell" || command.type === "load") {
      this.setState("evaluating", true);
    }
    this.worker.postMessage(command, transfer);
  }

  /** Subscribe to cell updates (autosave listens here). */
  onCells(listener: (cells: readonly CellView[], done: boolean) => void): void {
    this.listeners.push(listener);
  }

  exportDocument(includeTensors: boolean): Promise<SheetDocument> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => e.type === "exported" && resolve(e.document));
      this.worker.postMessage({ type: "export", id, includeTensors } satisfies SheetCommand);
    });
  }

  graph(address: string): Promise<ComputationGraph | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (e) => e.type === "graph" && resolve(e.graph));
      this.worker.postMessage({ type: "graph", id, address } satisfies SheetCommand);
    });
  }

  private receive(e: SheetEvent): void {
    switch (e.type) {
      case "cells":
        this.setState(
          produce((s) => {
            for (const a of e.removed) delete s.cells[a];
            for (const c of e.cells) s.cells[c.address] = c;
            s.objective = e.objective;
            s.evaluating = !e.done;
          }),
        );
        for (const l of this.listeners) l(e.cells, e.done);
        break;
      case "exported":
      case "graph": {
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
    this.setState("cells", reconcile({}));
  }
}
