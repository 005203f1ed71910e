import { describe, expect, it } from "vitest";
import { Sheet } from "../../../cells/index.ts";
import { cellView } from "../../../src/worker/cell-view.ts";

describe("cell views", () => {
  it("carry each cell's direct dependencies as addresses", () => {
    const sheet = new Sheet({ cells: [{ address: "A1", source: "a = 1" }, { address: "A2", source: "b = a + 1" }, { address: "B1", source: "c = a * b + b" }] });
    sheet.evaluate();
    expect(cellView(sheet, "A1").deps).toEqual([]);
    expect(cellView(sheet, "A2").deps).toEqual(["A1"]);
    expect([...cellView(sheet, "B1").deps].sort()).toEqual(["A1", "A2"]);
  });
});
