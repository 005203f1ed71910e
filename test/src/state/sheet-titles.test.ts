import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { blankDocument, freeTitle, isCopyTitle, sameContent } from "../../../src/state/sheet-titles.ts";

const example: SheetDocument = {
  format: "tensorsheet",
  version: 1,
  title: "Tensors and their shape",
  seed: 1,
  cells: [
    { address: "A1", source: "x = [1, 2]" },
    { address: "B1", source: "y = x * 2", note: "double" },
  ],
  layout: { columns: { A: 200 } },
};

describe("sheet titles", () => {
  it("a free title is the base, else the first free number, in the style asked for", () => {
    expect(freeTitle("Untitled sheet", ["Other"], "suffix")).toBe("Untitled sheet");
    expect(freeTitle("Untitled sheet", ["Untitled sheet"], "suffix")).toBe("Untitled sheet 2");
    expect(freeTitle("Untitled sheet", ["Untitled sheet", "Untitled sheet 2", "Untitled sheet 4"], "suffix")).toBe("Untitled sheet 3");
    expect(freeTitle("Tensors and their shape", ["Tensors and their shape"], "parens")).toBe("Tensors and their shape (2)");
    expect(freeTitle("Tensors and their shape", ["Tensors and their shape", "Tensors and their shape (2)"], "parens")).toBe("Tensors and their shape (3)");
  });

  it("a copy's title is the base or the base with a number in parentheses, nothing else", () => {
    expect(isCopyTitle("Tensors and their shape", "Tensors and their shape")).toBe(true);
    expect(isCopyTitle("Tensors and their shape (12)", "Tensors and their shape")).toBe(true);
    expect(isCopyTitle("Tensors and their shape (copy)", "Tensors and their shape")).toBe(false);
    expect(isCopyTitle("Tensors and their shape (2) mine", "Tensors and their shape")).toBe(false);
    expect(isCopyTitle("Tensors", "Tensors and their shape")).toBe(false);
  });

  it("a blank sheet has no cells", () => {
    expect(blankDocument("Untitled sheet 2")).toEqual({ format: "tensorsheet", version: 1, title: "Untitled sheet 2", seed: 0, cells: [] });
  });
});

describe("sameContent: is a saved copy the example unchanged?", () => {
  it("yes, with the cells in another order, param values and training state added, or another title", () => {
    const used: SheetDocument = {
      ...example,
      title: "Tensors and their shape (2)",
      cells: [...example.cells].reverse(),
      tensors: { w: { dtype: "float32", shape: [1], data: "AACAPw==" } },
      training: { fit: { step: 3 } },
    };
    expect(sameContent(used, example)).toBe(true);
  });

  it("no, once a source, a note, the seed, the objective or the layout changed, or a cell was added", () => {
    const changed: SheetDocument[] = [
      { ...example, cells: [example.cells[0]!, { address: "B1", source: "y = x * 3", note: "double" }] },
      { ...example, cells: [example.cells[0]!, { address: "B1", source: "y = x * 2" }] },
      { ...example, seed: 2 },
      { ...example, objective: "y" },
      { ...example, layout: { columns: { A: 240 } } },
      { ...example, cells: [...example.cells, { address: "C1", source: "z = 1" }] },
    ];
    expect(changed.map((c) => sameContent(c, example))).toEqual([false, false, false, false, false, false]);
  });
});
