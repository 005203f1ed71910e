import { describe, expect, it } from "vitest";
import { extendMark, inRange, offsetAddress, rangeAddresses, rangeBetween, rangeSize, selectionRange } from "../../../src/state/cell-range.ts";

describe("cell ranges", () => {
  it("span anchor and focus in either order", () => {
    expect(rangeBetween("C3", "A2")).toEqual({ top: 1, left: 0, bottom: 2, right: 2 });
    expect(rangeBetween(null, "B2")).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
  });

  it("list their addresses row by row, and know what they hold", () => {
    const r = rangeBetween("B1", "A2");
    expect(rangeAddresses(r)).toEqual(["A1", "B1", "A2", "B2"]);
    expect(rangeSize(r)).toEqual({ rows: 2, cols: 2 });
    expect(inRange(r, "B2")).toBe(true);
    expect(inRange(r, "C1")).toBe(false);
    expect(offsetAddress(r, 1, 1)).toBe("B2");
  });
});

describe("range marks", () => {
  it("extend from the selected cell, then from the same anchor", () => {
    const first = extendMark(null, "B2", "B3");
    expect(first).toEqual({ anchor: "B2", focus: "B3" });
    const second = extendMark(first, "B3", "C4");
    expect(second).toEqual({ anchor: "B2", focus: "C4" });
    expect(selectionRange(second, "C4")).toEqual({ top: 1, left: 1, bottom: 3, right: 2 });
  });

  it("collapse to the selected cell once the selection moved elsewhere", () => {
    const mark = { anchor: "A1", focus: "B2" };
    expect(selectionRange(mark, "D5")).toEqual({ top: 4, left: 3, bottom: 4, right: 3 });
    expect(extendMark(mark, "D5", "D6")).toEqual({ anchor: "D5", focus: "D6" });
  });
});
