import type { Tensor } from "../engine/index.ts";

/**
 * A rectangle of a tensor's values, read as a matrix: rank 0 is 1 × 1, rank 1 is one column
 * (n × 1), rank 2 is itself, and rank ≥ 3 is the matrix T[slice..., :, :] of its last two axes.
 * The page reads any tensor element by element through windows, never the whole buffer.
 */
export interface ValueWindowRequest {
  /** One fixed index per leading axis (rank − 2 of them for rank ≥ 3, none otherwise). */
  readonly slice: readonly number[];
  readonly rowStart: number;
  readonly rowCount: number;
  readonly colStart: number;
  readonly colCount: number;
}

export interface ValueWindow {
  /** The whole tensor's shape, so the page can tell when it changed under its view. */
  readonly shape: readonly number[];
  readonly slice: readonly number[];
  readonly rowStart: number;
  /** Rows actually cut: the request clamped to the tensor's edge and to MAX_WINDOW_ROWS. */
  readonly rowCount: number;
  readonly colStart: number;
  readonly colCount: number;
  /** rowCount × colCount values, row-major. */
  readonly values: Float32Array;
}

/** At most 200 × 100 values (80 kB) per window: a screenful with room, never megabytes. */
export const MAX_WINDOW_ROWS = 200;
export const MAX_WINDOW_COLS = 100;

/** A request the tensor cannot answer (a slice or a start out of range, counts that are not counts). */
export class WindowError extends Error {
  override readonly name = "WindowError";
}

/** The matrix a tensor is read as: its leading (sliced) axes, and rows × cols of the last two. */
export function matrixDims(shape: readonly number[]): { readonly leading: readonly number[]; readonly rows: number; readonly cols: number } {
  const rank = shape.length;
  if (rank === 0) return { leading: [], rows: 1, cols: 1 };
  if (rank === 1) return { leading: [], rows: shape[0]!, cols: 1 };
  return { leading: shape.slice(0, rank - 2), rows: shape[rank - 2]!, cols: shape[rank - 1]! };
}

/** Cut a window out of `t`; throws a WindowError that says what is out of range. */
export function cutWindow(t: Tensor, request: ValueWindowRequest): ValueWindow {
  const { leading, rows, cols } = matrixDims(t.shape);
  const shapeText = `[${t.shape.join(", ")}]`;
  if (request.slice.length !== leading.length) {
    throw new WindowError(`a tensor of shape ${shapeText} takes ${leading.length} slice ${leading.length === 1 ? "index" : "indices"}, got ${request.slice.length}`);
  }
  let base = 0;
  request.slice.forEach((index, axis) => {
    const size = leading[axis]!;
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new WindowError(`index ${index} is out of range for axis ${axis} of size ${size} (shape ${shapeText})`);
    }
    base = base * size + index;
  });
  base *= rows * cols;
  checkStart("row", request.rowStart, rows, shapeText);
  checkStart("column", request.colStart, cols, shapeText);
  const rowCount = clampCount("row", request.rowCount, rows - request.rowStart, MAX_WINDOW_ROWS);
  const colCount = clampCount("column", request.colCount, cols - request.colStart, MAX_WINDOW_COLS);
  const values = new Float32Array(rowCount * colCount);
  for (let r = 0; r < rowCount; r++) {
    const from = base + (request.rowStart + r) * cols + request.colStart;
    values.set(t.data.subarray(from, from + colCount), r * colCount);
  }
  return { shape: [...t.shape], slice: [...request.slice], rowStart: request.rowStart, rowCount, colStart: request.colStart, colCount, values };
}

function checkStart(what: string, start: number, size: number, shapeText: string): void {
  if (!Number.isInteger(start) || start < 0 || start >= size) {
    throw new WindowError(`${what} ${start} is out of range: the tensor of shape ${shapeText} has ${size} ${what}s`);
  }
}

function clampCount(what: string, count: number, available: number, cap: number): number {
  if (!Number.isInteger(count) || count < 1) throw new WindowError(`a window needs at least one ${what}, got ${count}`);
  return Math.min(count, available, cap);
}
