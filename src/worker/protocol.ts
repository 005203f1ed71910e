// Messages between the page and the sheet worker. The page never holds tensors: it receives
// cell summaries with previews sized for drawing.
import type { CellErrorKind, ComputationGraph, Drawing, GraphNodeView, SheetDocument, Span, TensorPreview, ValueWindow, ValueWindowRequest } from "../../cells/index.ts";

export interface CellView {
  readonly address: string;
  readonly source: string;
  readonly note?: string;
  readonly name: string | null;
  readonly shape: readonly number[] | null;
  readonly error: { readonly kind: CellErrorKind; readonly message: string; readonly span: Span | null } | null;
  /** What is worth knowing about the value that is not an error (a gradient that is zero because nothing connects). */
  readonly notes: readonly string[];
  readonly ms: number;
  readonly evaluations: number;
  /** Sub-expressions the last evaluation reused because their inputs had not changed (incremental evaluation). */
  readonly reused: number;
  readonly isParam: boolean;
  readonly isTraining: boolean;
  readonly preview: TensorPreview | null;
  /** The cell is upstream of the sheet's objective, so it has a gradient twin. */
  readonly adjointAvailable: boolean;
  /** ∂objective/∂cell, sent only for cells whose gradient twin is shown (it costs a backward pass). */
  readonly adjoint: TensorPreview | null;
  /** Waiting for (re-)evaluation. */
  readonly pending: boolean;
  /** The cells this one reads directly, as addresses (the sheet's dependency view draws them as arrows). */
  readonly deps: readonly string[];
}

/** How far the evaluation pass in flight has got: cells evaluated of the cells it had to evaluate. */
export interface EvaluationProgress {
  readonly evaluated: number;
  readonly total: number;
}

export interface ParamValue {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export type SheetCommand =
  /**
   * Replace the sheet, all or nothing: the worker builds the new sheet beside the old one and
   * answers `loaded`. With `check` (an imported file), stored tensors that fit no param cell and
   * training states that do not fit the sheet refuse the document too.
   */
  | { readonly type: "load"; readonly id: number; readonly document: SheetDocument; readonly check: boolean }
  | { readonly type: "setCell"; readonly address: string; readonly source: string }
  | { readonly type: "deleteCell"; readonly address: string }
  | { readonly type: "moveCell"; readonly from: string; readonly to: string }
  /**
   * A sketch cell's strokes, sent up to once a frame while a stroke is drawn and once when it ends.
   * Evaluated at once (no edit-burst wait), superseding the pass in flight: only the latest matters.
   */
  | { readonly type: "setDrawing"; readonly address: string; readonly drawing: Drawing }
  | { readonly type: "setObjective"; readonly name: string | null }
  | { readonly type: "reinitialize"; readonly name: string }
  | { readonly type: "showGradient"; readonly address: string; readonly on: boolean }
  | { readonly type: "setParams"; readonly params: Readonly<Record<string, ParamValue>>; readonly history?: { readonly address: string; readonly losses: Float32Array } }
  | { readonly type: "addDataset"; readonly name: string; readonly filename: string; readonly bytes: ArrayBuffer }
  | { readonly type: "export"; readonly id: number; readonly includeTensors: boolean }
  | { readonly type: "graph"; readonly id: number; readonly address: string }
  /** The addresses on screen: they (and what they read) evaluate before the rest. */
  | { readonly type: "visible"; readonly addresses: readonly string[] }
  /** Sent first, where shared memory exists: one Int32 the page bumps for every superseding command it sends (edit-signal.ts). */
  | { readonly type: "editSignal"; readonly buffer: SharedArrayBuffer }
  /** Some values of a cell (or of its gradient twin, ∂objective/∂cell), to read element by element. */
  | WindowCommand
  /** All values of a cell (or of its gradient twin), as a file to download. */
  | ValuesCommand;

/** The file formats a cell's values download as. */
export type ValuesFormat = "npy" | "csv";

export interface ValuesCommand {
  readonly type: "values";
  readonly id: number;
  readonly address: string;
  readonly format: ValuesFormat;
  readonly gradient?: boolean;
}

export type WindowCommand = ValueWindowRequest & {
  readonly type: "window";
  readonly id: number;
  readonly address: string;
  readonly gradient?: boolean;
};

export type SheetEvent =
  /** Changed cells only; `done` when nothing is left to evaluate; `progress` while a pass runs. */
  | {
      readonly type: "cells";
      readonly cells: readonly CellView[];
      readonly removed: readonly string[];
      readonly done: boolean;
      readonly objective: string | null;
      readonly progress?: EvaluationProgress;
      /** How many edits (setCell, deleteCell, moveCell) the worker had applied: views older than the page's last edit are stale. */
      readonly edits: number;
    }
  | { readonly type: "exported"; readonly id: number; readonly document: SheetDocument }
  /** The answer to `load`: null, or why the document was refused (the old sheet stays). */
  | { readonly type: "loaded"; readonly id: number; readonly error: string | null }
  | { readonly type: "graph"; readonly id: number; readonly graph: ComputationGraph | null; readonly error?: string }
  /** The answer to `window`: the values (their buffer transferred), or why there are none. */
  | { readonly type: "window"; readonly id: number; readonly window: ValueWindow; readonly error: null }
  | { readonly type: "window"; readonly id: number; readonly window: null; readonly error: string }
  /** The answer to `values`: the file's bytes (their buffer transferred), or why there are none. */
  | { readonly type: "values"; readonly id: number; readonly bytes: Uint8Array; readonly error: null }
  | { readonly type: "values"; readonly id: number; readonly bytes: null; readonly error: string }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "notice"; readonly kind: "info" | "error"; readonly text: string };

// The computation graph a "graph" event carries is described by cells (cells/graph-description.ts).
export type { ComputationGraph, GraphNodeView };
export type { ValueWindow, ValueWindowRequest };

/**
 * Commands that make an evaluation in flight pointless: they change what the cells compute. Both
 * sides count exactly these (the page as it sends, the worker as they arrive), so a busy worker
 * can tell, from shared memory and inside an op, that one is waiting.
 */
export function supersedesEvaluation(cmd: SheetCommand): boolean {
  switch (cmd.type) {
    case "load":
    case "setCell":
    case "deleteCell":
    case "moveCell":
    case "setDrawing":
    case "reinitialize":
    case "setParams":
    case "addDataset":
      return true;
    default:
      return false;
  }
}
