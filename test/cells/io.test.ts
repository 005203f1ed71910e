import { describe, expect, it } from "vitest";
import { FormatError } from "../../cells/format/index.ts";
import { exportSheet, importSheet } from "../../cells/io.ts";
import { Sheet } from "../../cells/sheet.ts";
import { Tensor } from "../../engine/index.ts";
import { loadRefCases } from "../support/refcases.ts";

describe("import and export", () => {
  it("round-trips every reference sheet: export, import, export gives identical JSON", () => {
    for (const c of loadRefCases()) {
      const first = exportSheet(importSheet(c.sheet).sheet, { includeTensors: true });
      const second = exportSheet(importSheet(first).sheet, { includeTensors: true });
      expect(second, c.name).toBe(first);
    }
  });

  it("keeps notes, the objective and trained param values", () => {
    const sheet = new Sheet({ title: "Notes", seed: 3, cells: [{ address: "A1", source: "W = param(randn([2, 2]))", note: "weights" }, { address: "B2", source: "y = sum(W)" }], objective: "y" });
    sheet.evaluate();
    const text = exportSheet(sheet, { includeTensors: true });
    const back = importSheet(text).sheet;
    expect(back.cells()).toEqual(sheet.cells());
    expect(back.objective).toBe("y");
    expect(back.result("A1")!.value!.toFlatArray()).toEqual(sheet.result("A1")!.value!.toFlatArray());
  });

  it("keeps each training cell's loss history, so a reload shows it", () => {
    const sheet = new Sheet({ cells: [{ address: "A1", source: "W = param(ones([1]))" }, { address: "A2", source: "l = sum(W * W)" }, { address: "A3", source: "fit = train(l, [W])" }] });
    sheet.evaluate();
    sheet.setTrainingHistory("A3", new Tensor([3], Float32Array.of(3, 2, 1)));
    sheet.evaluate();
    const text = exportSheet(sheet);
    expect(JSON.parse(text).training.fit.step).toBe(3);
    const back = importSheet(text).sheet;
    expect(back.result("A3")!.value!.toArray()).toEqual([3, 2, 1]);
    expect(exportSheet(back)).toBe(text);
  });

  it("leaves param values out unless asked, so they re-initialize from the seed", () => {
    const sheet = new Sheet({ cells: [{ address: "A1", source: "W = param(ones([2]))" }] });
    sheet.evaluate();
    expect(JSON.parse(exportSheet(sheet)).tensors).toBeUndefined();
    expect(Object.keys(JSON.parse(exportSheet(sheet, { includeTensors: true })).tensors)).toEqual(["W"]);
  });

  it("refuses a stored tensor whose shape disagrees with its param initializer, naming the path", () => {
    const c = loadRefCases().find((x) => x.name === "dense_relu")!;
    const broken = { ...c.sheet, cells: c.sheet.cells.map((cell) => (cell.source.startsWith("W = ") ? { ...cell, source: "W = param(zeros([5, 4]))" } : cell)) };
    const e = catchError(() => importSheet(broken));
    expect(e).toBeInstanceOf(FormatError);
    expect((e as FormatError).path).toBe("$.tensors.W.shape");
    expect(e!.message).toContain("[5, 3]");
    expect(e!.message).toContain("[5, 4]");
  });

  it("refuses a stored tensor with no param cell to hold it", () => {
    const c = loadRefCases().find((x) => x.name === "gradient_tape")!;
    const broken = { ...c.sheet, cells: c.sheet.cells.map((cell) => (cell.source.startsWith("x = ") ? { ...cell, source: "x = 0" } : cell)) };
    const e = catchError(() => importSheet(broken)) as FormatError;
    expect(e.path).toBe("$.tensors.x");
    expect(e.reason).toContain("no param cell named x");
  });

  it("refuses invalid files as a whole, with the JSON path and reason", () => {
    const base = { format: "tensorsheet", version: 1, title: "t", seed: 0, cells: [{ address: "A1", source: "x = 1" }] };
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, format: "excel" }, "$.format", /tensorsheet/],
      [{ ...base, version: 2 }, "$.version", /newer/],
      [{ ...base, cells: [{ address: "A1", source: "x" }, { address: "A1", source: "y" }] }, "$.cells[1].address", /A1/],
      [{ ...base, tensors: { x: { dtype: "float32", shape: [2], data: "AAAAAA==" } } }, "$.tensors.x.data", /2/],
      ["{ nope", "$", /JSON/],
    ];
    for (const [doc, path, reason] of cases) {
      const e = catchError(() => importSheet(typeof doc === "string" ? doc : JSON.stringify(doc))) as FormatError;
      expect(e, path).toBeInstanceOf(FormatError);
      expect(e.path, JSON.stringify(doc)).toBe(path);
      expect(e.message).toMatch(reason);
    }
  });
});

function catchError(f: () => unknown): Error | undefined {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}
