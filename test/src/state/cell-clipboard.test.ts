import { describe, expect, it } from "vitest";
import { blockFromText, CellClipboard, freshName, withFreshNames, type ClipboardSheet } from "../../../src/state/cell-clipboard.ts";
import { rangeBetween } from "../../../src/state/cell-range.ts";

/** A sheet of sources that records each commit (one commit is one undo step). */
function fakeSheet(cells: Record<string, string>) {
  const commits: { changes: { address: string; source: string | null }[]; focus: string }[] = [];
  const sheet: ClipboardSheet = {
    sources: () => Object.entries(cells).map(([address, source]) => ({ address, source })),
    drawingOf: () => [],
    commitCells: (changes, focus) => {
      commits.push({ changes: [...changes], focus });
      for (const { address, source } of changes) {
        if (source === null) delete cells[address];
        else cells[address] = source;
      }
    },
  };
  return { sheet, cells, commits };
}

describe("freshName", () => {
  it("numbers a taken name, counting on from a numbered one", () => {
    expect(freshName("oops", new Set(["oops"]))).toBe("oops_2");
    expect(freshName("oops", new Set(["oops", "oops_2"]))).toBe("oops_3");
    expect(freshName("oops_2", new Set(["oops_2"]))).toBe("oops_3");
  });
});

describe("withFreshNames", () => {
  it("renames a pasted cell whose name is taken, and never the original", () => {
    expect(withFreshNames(["oops = x + 1"], [{ address: "A1", source: "oops = x + 1" }], new Set(["B1"]))).toEqual(["oops_2 = x + 1"]);
  });

  it("keeps a name that pasting over its only definition frees", () => {
    expect(withFreshNames(["oops = 2"], [{ address: "A1", source: "oops = 1" }], new Set(["A1"]))).toEqual(["oops = 2"]);
  });

  it("lets references between pasted cells follow their new names", () => {
    const sheet = [{ address: "A1", source: "a = 1" }, { address: "A2", source: "b = a * 2" }];
    expect(withFreshNames(["a = 1", "b = a * 2", null, "a + b"], sheet, new Set(["C1", "C2", "D1", "D2"]))).toEqual([
      "a_2 = 1",
      "b_2 = a_2 * 2",
      null,
      "a_2 + b_2",
    ]);
  });
});

describe("blockFromText", () => {
  it("reads tab-separated rows as a block, and other text as one cell of one line", () => {
    expect(blockFromText("a = 1\tb = 2\n\tc = 3\n")).toEqual([["a = 1", "b = 2"], [null, "c = 3"]]);
    expect(blockFromText("[[1, 2],\n [3, 4]]")).toEqual([["[[1, 2], [3, 4]]"]]);
    expect(blockFromText("  ")).toEqual([]);
  });
});

describe("CellClipboard", () => {
  it("pastes a copy under a fresh name, leaving the original as it was", async () => {
    const { sheet, cells, commits } = fakeSheet({ A1: "oops = 1" });
    const clipboard = new CellClipboard(sheet);
    clipboard.copy(rangeBetween(null, "A1"));
    expect(await clipboard.paste(rangeBetween(null, "B2"))).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(cells).toEqual({ A1: "oops = 1", B2: "oops_2 = 1" });
    expect(commits).toEqual([{ changes: [{ address: "B2", source: "oops_2 = 1" }], focus: "B2" }]);
  });

  it("pastes a range in its shape, in one commit, blanks included", async () => {
    const { sheet, cells, commits } = fakeSheet({ A1: "a = 1", B2: "b = a", D4: "old = 0" });
    const clipboard = new CellClipboard(sheet);
    clipboard.copy(rangeBetween("A1", "B2"));
    expect(await clipboard.paste(rangeBetween("D3", "D3"))).toEqual({ top: 2, left: 3, bottom: 3, right: 4 });
    expect(commits.length).toBe(1);
    expect(cells).toEqual({ A1: "a = 1", B2: "b = a", D3: "a_2 = 1", E4: "b_2 = a_2" });
  });

  it("cuts a range as one commit, so pasting it keeps its names", async () => {
    const { sheet, cells, commits } = fakeSheet({ A1: "a = 1", A2: "b = a" });
    const clipboard = new CellClipboard(sheet);
    clipboard.cut(rangeBetween("A1", "A2"));
    expect(commits).toEqual([{ changes: [{ address: "A1", source: null }, { address: "A2", source: null }], focus: "A1" }]);
    await clipboard.paste(rangeBetween(null, "C1"));
    expect(cells).toEqual({ C1: "a = 1", C2: "b = a" });
  });
});
