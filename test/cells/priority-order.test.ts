import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";

function sheetOf(...sources: string[]): Sheet {
  return new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
}

describe("visible-first evaluation", () => {
  it("runs the priority cells and what they read before everything else, still in dependency order", async () => {
    const s = sheetOf("a = 1", "b = a + 1", "c = b * 2", "d = 10", "e = d + 1", "f = e + c");
    const seen: string[] = [];
    const report = await s.evaluateAsync(undefined, Infinity, { priority: ["A5"], onEvaluated: (a) => seen.push(a) });
    expect(report.evaluated).toEqual(["A4", "A5", "A1", "A2", "A3", "A6"]);
    expect(seen).toEqual(["A4", "A5", "A1", "A2", "A3", "A6"]);
    expect(s.result("A6")!.value!.toArray()).toBe(15);
  });

  it("keeps the plain order without priority cells, or with addresses that hold no cell", async () => {
    const s = sheetOf("a = 1", "b = a + 1", "c = 3");
    const plain = sheetOf("a = 1", "b = a + 1", "c = 3").evaluate().evaluated;
    expect(plain).toHaveLength(3);
    expect((await s.evaluateAsync(undefined, Infinity, { priority: ["Z9"] })).evaluated).toEqual(plain);
    s.setCell("A1", "a = 2");
    expect(s.dirtyCount()).toBe(2);
    expect((await s.evaluateAsync(undefined, Infinity, {})).evaluated).toEqual(["A1", "A2"]);
    expect(s.dirtyCount()).toBe(0);
  });
});
