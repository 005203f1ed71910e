// The grid's keyboard, with spreadsheet habits: arrows (Shift extends a range), Enter, Delete,
// typing to edit, undo, the clipboard on ranges, Alt+Arrow moves and Ctrl+Enter for training.
// Tab is left to the browser: the grid is one tab stop, so Tab moves on to the next control.
import { batch } from "solid-js";
import { formatAddress, parseAddress } from "../../cells/index.ts";
import { extendMark, rangeAddresses, type CellRange } from "../state/cell-range.ts";
import { TRACK_KEY_STEP_PX, clampTrack, type TrackAxis } from "../state/grid-layout.ts";
import type { Workbook } from "../state/workbook.ts";

/** The shortcut that starts, pauses or resumes the selected training cell's run. */
export const TRAINING_SHORTCUT = { keys: "Control+Enter", label: "Ctrl+Enter" } as const;

/**
 * The run controls (by data-testid) the shortcut presses, in order of preference: pause a running
 * run, else resume a paused one, else train a finished one more, else start.
 */
export const TRAINING_BUTTONS: readonly string[] = ["train-pause", "train-resume", "train-more", "train-start"];

/** Select `address`; with `extend` (Shift), select the range from the anchor to it instead. */
export function selectAddress(wb: Workbook, address: string, extend: boolean): void {
  batch(() => {
    wb.anchor[1](extend ? extendMark(wb.anchor[0](), wb.selected[0](), address) : null);
    wb.selected[1](address);
  });
}

/** Undo/redo, clipboard, Alt+Arrow moves and the training shortcut; true when the key was one of them. */
function handleCommandKey(e: KeyboardEvent, wb: Workbook, grid: HTMLElement): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const range = wb.selection();
  if (mod && key === "z") return (e.preventDefault(), e.shiftKey ? wb.redo() : wb.undo(), true);
  if (mod && key === "y") return (e.preventDefault(), wb.redo(), true);
  if (mod && key === "c") return (e.preventDefault(), wb.clipboard.copy(range), true);
  if (mod && key === "x") return (e.preventDefault(), wb.clipboard.cut(range), true);
  if (mod && key === "v") return (e.preventDefault(), void wb.clipboard.paste(range).then((pasted) => pasted && selectPasted(wb, pasted)), true);
  if (mod && e.key === "Enter") return (e.preventDefault(), pressTrainingButton(grid, wb.selected[0]()), true);
  if (e.altKey && e.shiftKey && e.key.startsWith("Arrow")) return (e.preventDefault(), resizeSelectedTrack(wb, grid, e.key), true);
  if (e.altKey && e.key.startsWith("Arrow")) {
    e.preventDefault();
    const [dr, dc] = arrowDelta(e.key);
    const p = parseAddress(wb.selected[0]());
    wb.anchor[1](null);
    wb.move(wb.selected[0](), formatAddress({ row: Math.max(0, p.row + dr), col: Math.max(0, p.col + dc) }));
    return true;
  }
  return false;
}

/**
 * Alt+Shift+Left/Right narrows/widens the selected cell's column, Up/Down its row: the keyboard's
 * way to resize now that the header handles are outside the tab order (the grid is one tab stop).
 */
function resizeSelectedTrack(wb: Workbook, grid: HTMLElement, key: string): void {
  const p = parseAddress(wb.selected[0]());
  const columns = key === "ArrowLeft" || key === "ArrowRight";
  const axis: TrackAxis = columns ? "columns" : "rows";
  const index = columns ? p.col : p.row;
  const header = headerOf(grid, axis, index);
  if (!header) return;
  const box = header.getBoundingClientRect();
  const step = key === "ArrowRight" || key === "ArrowDown" ? TRACK_KEY_STEP_PX : -TRACK_KEY_STEP_PX;
  wb.resizeTrack(axis, index, clampTrack(Math.round(columns ? box.width : box.height) + step));
}

/** The header cell of a column or row, which is as wide or tall as the track is shown. */
export function headerOf(grid: HTMLElement | undefined, axis: TrackAxis, index: number): HTMLElement | null {
  return grid?.querySelector<HTMLElement>(axis === "columns" ? `.grid-col-head[data-col="${index}"]` : `.grid-row-head[data-row="${index}"]`) ?? null;
}

/** The grid's keyboard: commands first, then navigation, editing and clearing. */
export function handleGridKey(e: KeyboardEvent, wb: Workbook, onEdit: (initialText?: string) => void, covered: ReadonlyMap<string, string>): void {
  if (!ownsKey(e)) return;
  const mod = e.ctrlKey || e.metaKey;
  if (handleCommandKey(e, wb, e.currentTarget as HTMLElement)) return;
  switch (e.key) {
    case "ArrowUp":
    case "ArrowDown":
    case "ArrowLeft":
    case "ArrowRight": {
      e.preventDefault();
      const [dr, dc] = arrowDelta(e.key);
      if (e.shiftKey) extendBy(wb, dr, dc);
      else batch(() => (wb.anchor[1](null), moveOverSpans(wb, dr, dc, covered)));
      break;
    }
    case "Escape":
      wb.anchor[1](null);
      break;
    case "Enter":
    case "F2":
      e.preventDefault();
      onEdit();
      break;
    case "Delete":
    case "Backspace":
      e.preventDefault();
      wb.commitCells(rangeAddresses(wb.selection()).map((address) => ({ address, source: null })), wb.selected[0]());
      break;
    default:
      if (e.key.length === 1 && !mod && !e.altKey) {
        e.preventDefault();
        onEdit(e.key);
      }
  }
}

/**
 * Keys typed into a field inside a cell (a training option, say) are the field's; Enter and Space
 * on a button inside a cell press the button. Everything else is the grid's.
 */
function ownsKey(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (target === null || target === e.currentTarget) return true;
  if (target.closest("input, textarea, select, [contenteditable='true']")) return false;
  return !(target.closest("button") && (e.key === "Enter" || e.key === " ") && !e.ctrlKey && !e.metaKey);
}

/** Shift+Arrow: move the selected cell, keeping the range's anchor where it was. */
function extendBy(wb: Workbook, dRow: number, dCol: number): void {
  const p = parseAddress(wb.selected[0]());
  const target = formatAddress({ row: Math.max(0, p.row + dRow), col: Math.max(0, p.col + dCol) });
  selectAddress(wb, target, true);
}

/** After a paste, the pasted cells are the selection, as in a spreadsheet. */
function selectPasted(wb: Workbook, pasted: CellRange): void {
  const topLeft = formatAddress({ row: pasted.top, col: pasted.left });
  const bottomRight = formatAddress({ row: pasted.bottom, col: pasted.right });
  batch(() => {
    wb.selected[1](topLeft);
    wb.anchor[1](topLeft === bottomRight ? null : { anchor: bottomRight, focus: topLeft });
  });
}

/** Press the selected training cell's own Pause, Resume or Start button, so the shortcut does exactly what a click does. */
function pressTrainingButton(grid: HTMLElement, address: string): void {
  const cell = grid.querySelector(`[data-testid="cell-${address}"]`);
  for (const id of TRAINING_BUTTONS) {
    const button = cell?.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
    if (button && !button.disabled) return void button.click();
  }
}

/**
 * Move the selection one step, treating a spanning cell as one: stepping into it selects the cell
 * itself, and stepping on from it leaves the span (its covered slots are never selected).
 */
function moveOverSpans(wb: Workbook, dRow: number, dCol: number, covered: ReadonlyMap<string, string>): void {
  const from = wb.selected[0]();
  for (let step = 0; step < 1000; step++) {
    const before = wb.selected[0]();
    wb.moveSelection(dRow, dCol);
    const at = wb.selected[0]();
    const owner = covered.get(at);
    if (owner === undefined) return;
    if (owner !== from) return void wb.selected[1](owner);
    if (at === before) return void wb.selected[1](from); // the edge of the grid, inside the span
  }
}

function arrowDelta(key: string): [number, number] {
  return key === "ArrowUp" ? [-1, 0] : key === "ArrowDown" ? [1, 0] : key === "ArrowLeft" ? [0, -1] : [0, 1];
}
