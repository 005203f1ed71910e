import { describe, expect, it } from "vitest";
import { Sheet } from "../../../cells/index.ts";
import { answerWindow } from "../../../src/worker/window-answer.ts";

function sheetOf(sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

const request = { type: "window" as const, id: 7, slice: [] as number[], rowStart: 0, rowCount: 2, colStart: 0, colCount: 3 };

describe("window answers", () => {
  it("cuts the cell's values", () => {
    const answer = answerWindow(sheetOf(["M = [[1, 2, 3], [4, 5, 6]]"]), { ...request, address: "A1" });
    expect(answer.error).toBe(null);
    expect(answer.id).toBe(7);
    expect([...answer.window!.values]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("cuts the gradient twin, ∂objective/∂cell", () => {
    const sheet = sheetOf(["x = [1, 2, 3]", "loss = sum(x * x)"]);
    sheet.setObjective("loss");
    const answer = answerWindow(sheet, { ...request, address: "A1", rowCount: 3, colCount: 1, gradient: true });
    expect([...answer.window!.values]).toEqual([2, 4, 6]);
  });

  it("says why there are no values, naming the cell", () => {
    const sheet = sheetOf(["x = [1, 2, 3]", "bad = nosuch(1)"]);
    expect(answerWindow(sheet, { ...request, address: "B4" })).toEqual({ type: "window", id: 7, window: null, error: "B4 is empty" });
    expect(answerWindow(sheet, { ...request, address: "A2" }).error).toMatch(/^bad has no value: /);
    expect(answerWindow(sheet, { ...request, address: "A1", gradient: true }).error).toBe("x has no gradient twin: it is not upstream of a scalar objective");
    expect(answerWindow(sheet, { ...request, address: "A1", rowStart: 3 }).error).toBe("x: row 3 is out of range: the tensor of shape [3] has 3 rows");
  });
});
