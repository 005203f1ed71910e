import { For, Show, createMemo, createSignal, createUniqueId, onCleanup, onMount, type Accessor, type JSX } from "solid-js";
import { matrixDims, type ValueWindowRequest } from "../../cells/index.ts";
import type { WindowAnswer } from "../state/sheet-client.ts";
import { elementName, exactText, formatCell, isNonFinite } from "./value-format.ts";
import { moveActive, revealOffset, visibleRange, type IndexRange } from "./value-layout.ts";
import { createValueWindows, type ValueWindows } from "./value-windows.ts";
import "./value-table.css";

export interface ValueTableProps {
  /** How formulas name the tensor (W1, or ∂loss/∂W1 for a gradient twin): elements are named from it. */
  readonly label: string;
  readonly shape: readonly number[];
  /** Changes whenever the values may have changed, so the table fetches them again. */
  readonly revision: unknown;
  readonly fetchWindow: (request: ValueWindowRequest) => Promise<WindowAnswer>;
}

const ROW_HEIGHT = 22;
const COL_WIDTH = 92;
const HEADER_HEIGHT = 22;
/** Browsers cap an element's size near 33 million pixels: past this many rows or columns the table stops. */
const MAX_ROWS_SHOWN = 1_000_000;
const MAX_COLS_SHOWN = 200_000;

interface Element2D {
  readonly row: number;
  readonly col: number;
}

const indices = (r: IndexRange) => Array.from({ length: r.end - r.start }, (_, i) => r.start + i);
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Every value of a tensor of any size, as a virtualized table: only the rows and columns in view
 * are in the page, fetched from the worker a window at a time. Rank ≥ 3 reads T[i, …, :, :]
 * through a slice selector. Click (or Enter) copies an element at full float32 precision.
 */
export function ValueTable(props: ValueTableProps): JSX.Element {
  const shape = createMemo(() => [...props.shape], undefined, { equals: sameList });
  const matrix = createMemo(() => matrixDims(shape()));
  const dims = createMemo(() => ({ rows: Math.min(matrix().rows, MAX_ROWS_SHOWN), cols: Math.min(matrix().cols, MAX_COLS_SHOWN) }), undefined, {
    equals: (a, b) => a.rows === b.rows && a.cols === b.cols,
  });
  const [chosenSlice, setChosenSlice] = createSignal<readonly number[]>([]);
  const slice = createMemo(() => matrix().leading.map((n, k) => Math.max(0, Math.min(n - 1, chosenSlice()[k] ?? 0))), undefined, { equals: sameList });
  const [scroll, setScroll] = createSignal({ top: 0, left: 0, width: 0, height: 0 });
  const headerWidth = createMemo(() => 16 + 8 * String(Math.max(0, dims().rows - 1)).length);
  const rows = createMemo(() => visibleRange(scroll().top, scroll().height - HEADER_HEIGHT, ROW_HEIGHT, dims().rows), undefined, { equals: sameRange });
  const cols = createMemo(() => visibleRange(scroll().left, scroll().width - headerWidth(), COL_WIDTH, dims().cols), undefined, { equals: sameRange });
  const windows = createValueWindows({ fetch: (r) => props.fetchWindow(r), shape, dims, slice, revision: () => props.revision, rows, cols });
  const name = (e: Element2D) => elementName(props.label, shape().length, slice(), e.row, e.col);

  const [active, setActive] = createSignal<Element2D>({ row: 0, col: 0 });
  const [hover, setHover] = createSignal<Element2D | null>(null);
  const [focused, setFocused] = createSignal(false);
  const [status, setStatus] = createSignal("");
  const clampedActive = createMemo(() => ({ row: Math.min(active().row, dims().rows - 1), col: Math.min(active().col, dims().cols - 1) }));
  const shown = () => hover() ?? (focused() ? clampedActive() : null);
  const describe = (e: Element2D) => {
    const v = windows.valueAt(e.row, e.col);
    return `${name(e)} = ${v === undefined ? "…" : exactText(v)}`;
  };

  const copy = (e: Element2D) => {
    const v = windows.valueAt(e.row, e.col);
    if (v === undefined) return setStatus(`${name(e)} is still loading`);
    const text = exactText(v);
    if (!navigator.clipboard) return setStatus(`The clipboard is not available here: ${name(e)} = ${text}`);
    navigator.clipboard.writeText(text).then(
      () => setStatus(`Copied ${name(e)} = ${text}`),
      (err: unknown) => setStatus(`Could not copy ${name(e)} = ${text}: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  return (
    <div class="vt-table" data-testid="value-table">
      <Show when={matrix().leading.length > 0}>
        <SliceSelector label={props.label} leading={matrix().leading} slice={slice()} onChange={setChosenSlice} />
      </Show>
      <ValueGrid
        label={props.label}
        rank={shape().length}
        dims={dims()}
        headerWidth={headerWidth()}
        rows={rows()}
        cols={cols()}
        windows={windows}
        active={clampedActive}
        onScroll={setScroll}
        onActive={setActive}
        onHover={setHover}
        onFocus={setFocused}
        onCopy={copy}
      />
      <div class="vt-readout mono" data-testid="vt-readout">{shown() ? describe(shown()!) : "\u00a0"}</div>
      <div class="vt-status" role="status" aria-live="polite" data-testid="vt-status">{status()}</div>
      <Show when={matrix().rows > dims().rows || matrix().cols > dims().cols}>
        <p class="vt-note muted">Showing the first {dims().rows.toLocaleString("en")} rows and {dims().cols.toLocaleString("en")} columns.</p>
      </Show>
      <Show when={windows.error()}>{(e) => <p class="vt-error" role="alert">{e()}</p>}</Show>
    </div>
  );
}

function sameRange(a: IndexRange, b: IndexRange): boolean {
  return a.start === b.start && a.end === b.end;
}

/** One number input per leading axis: the table shows T[i, j, :, :]. */
function SliceSelector(props: { label: string; leading: readonly number[]; slice: readonly number[]; onChange: (slice: readonly number[]) => void }) {
  const set = (axis: number, text: string) => {
    const i = Number(text);
    // Half-typed input (empty, out of range) waits for the rest rather than jumping elsewhere.
    if (text === "" || !Number.isInteger(i) || i < 0 || i >= props.leading[axis]!) return;
    props.onChange(props.slice.map((x, k) => (k === axis ? i : x)));
  };
  return (
    <div class="vt-slice" role="group" aria-label="Slice" data-testid="vt-slice">
      <For each={props.leading}>
        {(size, axis) => (
          <label class="vt-axis">
            axis {axis()}
            <input type="number" min={0} max={size - 1} step={1} value={props.slice[axis()]} data-testid={`vt-axis-${axis()}`} onInput={(e) => set(axis(), e.currentTarget.value)} />
            <span class="muted">of {size}</span>
          </label>
        )}
      </For>
      <span class="vt-reading mono" data-testid="vt-reading">
        {props.label}[{[...props.slice, ":", ":"].join(", ")}]
      </span>
    </div>
  );
}

interface ValueGridProps {
  readonly label: string;
  readonly rank: number;
  readonly dims: { readonly rows: number; readonly cols: number };
  readonly headerWidth: number;
  readonly rows: IndexRange;
  readonly cols: IndexRange;
  readonly windows: ValueWindows;
  readonly active: Accessor<Element2D>;
  readonly onScroll: (s: { top: number; left: number; width: number; height: number }) => void;
  readonly onActive: (e: Element2D) => void;
  readonly onHover: (e: Element2D | null) => void;
  readonly onFocus: (on: boolean) => void;
  readonly onCopy: (e: Element2D) => void;
}

/** The scrolling grid: sticky index headers, and absolutely placed cells for what is in view only. */
function ValueGrid(props: ValueGridProps) {
  const id = createUniqueId();
  const cellId = (e: Element2D) => `${id}-${e.row}-${e.col}`;
  const view = createScrollMeasure((s) => props.onScroll(s));
  const pointer = createGridPointer(props);
  const onKeyDown = createGridKeys(props, view.element);
  const width = () => props.headerWidth + props.dims.cols * COL_WIDTH;
  // Only a rendered cell can be the active descendant; scrolled away, the grid itself is what has focus.
  const activeShown = () => {
    const { row, col } = props.active();
    return props.rows.start <= row && row < props.rows.end && props.cols.start <= col && col < props.cols.end;
  };

  return (
    <div
      ref={view.ref}
      class="vt-scroller"
      role="grid"
      tabindex={0}
      aria-label={`Values of ${props.label}`}
      aria-rowcount={props.dims.rows + 1}
      aria-colcount={props.dims.cols + 1}
      aria-activedescendant={activeShown() ? cellId(props.active()) : undefined}
      data-testid="vt-grid"
      onScroll={view.schedule}
      onKeyDown={onKeyDown}
      onFocus={() => props.onFocus(true)}
      onBlur={() => props.onFocus(false)}
      onMouseMove={pointer.onMouseMove}
      onMouseLeave={pointer.onMouseLeave}
      onClick={pointer.onClick}
    >
      <div class="vt-spacer" style={{ width: `${width()}px`, height: `${HEADER_HEIGHT + props.dims.rows * ROW_HEIGHT}px` }}>
        <ColumnHeads cols={props.cols} rank={props.rank} headerWidth={props.headerWidth} width={width()} />
        <For each={indices(props.rows)}>
          {(r) => <ValueRow row={r} cols={props.cols} rank={props.rank} headerWidth={props.headerWidth} width={width()} windows={props.windows} active={props.active} cellId={cellId} />}
        </For>
      </div>
    </div>
  );
}

/** The scroller's offsets and size, measured on mount, on resize and on scroll. */
function createScrollMeasure(onScroll: ValueGridProps["onScroll"]) {
  let scroller!: HTMLDivElement;
  let frame = 0;
  // Scroll events come faster than frames: read the offsets once per frame.
  const measure = () => {
    frame = 0;
    onScroll({ top: scroller.scrollTop, left: scroller.scrollLeft, width: scroller.clientWidth, height: scroller.clientHeight });
  };
  const schedule = () => (frame ||= requestAnimationFrame(measure));
  onMount(() => {
    measure();
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    onCleanup(() => resize.disconnect());
  });
  onCleanup(() => cancelAnimationFrame(frame));
  return { ref: (el: HTMLDivElement) => (scroller = el), element: () => scroller, schedule };
}

/** Enter or Ctrl/Cmd+C copies the active element; the other keys move it and scroll it into view. */
function createGridKeys(props: ValueGridProps, scroller: () => HTMLDivElement) {
  return (e: KeyboardEvent) => {
    if (e.key === "Enter" || ((e.ctrlKey || e.metaKey) && e.key === "c")) {
      e.preventDefault();
      return props.onCopy(props.active());
    }
    const el = scroller();
    const pageRows = Math.floor((el.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT);
    const next = moveActive(props.active(), e.key, e.ctrlKey || e.metaKey, props.dims, pageRows);
    if (!next) return;
    e.preventDefault();
    props.onActive(next);
    el.scrollTop = revealOffset(el.scrollTop, el.clientHeight - HEADER_HEIGHT, ROW_HEIGHT, next.row);
    el.scrollLeft = revealOffset(el.scrollLeft, el.clientWidth - props.headerWidth, COL_WIDTH, next.col);
  };
}

/** One listener on the grid for every cell: the element under the pointer is read from its data attributes. */
function createGridPointer(props: Pick<ValueGridProps, "onActive" | "onHover" | "onCopy">) {
  // Mouse moves come per pixel: the table hears only when the element under the pointer changes.
  let hovered: Element2D | null = null;
  return {
    onMouseMove: (e: MouseEvent) => {
      const at = elementAt(e.target);
      if (at?.row === hovered?.row && at?.col === hovered?.col) return;
      hovered = at;
      props.onHover(at);
    },
    onMouseLeave: () => props.onHover((hovered = null)),
    onClick: (e: MouseEvent) => {
      const at = elementAt(e.target);
      if (!at) return;
      props.onActive(at);
      props.onCopy(at);
    },
  };
}

function elementAt(target: EventTarget | null): Element2D | null {
  const el = (target as HTMLElement | null)?.closest<HTMLElement>("[data-row][data-col]");
  return el ? { row: Number(el.dataset.row), col: Number(el.dataset.col) } : null;
}

function ColumnHeads(props: { cols: IndexRange; rank: number; headerWidth: number; width: number }) {
  return (
    <div class="vt-colheads" role="row" aria-rowindex={1} style={{ width: `${props.width}px`, height: `${HEADER_HEIGHT}px` }}>
      <div class="vt-corner" role="columnheader" aria-colindex={1} style={{ width: `${props.headerWidth}px` }}>#</div>
      <For each={indices(props.cols)}>
        {(c) => (
          <div class="vt-colhead" role="columnheader" aria-colindex={c + 2} style={{ left: `${props.headerWidth + c * COL_WIDTH}px`, width: `${COL_WIDTH}px` }}>
            {props.rank >= 2 ? c : "value"}
          </div>
        )}
      </For>
    </div>
  );
}

interface ValueRowProps {
  readonly row: number;
  readonly cols: IndexRange;
  readonly rank: number;
  readonly headerWidth: number;
  readonly width: number;
  readonly windows: ValueWindows;
  readonly active: Accessor<Element2D>;
  readonly cellId: (e: Element2D) => string;
}

function ValueRow(props: ValueRowProps) {
  return (
    <div class="vt-row" role="row" aria-rowindex={props.row + 2} style={{ top: `${HEADER_HEIGHT + props.row * ROW_HEIGHT}px`, width: `${props.width}px`, height: `${ROW_HEIGHT}px` }}>
      <div class="vt-rowhead" role="rowheader" aria-colindex={1} style={{ width: `${props.headerWidth}px` }}>{props.rank === 0 ? "" : props.row}</div>
      <For each={indices(props.cols)}>
        {(c) => <ValueCell row={props.row} col={c} headerWidth={props.headerWidth} windows={props.windows} active={props.active} cellId={props.cellId} />}
      </For>
    </div>
  );
}

function ValueCell(props: Pick<ValueRowProps, "row" | "headerWidth" | "windows" | "active" | "cellId"> & { readonly col: number }) {
  const value = () => props.windows.valueAt(props.row, props.col);
  const isActive = () => props.active().row === props.row && props.active().col === props.col;
  return (
    <div
      id={props.cellId({ row: props.row, col: props.col })}
      role="gridcell"
      aria-colindex={props.col + 2}
      aria-selected={isActive()}
      class="vt-cell mono"
      classList={{ "vt-active": isActive(), "vt-nonfinite": value() !== undefined && isNonFinite(value()!), "vt-pending": value() === undefined }}
      data-testid="vt-cell"
      data-row={props.row}
      data-col={props.col}
      style={{ left: `${props.headerWidth + props.col * COL_WIDTH}px`, width: `${COL_WIDTH}px` }}
    >
      {value() === undefined ? "" : formatCell(value()!)}
    </div>
  );
}
