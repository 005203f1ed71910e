import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { formatAddress, parseAddress } from "../../../cells/index.ts";
import { handleGridKey, selectAddress } from "../../../src/components/grid-keys.ts";
import { selectionRange, type CellRange, type RangeMark } from "../../../src/state/cell-range.ts";
import type { Workbook } from "../../../src/state/workbook.ts";

/** The parts of the workbook the grid's keys use, recording what they were asked to do. */
function fakeWorkbook(start = "A1") {
  const calls: string[] = [];
  const cleared: string[][] = [];
  const selected = createSignal(start);
  const anchor = createSignal<RangeMark | null>(null);
  const wb = {
    selected,
    anchor,
    selection: () => selectionRange(anchor[0](), selected[0]()),
    moveSelection(dRow: number, dCol: number) {
      const p = parseAddress(selected[0]());
      selected[1](formatAddress({ row: Math.max(0, p.row + dRow), col: Math.max(0, p.col + dCol) }));
    },
    commitCells: (changes: { address: string; source: string | null }[]) => void cleared.push(changes.map((c) => `${c.address}=${c.source}`)),
    undo: () => void calls.push("undo"),
    redo: () => void calls.push("redo"),
    move: (from: string, to: string) => void calls.push(`move ${from} ${to}`),
    clipboard: {
      copy: (r: CellRange) => void calls.push(`copy ${JSON.stringify(r)}`),
      cut: (r: CellRange) => void calls.push(`cut ${JSON.stringify(r)}`),
      paste: async () => null,
    },
  };
  return { wb: wb as unknown as Workbook, calls, cleared };
}

/** A keydown as the grid gets it; `from` is the element inside the grid it was typed into. */
function press(wb: Workbook, key: string, mods: { shift?: boolean; ctrl?: boolean } = {}, grid: object = {}, from?: object) {
  let prevented = false;
  const e = {
    key,
    shiftKey: mods.shift ?? false,
    ctrlKey: mods.ctrl ?? false,
    metaKey: false,
    altKey: false,
    currentTarget: grid,
    target: from ?? grid,
    preventDefault: () => void (prevented = true),
  } as unknown as KeyboardEvent;
  handleGridKey(e, wb, () => undefined, new Map());
  return { prevented };
}

describe("the grid's keys", () => {
  it("leave Tab to the browser, so focus moves on out of the grid", () => {
    const { wb } = fakeWorkbook("B2");
    expect(press(wb, "Tab").prevented).toBe(false);
    expect(press(wb, "Tab", { shift: true }).prevented).toBe(false);
    expect(wb.selected[0]()).toBe("B2");
  });

  it("select a range with Shift+Arrow, and collapse it with a plain arrow", () => {
    const { wb } = fakeWorkbook("A1");
    press(wb, "ArrowDown", { shift: true });
    press(wb, "ArrowDown", { shift: true });
    expect(wb.selection()).toEqual({ top: 0, left: 0, bottom: 2, right: 0 });
    press(wb, "ArrowRight");
    expect(wb.selected[0]()).toBe("B3");
    expect(wb.selection()).toEqual({ top: 2, left: 1, bottom: 2, right: 1 });
  });

  it("extend with Shift+click from the same anchor", () => {
    const { wb } = fakeWorkbook("B2");
    selectAddress(wb, "C3", true);
    selectAddress(wb, "A1", true);
    expect(wb.selection()).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
  });

  it("clear a whole range in one commit, and copy the range", () => {
    const { wb, calls, cleared } = fakeWorkbook("A1");
    press(wb, "ArrowRight", { shift: true });
    press(wb, "Delete");
    expect(cleared).toEqual([["A1=null", "B1=null"]]);
    press(wb, "c", { ctrl: true });
    expect(calls).toEqual([`copy ${JSON.stringify({ top: 0, left: 0, bottom: 0, right: 1 })}`]);
  });

  it("press the selected training cell's Pause, else its Start, on Ctrl+Enter", () => {
    const { wb } = fakeWorkbook("D1");
    const clicked: string[] = [];
    const button = (id: string) => ({ disabled: false, click: () => void clicked.push(id) });
    const cellWith = (ids: string[]) => ({ querySelector: (sel: string) => ids.map((id) => (sel.includes(`"${id}"`) ? button(id) : null)).find((b) => b) ?? null });
    const gridWith = (ids: string[]) => ({ querySelector: (sel: string) => (sel === '[data-testid="cell-D1"]' ? cellWith(ids) : null) });
    press(wb, "Enter", { ctrl: true }, gridWith(["train-start", "train-pause"]));
    press(wb, "Enter", { ctrl: true }, gridWith(["train-start"]));
    expect(clicked).toEqual(["train-pause", "train-start"]);
  });

  it("leave keys typed into a field inside a cell to that field", () => {
    const { wb, cleared } = fakeWorkbook("A1");
    const field = { closest: (sel: string) => (sel.startsWith("input") ? {} : null) };
    expect(press(wb, "Backspace", {}, {}, field).prevented).toBe(false);
    expect(cleared).toEqual([]);
  });
});
