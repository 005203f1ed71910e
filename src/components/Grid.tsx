import { For, Show, createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import { formatAddress, parseAddress } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";
import {
  DEFAULT_COLUMN_MIN_PX,
  DEFAULT_ROW_PX,
  coveredAddresses,
  effectiveSpan,
  trackKey,
  trackSize,
  type SheetLayout,
  type Span,
  type TrackAxis,
} from "../state/grid-layout.ts";
import { GridCell } from "./GridCell.tsx";
import { TrackResizer } from "./TrackResizer.tsx";
import { handleGridKey, headerOf, selectAddress } from "./grid-keys.ts";
import { keepOneTabStop } from "./grid-focus.ts";
import { watchVisibleCells } from "./visible-cells.ts";
import { inRange } from "../state/cell-range.ts";

export interface GridProps {
  readonly workbook: Workbook;
  /** Focus the formula bar, optionally starting the draft with a typed character. */
  readonly onEdit: (initialText?: string) => void;
  readonly ref?: (el: HTMLDivElement) => void;
}

/** A size being dragged, shown before it is saved. */
interface TrackPreview {
  readonly axis: TrackAxis;
  readonly index: number;
  readonly px: number;
}

/** Height a cell's name line, one line of note and its padding take; the view gets the rest. */
const CELL_CHROME_PX = 52;
/** A cell at least this tall shows the full training panel rather than the compact one. */
const ROOMY_CELL_PX = 360;
/** Height of the column header row, in the same unit as the CSS. */
const HEADER_ROW = "1.6rem";

/** The spreadsheet grid: resizable rows and columns, cells that span several, spreadsheet keys. */
export function Grid(props: GridProps) {
  const wb = props.workbook;
  let gridEl!: HTMLDivElement;
  const filled = createMemo(() => new Set(Object.keys(wb.client.state.cells)));
  const covered = createMemo(() => coveredAddresses(wb.layout[0](), filled()));
  const extent = createGridExtent(wb, filled);
  const columns = createMemo(() => Array.from({ length: extent().cols }, (_, c) => c));
  const rows = createMemo(() => Array.from({ length: extent().rows }, (_, r) => r));
  const tracks = createTrackSizes(wb, () => gridEl);
  const template = () => ({
    "grid-template-columns": `3rem ${columns().map((c) => trackCss(tracks.size("columns", c))).join(" ")}`,
    "grid-template-rows": `${HEADER_ROW} ${rows().map((r) => `${tracks.rowPx(r)}px`).join(" ")}`,
  });

  // A newly opened sheet starts at its top-left, not wherever the last one was scrolled to.
  createEffect(on(wb.openCount[0], () => gridEl.scrollTo({ top: 0, left: 0 }), { defer: true }));
  createEffect(() => onCleanup(keepOneTabStop(gridEl)));
  // The cells in view evaluate first: tell the worker which they are as they change.
  createEffect(() => {
    const watcher = watchVisibleCells(gridEl, (addresses) => wb.client.send({ type: "visible", addresses: [...addresses] }));
    onCleanup(watcher.dispose);
    createEffect(on([filled, () => wb.layout[0]()], watcher.update, { defer: true }));
  });

  return (
    <div
      class="grid"
      role="grid"
      tabIndex={0}
      aria-label="Sheet cells"
      aria-multiselectable="true"
      aria-busy={wb.client.state.evaluating}
      aria-activedescendant={`cell-${wb.selected[0]()}`}
      data-testid="grid"
      ref={(el) => {
        gridEl = el;
        props.ref?.(el);
      }}
      onKeyDown={(e) => handleGridKey(e, wb, props.onEdit, covered())}
      style={template()}
    >
      {/* Rows are `display: contents`: they give the cells the row structure a grid needs for
          assistive tech, while every cell keeps its own place (and span) in the CSS grid. */}
      <HeaderRow columns={columns()} tracks={tracks} />
      <For each={rows()}>
        {(r) => <BodyRow workbook={wb} row={r} columns={columns()} covered={covered()} filled={filled} tracks={tracks} onEdit={props.onEdit} />}
      </For>
    </div>
  );
}

type TrackSizes = ReturnType<typeof createTrackSizes>;

/** The corner and the column headers, each with the handle that resizes its column. */
function HeaderRow(props: { readonly columns: readonly number[]; readonly tracks: TrackSizes }) {
  const { size, setPreview, commit, measure } = props.tracks;
  return (
    <div role="row" class="grid-row">
      <div class="grid-corner" style={{ "grid-row": "1", "grid-column": "1" }} />
      <For each={props.columns}>
        {(c) => (
          <div class="grid-col-head" role="columnheader" data-col={c} style={{ "grid-row": "1", "grid-column": String(c + 2) }}>
            {trackKey("columns", c)}
            <TrackResizer axis="columns" label={trackKey("columns", c)} size={measure("columns", c)} saved={() => size("columns", c)} onPreview={(px) => setPreview({ axis: "columns", index: c, px })} onCommit={commit("columns", c)} />
          </div>
        )}
      </For>
    </div>
  );
}

interface BodyRowProps {
  readonly workbook: Workbook;
  readonly row: number;
  readonly columns: readonly number[];
  /** Addresses hidden under another cell's span (to the cell that covers them). */
  readonly covered: ReadonlyMap<string, string>;
  readonly filled: () => ReadonlySet<string>;
  readonly tracks: TrackSizes;
  readonly onEdit: (initialText?: string) => void;
}

/** One sheet row: its header (with a resize handle) and the cells that start in it. */
function BodyRow(props: BodyRowProps) {
  const r = props.row;
  const { size, setPreview, commit, measure } = props.tracks;
  return (
    <div role="row" class="grid-row">
      <div class="grid-row-head" role="rowheader" data-row={r} style={{ "grid-row": String(r + 2), "grid-column": "1" }}>
        {r + 1}
        <TrackResizer axis="rows" label={trackKey("rows", r)} size={measure("rows", r)} saved={() => size("rows", r)} onPreview={(px) => setPreview({ axis: "rows", index: r, px })} onCommit={commit("rows", r)} />
      </div>
      <For each={props.columns}>
        {(c) => <BodyCell {...props} col={c} />}
      </For>
    </div>
  );
}

/** The cell at one address, unless a span from another cell covers it. */
function BodyCell(props: BodyRowProps & { readonly col: number }) {
  const wb = props.workbook;
  const r = props.row;
  const c = props.col;
  const rowPx = props.tracks.rowPx;
  const address = formatAddress({ row: r, col: c });
  const span = createMemo(() => effectiveSpan(wb.layout[0](), address, props.filled()));
  return (
    <Show when={!props.covered.has(address)}>
      <GridCell
        workbook={wb}
        address={address}
        cell={wb.client.state.cells[address]}
        selected={wb.selected[0]() === address}
        inRange={inRange(wb.selection(), address)}
        style={cellPlacement(r, c, span(), rowPx)}
        roomy={cellHeight(r, span(), rowPx) >= ROOMY_CELL_PX}
        onSelect={(extend) => selectAddress(wb, address, extend)}
        onEdit={() => {
          selectAddress(wb, address, false);
          props.onEdit();
        }}
      />
    </Show>
  );
}

/** Each track's size: the one being dragged, else the saved one, else null (the default). */
function createTrackSizes(wb: Workbook, grid: () => HTMLElement | undefined) {
  const [preview, setPreview] = createSignal<TrackPreview | null>(null);
  const size = (axis: TrackAxis, index: number): number | null => {
    const p = preview();
    return p && p.axis === axis && p.index === index ? p.px : trackSize(wb.layout[0](), axis, index);
  };
  const rowPx = (r: number) => size("rows", r) ?? DEFAULT_ROW_PX;
  const commit = (axis: TrackAxis, index: number) => (px: number | null) => {
    setPreview(null);
    wb.resizeTrack(axis, index, px);
  };
  /** The size a drag or key press starts from: a default-sized track is measured. */
  const measure = (axis: TrackAxis, index: number) => () =>
    size(axis, index) ?? headerOf(grid(), axis, index)?.getBoundingClientRect()[axis === "columns" ? "width" : "height"] ?? DEFAULT_ROW_PX;
  return { size, rowPx, setPreview, commit, measure };
}

/** A saved width in pixels; otherwise a share of the free space, never narrower than the default. */
function trackCss(px: number | null): string {
  return px === null ? `minmax(${DEFAULT_COLUMN_MIN_PX}px, 1fr)` : `${px}px`;
}

/** Where a cell sits (explicitly, so spans never reflow the cells after them) and how tall its view is. */
function cellPlacement(r: number, c: number, span: Span, rowPx: (r: number) => number): Record<string, string> {
  const height = cellHeight(r, span, rowPx);
  return {
    "grid-row": `${r + 2} / span ${span.rows}`,
    "grid-column": `${c + 2} / span ${span.cols}`,
    "--tv-cell-height": `${Math.max(32, height - CELL_CHROME_PX)}px`,
  };
}

/** The pixel height of a cell starting at row `r`: its rows and the 1px gaps between them. */
function cellHeight(r: number, span: Span, rowPx: (r: number) => number): number {
  let height = span.rows - 1;
  for (let i = 0; i < span.rows; i++) height += rowPx(r + i);
  return height;
}

/** Rows and columns to show: every filled cell, every span and the selection, plus room to grow. */
function createGridExtent(wb: Workbook, filled: () => ReadonlySet<string>) {
  return createMemo(() => {
    let rows = 12;
    let cols = 4;
    const layout: SheetLayout | undefined = wb.layout[0]();
    for (const a of filled()) {
      const p = parseAddress(a);
      const span = effectiveSpan(layout, a, filled());
      rows = Math.max(rows, p.row + span.rows + 3);
      cols = Math.max(cols, p.col + span.cols + 1);
    }
    const sel = parseAddress(wb.selected[0]());
    return { rows: Math.max(rows, sel.row + 2), cols: Math.max(cols, sel.col + 2) };
  });
}
