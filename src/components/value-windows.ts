import { createEffect, createMemo, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import { MAX_WINDOW_COLS, MAX_WINDOW_ROWS, type ValueWindow, type ValueWindowRequest } from "../../cells/index.ts";
import type { WindowAnswer } from "../state/sheet-client.ts";
import { covers, fetchSpan, type IndexRange, type IndexSpan } from "./value-layout.ts";

export interface ValueWindowsOptions {
  readonly fetch: (request: ValueWindowRequest) => Promise<WindowAnswer>;
  readonly shape: Accessor<readonly number[]>;
  readonly dims: Accessor<{ readonly rows: number; readonly cols: number }>;
  readonly slice: Accessor<readonly number[]>;
  /** Changes whenever the values under the table may have changed (the cell was re-evaluated). */
  readonly revision: Accessor<unknown>;
  readonly rows: Accessor<IndexRange>;
  readonly cols: Accessor<IndexRange>;
}

export interface ValueWindows {
  /** The value at (row, col) of the current slice, or undefined while it is being fetched. */
  valueAt(row: number, col: number): number | undefined;
  /** Why the last window could not be read, until a later one is. */
  readonly error: Accessor<string | null>;
}

interface Fetched {
  readonly generation: number;
  readonly rows: IndexSpan;
  readonly cols: IndexSpan;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Keeps a window of values around what the table shows, asking the worker for a new one only when
 * the view scrolls out of it or the values change. Answers to requests a newer one replaced are
 * dropped, so a fast scroll never paints an old window over a new one.
 */
export function createValueWindows(options: ValueWindowsOptions): ValueWindows {
  const [loaded, setLoaded] = createSignal<{ readonly window: ValueWindow; readonly generation: number } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let counter = 0;
  // A new generation of values: the cell re-evaluated, or another slice is read.
  const generation = createMemo(() => {
    options.revision();
    options.slice();
    options.shape();
    return ++counter;
  });
  let latest = 0;
  let inflight: Fetched | null = null;
  onCleanup(() => (latest = -1));

  const holds = (f: Fetched, g: number, rows: IndexRange, cols: IndexRange) => f.generation === g && covers(f.rows, rows) && covers(f.cols, cols);

  createEffect(() => {
    const g = generation();
    const rows = options.rows();
    const cols = options.cols();
    if (rows.end <= rows.start || cols.end <= cols.start) return;
    const have = untrack(loaded);
    if (have && holds({ generation: have.generation, rows: { start: have.window.rowStart, count: have.window.rowCount }, cols: { start: have.window.colStart, count: have.window.colCount } }, g, rows, cols)) return;
    if (inflight && holds(inflight, g, rows, cols)) return;
    const dims = untrack(options.dims);
    const rowSpan = fetchSpan(rows, dims.rows, MAX_WINDOW_ROWS);
    const colSpan = fetchSpan(cols, dims.cols, MAX_WINDOW_COLS);
    const seq = ++latest;
    inflight = { generation: g, rows: rowSpan, cols: colSpan };
    const request = { slice: untrack(options.slice), rowStart: rowSpan.start, rowCount: rowSpan.count, colStart: colSpan.start, colCount: colSpan.count };
    void options.fetch(request).then((answer) => {
      if (seq !== latest) return;
      inflight = null;
      if (answer.error !== null) setError(answer.error);
      else {
        setError(null);
        setLoaded({ window: answer.window, generation: g });
      }
    });
  });

  return {
    error,
    valueAt(row, col) {
      const l = loaded();
      if (!l) return undefined;
      const w = l.window;
      // A window of another slice or of the old shape holds other elements: show nothing rather than them.
      if (!sameList(w.slice, options.slice()) || !sameList(w.shape, options.shape())) return undefined;
      const r = row - w.rowStart;
      const c = col - w.colStart;
      if (r < 0 || r >= w.rowCount || c < 0 || c >= w.colCount) return undefined;
      return w.values[r * w.colCount + c];
    },
  };
}
