import { describe, expect, it } from "vitest";
import { barRects, nonFiniteIndices } from "../../../src/views/vectors.ts";

describe("bars", () => {
  // A value scale with 0 at y = 50 and one unit per 10 px, clamped to the frame.
  const frame = { x0: 0, x1: 40, y0: 0, y1: 100 };
  const y = (v: number) => Math.min(100, Math.max(0, 50 - v * 10));

  it("draws bars from the zero line, and NaN and ±Inf as full-height marked slots", () => {
    const bars = barRects(Float32Array.of(2, NaN, -1, -Infinity), frame, y);
    expect(bars.map((b) => [b.k, b.bad, b.neg, b.y, b.h])).toEqual([
      [0, false, false, 30, 20],
      [1, true, false, 0, 100],
      [2, false, true, 50, 10],
      [3, true, false, 0, 100],
    ]);
    // 10 px slots with a 1.5 px gap split around each bar.
    expect(bars.map((b) => b.x)).toEqual([0.75, 10.75, 20.75, 30.75]);
    expect(bars[1]!.w).toBe(8.5);
  });

  it("finds the non-finite positions a sparkline marks", () => {
    expect(nonFiniteIndices(Float32Array.of(1, NaN, 2, Infinity, -Infinity))).toEqual([1, 3, 4]);
    expect(nonFiniteIndices(Float32Array.of(1, 2))).toEqual([]);
  });
});
