// The grid's keyboard, with spreadsheet habits: arrows, Tab, Enter, Delete, typing to edit, and
// the undo, clipboard and Alt+Arrow move commands.
import { formatAddress, parseAddress } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";

/** Undo/redo, clipboard and Alt+Arrow moves; true when the key was one of them. */
function handleCommandKey(e: KeyboardEvent, wb: Workbook, address: string): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === "z") {
    e.preventDefault();
    if (e.shiftKey) wb.redo();
    else wb.undo();
    return true;
  }
  if (mod && e.key.toLowerCase() === "y") return (e.preventDefault(), wb.redo(), true);
  if (mod && e.key.toLowerCase() === "c") return (e.preventDefault(), wb.clipboard.copy(address), true);
  if (mod && e.key.toLowerCase() === "x") return (e.preventDefault(), wb.clipboard.cut(address), true);
  if (mod && e.key.toLowerCase() === "v") return (e.preventDefault(), void wb.clipboard.paste(address), true);
  if (e.altKey && e.key.startsWith("Arrow")) {
    e.preventDefault();
    const [dr, dc] = arrowDelta(e.key);
    const p = parseAddress(address);
    wb.move(address, formatAddress({ row: Math.max(0, p.row + dr), col: Math.max(0, p.col + dc) }));
    return true;
  }
  return false;
}

/** The grid's keyboard: commands first, then navigation, editing and clearing. */
export function handleGridKey(e: KeyboardEvent, wb: Workbook, onEdit: (initialText?: string) => void, covered: ReadonlyMap<string, string>): void {
  const mod = e.ctrlKey || e.metaKey;
  const address = wb.selected[0]();
  if (handleCommandKey(e, wb, address)) return;
  switch (e.key) {
    case "ArrowUp":
    case "ArrowDown":
    case "ArrowLeft":
    case "ArrowRight": {
      e.preventDefault();
      const [dr, dc] = arrowDelta(e.key);
      moveOverSpans(wb, dr, dc, covered);
      break;
    }
    case "Tab":
      e.preventDefault();
      moveOverSpans(wb, 0, e.shiftKey ? -1 : 1, covered);
      break;
    case "Enter":
    case "F2":
      e.preventDefault();
      onEdit();
      break;
    case "Delete":
    case "Backspace":
      e.preventDefault();
      wb.commit(address, "");
      break;
    default:
      if (e.key.length === 1 && !mod && !e.altKey) {
        e.preventDefault();
        onEdit(e.key);
      }
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
