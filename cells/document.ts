// The sheet file format, v1 (fixed by ../shared/refcases/README.md). Types only: the validator
// lives in format/, the live model in sheet.ts.

import type { Drawing } from "./sketch.ts";

export const FORMAT_NAME = "tensorsheet";
export const FORMAT_VERSION = 1;

/** A stored tensor: little-endian float32 values, base64-encoded, row-major. */
export interface TensorRecord {
  readonly dtype: "float32";
  readonly shape: readonly number[];
  readonly data: string;
}

export interface CellRecord {
  /** Grid address such as `A1` or `C12`. */
  readonly address: string;
  /** `name = expression`, or a bare expression for an anonymous cell. */
  readonly source: string;
  readonly note?: string;
  /** A sketch cell's strokes, each [x0, y0, x1, y1, …] in [0, 1] of the pad (cells/sketch.ts). */
  readonly drawing?: Drawing;
}

/** How many rows and columns a cell covers from its own address down and right; each at least 1. */
export interface CellSpan {
  readonly rows?: number;
  readonly cols?: number;
}

/** Grid sizes are whole pixels in these bounds, so a saved size can never hide a row or column. */
export const MIN_TRACK_SIZE = 40;
export const MAX_TRACK_SIZE = 2000;
/** A span covers at most this many rows or columns. */
export const MAX_SPAN = 20;

/**
 * The grid's layout. The members named here are validated; any other member (a newer app's view
 * state) is kept as is, so files written by older and newer apps both load and save unchanged.
 */
export interface SheetLayout {
  /** Column width in pixels, by column letters ("B"). */
  readonly columns?: Readonly<Record<string, number>>;
  /** Row height in pixels, by row number ("3"). */
  readonly rows?: Readonly<Record<string, number>>;
  /** Cells that cover more than one grid slot, by their address ("E1"). */
  readonly spans?: Readonly<Record<string, CellSpan>>;
  readonly [other: string]: unknown;
}

export interface SheetDocument {
  readonly format: typeof FORMAT_NAME;
  readonly version: typeof FORMAT_VERSION;
  readonly title: string;
  readonly seed: number;
  readonly cells: readonly CellRecord[];
  /** Current values of param cells, by cell name. */
  readonly tensors?: Readonly<Record<string, TensorRecord>>;
  /** Name (or address) of the scalar cell whose gradient every upstream cell shows. */
  readonly objective?: string;
  /** How the grid is laid out; other view state in it is opaque to the model and kept as is. */
  readonly layout?: SheetLayout;
  /** Training state per training cell, added by the training layer. Opaque here and kept as is. */
  readonly training?: Readonly<Record<string, unknown>>;
}
