// The grid's layout as the sheet file keeps it (`layout` of a SheetDocument): column widths, row
// heights and cell spans. Pure functions: the workbook applies them and saves the result.
import { formatAddress, parseAddress, type SheetDocument } from "../../cells/index.ts";

export type SheetLayout = NonNullable<SheetDocument["layout"]>;
export type TrackAxis = "columns" | "rows";

/** The bounds the file format accepts (cells/format/layout-schema.ts): a drag is clamped to them. */
export const MIN_TRACK_PX = 40;
export const MAX_TRACK_PX = 2000;
/** Compact rows: a name line, one line of note and a view of about 4rem. */
export const DEFAULT_ROW_PX = 120;
/** A column without a saved width shares the free space, but is never narrower than this. */
export const DEFAULT_COLUMN_MIN_PX = 208;
/** What a double-click on a column's edge resets to when there is no free space to share. */
export const DEFAULT_COLUMN_PX = 240;

export interface Span {
  readonly rows: number;
  readonly cols: number;
}

/** How much an arrow key widens or narrows a track (on its resize handle, or Alt+Shift+Arrow in the grid). */
export const TRACK_KEY_STEP_PX = 16;

export function clampTrack(px: number): number {
  return Math.min(MAX_TRACK_PX, Math.max(MIN_TRACK_PX, Math.round(px)));
}

/** The key a track has in the file: column letters ("B") or the 1-based row number ("3"). */
export function trackKey(axis: TrackAxis, index: number): string {
  return axis === "columns" ? formatAddress({ row: 0, col: index }).replace(/\d+$/, "") : String(index + 1);
}

/** The saved size of a track, or null when it has the default. */
export function trackSize(layout: SheetLayout | undefined, axis: TrackAxis, index: number): number | null {
  return layout?.[axis]?.[trackKey(axis, index)] ?? null;
}

/**
 * `layout` with one track's size set (clamped), or reset to the default with null. Members it does
 * not know are kept; an emptied sizes table is dropped, and an emptied layout becomes undefined.
 */
export function withTrackSize(layout: SheetLayout | undefined, axis: TrackAxis, index: number, px: number | null): SheetLayout | undefined {
  const key = trackKey(axis, index);
  const sizes: Record<string, number> = { ...(layout?.[axis] ?? {}) };
  if (px === null) delete sizes[key];
  else sizes[key] = clampTrack(px);
  const { [axis]: _, ...rest } = layout ?? {};
  const next: SheetLayout = Object.keys(sizes).length > 0 ? { ...rest, [axis]: sizes } : rest;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** How many rows and columns the cell at `address` covers (1 × 1 unless the layout spans it). */
export function spanOf(layout: SheetLayout | undefined, address: string): Span {
  const s = layout?.spans?.[address];
  return { rows: s?.rows ?? 1, cols: s?.cols ?? 1 };
}

/**
 * Addresses hidden under another cell's span, each with the address of the cell covering it: the
 * grid does not render them. A span that would cover a filled cell stops short of it, so no cell
 * the user made is ever hidden.
 */
export function coveredAddresses(layout: SheetLayout | undefined, filled: ReadonlySet<string>): Map<string, string> {
  const covered = new Map<string, string>();
  for (const address of Object.keys(layout?.spans ?? {})) {
    const { rows, cols } = effectiveSpan(layout, address, filled);
    const p = parseAddress(address);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) if (r > 0 || c > 0) covered.set(formatAddress({ row: p.row + r, col: p.col + c }), address);
    }
  }
  return covered;
}

/** The span of `address`, cut to the largest rectangle that holds no other filled cell. */
export function effectiveSpan(layout: SheetLayout | undefined, address: string, filled: ReadonlySet<string>): Span {
  const want = spanOf(layout, address);
  const p = parseAddress(address);
  const free = (r: number, c: number) => (r === 0 && c === 0) || !filled.has(formatAddress({ row: p.row + r, col: p.col + c }));
  let cols = 1;
  while (cols < want.cols && free(0, cols)) cols++;
  let rows = 1;
  while (rows < want.rows && Array.from({ length: cols }, (_, c) => free(rows, c)).every(Boolean)) rows++;
  return { rows, cols };
}
