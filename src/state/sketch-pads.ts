// Sketch cells' drawings as the page shows them, and the stream of a stroke in progress to the
// sheet worker. The page's copy is what the pads draw (no wait for the worker); the worker gets
// the latest drawing at most once an animation frame, since only the latest matters.
import { createStore, produce, unwrap } from "solid-js/store";
import type { CellRecord, Drawing } from "../../cells/index.ts";

/** What the pads send drawings through (SheetClient in the app). */
export interface DrawingSink {
  send(command: { readonly type: "setDrawing"; readonly address: string; readonly drawing: Drawing }): void;
}

/** When to run the next send: requestAnimationFrame in the app, a manual clock in tests. */
export type FrameScheduler = (run: () => void) => void;

export class SketchPads {
  private readonly store: { drawings: Record<string, Drawing> };
  private readonly setStore;
  /** Drawings waiting for the next frame, by address. */
  private readonly waiting = new Map<string, Drawing>();
  private frameRequested = false;

  constructor(
    private readonly sink: DrawingSink,
    private readonly nextFrame: FrameScheduler = (run) => requestAnimationFrame(run),
  ) {
    [this.store, this.setStore] = createStore<{ drawings: Record<string, Drawing> }>({ drawings: {} });
  }

  /**
   * A cell's drawing (reactive); empty when nothing is drawn. Plain arrays, not the store's
   * proxies: drawings are posted to the worker and kept in IndexedDB, which clone them.
   */
  drawing(address: string): Drawing {
    const drawing = this.store.drawings[address];
    return drawing === undefined ? [] : unwrap(drawing);
  }

  /** The drawings of a sheet just opened. */
  reset(cells: readonly CellRecord[]): void {
    this.waiting.clear();
    const drawings: Record<string, Drawing> = {};
    for (const c of cells) if (c.drawing !== undefined) drawings[c.address] = c.drawing;
    this.setStore("drawings", drawings);
  }

  /** Show a committed drawing (a stroke's end, Clear, undo or redo); what was waiting for a frame is dropped. */
  show(address: string, drawing: Drawing): void {
    this.waiting.delete(address);
    this.setStore(produce((s) => {
      if (drawing.length > 0) s.drawings[address] = drawing;
      else delete s.drawings[address];
    }));
  }

  move(from: string, to: string): void {
    const drawing = this.drawing(from);
    this.show(from, []);
    this.show(to, drawing);
  }

  /** A stroke in progress: the worker gets the latest drawing on the next frame, the pad draws it itself. */
  live(address: string, drawing: Drawing): void {
    this.waiting.set(address, drawing);
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.nextFrame(() => {
      this.frameRequested = false;
      for (const [a, d] of this.waiting) this.sink.send({ type: "setDrawing", address: a, drawing: d });
      this.waiting.clear();
    });
  }
}
