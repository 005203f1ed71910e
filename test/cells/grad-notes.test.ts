import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";

function sheetOf(...sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

describe("notes on gradients", () => {
  it("keeps the zeros of grad(y, z) when y does not depend on z, and says why", () => {
    const s = sheetOf("x = param([1, 2])", "z = param([5, 5, 5])", "y = sum(x * x)", "gz = grad(y, z)", "gx = grad(y, x)");
    expect(s.result("A4")!.value!.toArray()).toEqual([0, 0, 0]);
    expect(s.result("A4")!.notes).toEqual(["y does not depend on z; its gradient is zero"]);
    expect(s.result("A5")!.value!.toArray()).toEqual([2, 4]);
    expect(s.result("A5")!.notes).toEqual([]);
    expect(s.result("A1")!.notes).toEqual([]);
  });

  it("names the expression when y is not a cell, once per cell", () => {
    const s = sheetOf("x = param([1, 2])", "z = 3", "grad(sum(x) * 2, z) + grad(sum(x) * 2, z)");
    expect(s.result("A3")!.value!.toArray()).toBe(0);
    expect(s.result("A3")!.notes).toEqual(["the expression does not depend on z; its gradient is zero"]);
  });

  it("drops the note once y comes to depend on z", () => {
    const s = sheetOf("x = param([1, 2])", "z = param(2)", "y = sum(x)", "gz = grad(y, z)");
    expect(s.result("A4")!.notes).toHaveLength(1);
    s.setCell("A3", "y = sum(x) * z");
    s.evaluate();
    expect(s.result("A4")!.value!.toArray()).toBe(3);
    expect(s.result("A4")!.notes).toEqual([]);
  });
});
