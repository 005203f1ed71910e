import { describe, expect, it } from "vitest";
import { classBars, classReadout } from "../../../src/views/classes.ts";

const classes = { values: Float32Array.of(0, 1, 9), counts: Uint32Array.of(50, 100, 0) };

describe("class bars", () => {
  it("puts one bar per class across the frame, the largest class at full height", () => {
    const bars = classBars(classes, { x0: 0, x1: 300, y0: 0, y1: 100 });
    expect(bars.map((b) => [b.value, b.count])).toEqual([[0, 50], [1, 100], [9, 0]]);
    expect(bars.map((b) => b.h)).toEqual([50, 100, 0]);
    expect(bars.map((b) => b.y)).toEqual([50, 0, 100]);
    // Slots of 100 px with an 18 px gap split around each bar.
    expect(bars.map((b) => b.x)).toEqual([9, 109, 209]);
    expect(bars[0]!.w).toBe(82);
  });

  it("reads a class out with its exact count and share", () => {
    const [zero, one] = classBars(classes, { x0: 0, x1: 300, y0: 0, y1: 100 });
    expect(classReadout(zero!)).toBe("0: 50 (33.3%)");
    expect(classReadout(one!)).toBe("1: 100 (66.7%)");
  });

  it("draws nothing for no classes", () => {
    expect(classBars({ values: new Float32Array(0), counts: new Uint32Array(0) }, { x0: 0, x1: 10, y0: 0, y1: 10 })).toEqual([]);
  });
});
