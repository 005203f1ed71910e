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
  const extent = createMemo(() => {
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
  const columns = createMemo(() => Array.from({ length: extent().cols }, (_, c) => c));
  const rows = createMemo(() => Array.from({ length: extent().rows }, (_, r) => r));

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const address = wb.selected[0]();
    if (mod && e.key.toLowerCase() === "z") {
      e.preventDefault();
      if (e.shiftKey) wb.redo();
      else wb.undo();
      return;
    }
    if (mod && e.key.toLowerCase() === "y") return void (e.preventDefault(), wb.redo());
    if (mod && e.key.toLowerCase() === "c") return void (e.preventDefault(), wb.copy(address));
    if (mod && e.key.toLowerCase() === "x") return void (e.preventDefault(), wb.cut(address));
    if (mod && e.key.toLowerCase() === "v") return void (e.preventDefault(), void wb.paste(address));
    if (e.altKey && e.key.startsWith("Arrow")) {
      e.preventDefault();
      const [dr, dc] = arrowDelta(e.key);
      const p = parseAddress(address);
      wb.move(address, formatAddress({ row: Math.max(0, p.row + dr), col: Math.max(0, p.col + dc) }));
      return;
    }
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
        props.onEdit();
        break;
      case "Delete":
      case "Backspace":
        e.preventDefault();
        wb.commit(address, "");
        break;
      default:
        if (e.key.length === 1 && !mod && !e.altKey) {
          e.preventDefault();
          props.onEdit(e.key);
        }
    }
  };

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

function arrowDelta(key: string): [number, number] {
  return key === "ArrowUp" ? [-1, 0] : key === "ArrowDown" ? [1, 0] : key === "ArrowLeft" ? [0, -1] : [0, 1];
}
