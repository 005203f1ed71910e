import { describe, expect, it } from "vitest";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { histogramHeights } from "../../../src/views/histogram.ts";
import { dotsPath, pointsExtent } from "../../../src/views/points.ts";
import { domainWithZero, finiteExtent, linear } from "../../../src/views/ranges.ts";
import { indexAt, lineSeries, vectorData } from "../../../src/views/vectors.ts";

function ramp(n: number, f: (k: number) => number = (k) => k): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => f(k));
}

describe("vectors, lines, scatter, histogram", () => {
  it("vectorData gives original indices for sampled vectors", () => {
    const small = vectorData(buildPreview(fromBuffer([10], ramp(10))))!;
    expect(small.sampled).toBe(false);
    expect(small.index(3)).toBe(3);
    const big = vectorData(buildPreview(fromBuffer([10000], ramp(10000))))!;
    expect(big.sampled).toBe(true);
    expect(big.values.length).toBe(512);
    for (const k of [0, 1, 100, 511]) expect(big.index(k)).toBe(big.values[k]);
  });

  it("lineSeries: x is the step, non-finite y become gaps, empty stays empty", () => {
    const [xs, ys] = lineSeries(buildPreview(fromBuffer([4], Float32Array.of(3, NaN, Infinity, 1))));
    expect(xs).toEqual([0, 1, 2, 3]);
    expect(ys).toEqual([3, null, null, 1]);
    expect(lineSeries(buildPreview(fromBuffer([0], new Float32Array(0))))).toEqual([[], []]);
  });

  it("domains and linear maps", () => {
    expect(finiteExtent([NaN, 2, -Infinity, -1])).toEqual([-1, 2]);
    expect(finiteExtent([NaN])).toBeNull();
    expect(domainWithZero([2, 5])).toEqual([0, 5]);
    expect(domainWithZero([0, 0])).toEqual([-1, 1]);
    const y = linear([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
    expect(linear([1, 1], [0, 10])(1)).toBe(5);
    expect(indexAt(55, 10, 110, 10)).toBe(4);
    expect(indexAt(5, 10, 110, 10)).toBeNull();
  });

  it("scatter: extent and one dot per finite point", () => {
    const pts = Float32Array.of(1, 2, -3, 4, NaN, 0, 5, -6);
    expect(pointsExtent(pts)).toEqual({ x: [-3, 5], y: [-6, 4] });
    const d = dotsPath(pts, (v) => v, (v) => v);
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.startsWith("M1.0 2.0h0")).toBe(true);
  });

  it("histogram heights are relative to the tallest bin; empty bins are 0", () => {
    const h = histogramHeights(Uint32Array.of(0, 1, 50, 100));
    expect(h[0]).toBe(0);
    expect(h[1]).toBe(0.02);
    expect(h[2]).toBe(0.5);
    expect(h[3]).toBe(1);
    expect(histogramHeights(new Uint32Array(4))).toEqual([0, 0, 0, 0]);
  });
});
