// A pass stopped inside a large product (the worker's "an edit has arrived" poll) leaves the cell
// to do again: no error on it, not counted as evaluated, and the next pass computes it fully.
import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";

const SOURCES = [
  "a = reshape(linspace(-1, 1, 512 * 300), [512, 300])",
  "b = reshape(linspace(1, -1, 300 * 256), [300, 256])",
  "c = dot(a, b)",
  "s = sum(c)",
];

describe("interrupting an evaluation pass", () => {
  it("stops inside dot, leaves c and s dirty without an error, and the next pass finishes them", async () => {
    const sheet = new Sheet({ cells: SOURCES.map((source, i) => ({ address: `A${i + 1}`, source })) });
    let polls = 0;
    const report = await sheet.evaluateAsync(undefined, Infinity, { interrupt: () => ++polls >= 2 });
    expect(report.cancelled).toBe(true);
    expect([...report.evaluated].sort()).toEqual(["A1", "A2"]);
    expect(polls).toBe(2);
    for (const a of ["A3", "A4"]) {
      expect(sheet.isDirty(a)).toBe(true);
      expect(sheet.result(a)!.error).toBeNull();
      expect(sheet.result(a)!.evaluations).toBe(0);
    }

    const rest = await sheet.evaluateAsync(undefined, Infinity, { interrupt: () => false });
    expect(rest).toEqual({ evaluated: ["A3", "A4"], cancelled: false });
    const whole = new Sheet({ cells: SOURCES.map((source, i) => ({ address: `A${i + 1}`, source })) });
    whole.evaluate();
    expect(sheet.result("A4")!.value!.item()).toBe(whole.result("A4")!.value!.item());
  });
});
