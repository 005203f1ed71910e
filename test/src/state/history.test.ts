import { describe, expect, it } from "vitest";
import { cellSets, EditHistory, inverse, type Edit } from "../../../src/state/history.ts";

const rename: Edit = {
  kind: "compound",
  focus: "A4",
  label: "Renamed lr to rate in 2 cells",
  edits: [
    { kind: "set", address: "C1", before: "W1 = W0 - lr * g", after: "W1 = W0 - rate * g" },
    { kind: "set", address: "A4", before: "lr = 0.1", after: "rate = 0.1" },
  ],
};

describe("compound edits", () => {
  it("invert every cell, in reverse order, keeping the focus and label", () => {
    expect(inverse(rename)).toEqual({
      kind: "compound",
      focus: "A4",
      label: "Renamed lr to rate in 2 cells",
      edits: [
        { kind: "set", address: "A4", before: "rate = 0.1", after: "lr = 0.1" },
        { kind: "set", address: "C1", before: "W1 = W0 - rate * g", after: "W1 = W0 - lr * g" },
      ],
    });
  });

  it("are one undo step and one redo step", () => {
    const history = new EditHistory();
    history.record({ kind: "set", address: "B1", before: null, after: "x = 1" });
    history.record(rename);
    expect(history.undo()).toEqual(inverse(rename));
    expect(history.canUndo).toBe(true);
    expect(history.redo()).toEqual(rename);
    expect(history.canRedo).toBe(false);
  });
});

describe("cellSets", () => {
  it("sets only the cells that change, a blank source emptying its cell", () => {
    const sources: Record<string, string> = { A1: "a = 1", A2: "b = 2" };
    const sets = cellSets([{ address: "A1", source: "a = 1" }, { address: "A2", source: " " }, { address: "A3", source: "c = 3" }, { address: "A4", source: null }], (a) => sources[a] ?? null);
    expect(sets).toEqual([
      { kind: "set", address: "A2", before: "b = 2", after: null },
      { kind: "set", address: "A3", before: null, after: "c = 3" },
    ]);
  });
});
