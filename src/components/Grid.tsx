import { For, createMemo } from "solid-js";
import { formatAddress, parseAddress } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";
import { GridCell } from "./GridCell.tsx";

export interface GridProps {
  readonly workbook: Workbook;
  /** Focus the formula bar, optionally starting the draft with a typed character. */
  readonly onEdit: (initialText?: string) => void;
  readonly ref?: (el: HTMLDivElement) => void;
}

/** The spreadsheet grid, with spreadsheet keyboard habits: arrows, Tab, Enter, Delete, typing to edit. */
export function Grid(props: GridProps) {
  const wb = props.workbook;
  const extent = createGridExtent(wb);
  const columns = createMemo(() => Array.from({ length: extent().cols }, (_, c) => c));
  const rows = createMemo(() => Array.from({ length: extent().rows }, (_, r) => r));
  const onKeyDown = (e: KeyboardEvent) => handleGridKey(e, wb, props.onEdit);

  return (
    <div
      class="grid"
      role="grid"
      tabIndex={0}
      aria-label="Sheet cells"
      aria-busy={wb.client.state.evaluating}
      aria-activedescendant={`cell-${wb.selected[0]()}`}
      data-testid="grid"
      ref={props.ref}
      onKeyDown={onKeyDown}
      style={{ "grid-template-columns": `3rem repeat(${extent().cols}, minmax(15rem, 1fr))` }}
    >
      <div class="grid-corner" />
      <For each={columns()}>{(c) => <div class="grid-col-head" role="columnheader">{formatAddress({ row: 0, col: c }).replace(/\d+$/, "")}</div>}</For>
      <For each={rows()}>
        {(r) => (
          <>
            <div class="grid-row-head" role="rowheader">{r + 1}</div>
            <For each={columns()}>
              {(c) => {
                const address = formatAddress({ row: r, col: c });
                return (
                  <GridCell
                    workbook={wb}
                    address={address}
                    cell={wb.client.state.cells[address]}
                    selected={wb.selected[0]() === address}
                    onSelect={() => wb.selected[1](address)}
                    onEdit={() => {
                      wb.selected[1](address);
                      props.onEdit();
                    }}
                  />
                );
              }}
            </For>
          </>
        )}
      </For>
    </div>
  );
}

/** Rows and columns to show: every filled cell and the selection, plus room to grow. */
function createGridExtent(wb: Workbook) {
  return createMemo(() => {
    let rows = 12;
    let cols = 4;
    for (const a of Object.keys(wb.client.state.cells)) {
      const p = parseAddress(a);
      rows = Math.max(rows, p.row + 4);
      cols = Math.max(cols, p.col + 2);
    }
    const sel = parseAddress(wb.selected[0]());
    return { rows: Math.max(rows, sel.row + 2), cols: Math.max(cols, sel.col + 2) };
  });
}

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
  if (mod && e.key.toLowerCase() === "c") return (e.preventDefault(), wb.copy(address), true);
  if (mod && e.key.toLowerCase() === "x") return (e.preventDefault(), wb.cut(address), true);
  if (mod && e.key.toLowerCase() === "v") return (e.preventDefault(), void wb.paste(address), true);
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
function handleGridKey(e: KeyboardEvent, wb: Workbook, onEdit: (initialText?: string) => void): void {
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
      wb.moveSelection(dr, dc);
      break;
    }
    case "Tab":
      e.preventDefault();
      wb.moveSelection(0, e.shiftKey ? -1 : 1);
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

function arrowDelta(key: string): [number, number] {
  return key === "ArrowUp" ? [-1, 0] : key === "ArrowDown" ? [1, 0] : key === "ArrowLeft" ? [0, -1] : [0, 1];
}
