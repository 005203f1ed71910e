// A rectangular range of cells, as Shift+Arrow and Shift+click select it: between an anchor (where
// the selection started) and the focus (the selected cell, which moves).
import { formatAddress, parseAddress } from "../../cells/index.ts";

/** Inclusive bounds, zero-based rows and columns. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** The range with `anchor` and `focus` at opposite corners (one cell when anchor is null). */
export function rangeBetween(anchor: string | null, focus: string): CellRange {
  const f = parseAddress(focus);
  const a = anchor === null ? f : parseAddress(anchor);
  return { top: Math.min(a.row, f.row), left: Math.min(a.col, f.col), bottom: Math.max(a.row, f.row), right: Math.max(a.col, f.col) };
}

export function inRange(range: CellRange, address: string): boolean {
  const p = parseAddress(address);
  return p.row >= range.top && p.row <= range.bottom && p.col >= range.left && p.col <= range.right;
}

/** Every address in the range, row by row. */
export function rangeAddresses(range: CellRange): string[] {
  const out: string[] = [];
  for (let row = range.top; row <= range.bottom; row++) {
    for (let col = range.left; col <= range.right; col++) out.push(formatAddress({ row, col }));
  }
  return out;
}

export function rangeSize(range: CellRange): { readonly rows: number; readonly cols: number } {
  return { rows: range.bottom - range.top + 1, cols: range.right - range.left + 1 };
}

/** The address `dRow` rows and `dCol` columns from the range's top-left. */
export function offsetAddress(range: CellRange, dRow: number, dCol: number): string {
  return formatAddress({ row: range.top + dRow, col: range.left + dCol });
}

/**
 * Where a range selection started and the cell it was extended to. It holds only while that cell
 * is still the selected one: any other change of the selection (a click, the graph view, an edit
 * elsewhere) collapses the range to the selected cell without anyone having to clear it.
 */
export interface RangeMark {
  readonly anchor: string;
  readonly focus: string;
}

/** The selected range: from the mark's anchor to the selected cell, or that cell alone. */
export function selectionRange(mark: RangeMark | null, selected: string): CellRange {
  return rangeBetween(mark !== null && mark.focus === selected ? mark.anchor : null, selected);
}

/** The mark after extending the selection from `selected` to `target` (Shift+Arrow, Shift+click). */
export function extendMark(mark: RangeMark | null, selected: string, target: string): RangeMark {
  return { anchor: mark !== null && mark.focus === selected ? mark.anchor : selected, focus: target };
}
