import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { formatNumber } from "../../../cells/summary.ts";
import { blockRange, downsampledCaption, fitGrid, heatmapHit, heatmapLegend, heatmapReadout, heatmapSource } from "../../../src/views/heatmap-grid.ts";

function ramp(n: number, f: (k: number) => number = (k) => k): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => f(k));
}

describe("heatmap source and hover mapping", () => {
  it("uses every value for a small matrix and maps hover to the exact entry", () => {
    const p = buildPreview(fromBuffer([3, 4], ramp(12)));
    const src = heatmapSource(p)!;
    expect(src).toMatchObject({ rows: 3, cols: 4, origRows: 3, origCols: 4, blocked: false });
    const hit = heatmapHit(src, 0.6, 0.9)!; // col 2, row 2
    expect([hit.i, hit.j, hit.value, hit.block]).toEqual([2, 2, 10, null]);
    expect(heatmapReadout(hit, formatNumber)).toBe("[2, 2] = 10");
    expect(heatmapHit(src, 1, 0.5)).toBeNull();
    expect(heatmapHit(src, -0.1, 0.5)).toBeNull();
  });

  it("uses block means for a large matrix and maps hover back into the block", () => {
    const R = 300, C = 200;
    const p = buildPreview(fromBuffer([R, C], ramp(R * C, (k) => Math.floor(k / C) * 1000 + (k % C))));
    const src = heatmapSource(p)!;
    expect(src.blocked).toBe(true);
    expect([src.rows, src.cols, src.origRows, src.origCols]).toEqual([96, 96, R, C]);
    const hit = heatmapHit(src, 0.5, 0.5)!;
    expect(hit.block).not.toBeNull();
    const { rows, cols } = hit.block!;
    expect(hit.i).toBeGreaterThanOrEqual(rows[0]);
    expect(hit.i).toBeLessThan(rows[1]);
    expect(hit.j).toBeGreaterThanOrEqual(cols[0]);
    expect(hit.j).toBeLessThan(cols[1]);
    // The value is the mean of that block of the original (row*1000 + col).
    const mean = ((rows[0] + rows[1] - 1) / 2) * 1000 + (cols[0] + cols[1] - 1) / 2;
    expect(hit.value).toBeCloseTo(mean, 0);
    // The read-out says it is a block mean and which rows and cols it averages, not one index.
    const r = `${rows[0]}–${rows[1] - 1}`, c = `${cols[0]}–${cols[1] - 1}`;
    const n = (rows[1] - rows[0]) * (cols[1] - cols[0]);
    expect(heatmapReadout(hit, formatNumber)).toBe(`block mean of rows ${r}, cols ${c} (${n} values) = ${formatNumber(hit.value)}`);
    // Compact (inside a grid cell): the block and its mean, so it fits.
    expect(heatmapReadout(hit, formatNumber, true)).toBe(`mean [${r}, ${c}] = ${formatNumber(hit.value)}`);
  });

  it("names a block of one row or col by its single index", () => {
    const src = { rows: 2, cols: 96, data: new Float32Array(192).fill(0.5), origRows: 2, origCols: 300, blocked: true };
    const hit = heatmapHit(src, 0, 0.75)!;
    expect(hit.block).toEqual({ rows: [1, 2], cols: [0, 3] });
    expect(heatmapReadout(hit, formatNumber)).toBe("block mean of rows 1, cols 0–2 (3 values) = 0.5");
  });

  it("captions a downsampled heatmap with both shapes, and an exact one not at all", () => {
    const big = heatmapSource(buildPreview(fromBuffer([784, 512], new Float32Array(784 * 512))))!;
    expect(downsampledCaption(big)).toBe("block means, 784×512 → 96×96");
    const tall = heatmapSource(buildPreview(fromBuffer([8000, 10], new Float32Array(80000))))!;
    expect(downsampledCaption(tall)).toBe("block means, 8000×10 → 96×10");
    expect(downsampledCaption(heatmapSource(buildPreview(fromBuffer([3, 4], ramp(12))))!)).toBeNull();
  });

  it("the legend's ends are the whole tensor's true min and max, not the block means'", () => {
    // Row r holds r - 150 in its first column and 0 elsewhere: the extremes sit in single entries
    // that every block mean dilutes.
    const R = 300, C = 200;
    const p = buildPreview(fromBuffer([R, C], ramp(R * C, (k) => (k % C === 0 ? Math.floor(k / C) - 150 : 0))));
    const legend = heatmapLegend(p, formatNumber);
    expect(legend).toEqual({ min: -150, max: 149, minLabel: "-150", maxLabel: "149", nanCount: 0, infCount: 0 });
    const drawn = heatmapSource(p)!.data;
    expect(Math.max(...drawn)).toBeLessThan(149);
    // Labels use the app's number format; exact numbers stay available for comparison.
    const small = heatmapLegend(buildPreview(fromBuffer([2, 2], Float32Array.from([-0.0681234567, 0, 1, 0.0680987]))), formatNumber);
    expect([small.minLabel, small.maxLabel]).toEqual(["-0.068123", "1"]);
    expect(small.min).toBe(Math.fround(-0.0681234567));
  });

  it("the legend counts NaN and ±Inf, and block means that include them are non-finite too", () => {
    const data = ramp(300 * 200, (k) => k / 1000);
    data[0] = NaN;
    data[5 * 200 + 7] = Infinity;
    data[299 * 200 + 199] = -Infinity;
    const p = buildPreview(fromBuffer([300, 200], data));
    const legend = heatmapLegend(p, formatNumber);
    expect([legend.nanCount, legend.infCount]).toEqual([1, 2]);
    expect([legend.minLabel, legend.maxLabel]).toEqual(["0.001", "59.998"]);
    const src = heatmapSource(p)!;
    expect(src.data[0]).toBeNaN(); // block [0–2, 0–2] holds the NaN
    expect(src.data[1 * 96 + 3]).toBe(Infinity); // block [3–6, 6–8] holds the +Inf
    expect(src.data[96 * 96 - 1]).toBe(-Infinity);
    // No finite value at all: the ends say so rather than print NaN.
    const none = heatmapLegend(buildPreview(fromBuffer([1, 2], Float32Array.from([NaN, NaN]))), formatNumber);
    expect([none.minLabel, none.maxLabel, none.nanCount]).toEqual(["—", "—", 2]);
  });

  it("blockRange matches buildPreview's blocks: they tile the original exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 0, max: 5000 }), (n, extra) => {
        const original = n + extra;
        let next = 0;
        for (let k = 0; k < n; k++) {
          const [s, e] = blockRange(k, n, original);
          expect(s).toBe(next);
          expect(e).toBeGreaterThan(s);
          next = e;
        }
        expect(next).toBe(original);
      }),
    );
  });

  it("any pointer position maps to an original index inside the displayed cell's block", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (R, C, fx, fy) => {
        const rows = Math.min(R, 96), cols = Math.min(C, 96);
        const src = { rows, cols, data: new Float32Array(rows * cols), origRows: R, origCols: C, blocked: true };
        const hit = heatmapHit(src, fx, fy)!;
        const br = blockRange(hit.row, rows, R);
        const bc = blockRange(hit.col, cols, C);
        expect(hit.i).toBeGreaterThanOrEqual(br[0]);
        expect(hit.i).toBeLessThan(br[1]);
        expect(hit.j).toBeGreaterThanOrEqual(bc[0]);
        expect(hit.j).toBeLessThan(bc[1]);
        expect(hit.i).toBeLessThan(R);
        expect(hit.j).toBeLessThan(C);
      }),
    );
  });

  it("has no source for other ranks", () => {
    expect(heatmapSource(buildPreview(fromBuffer([5], ramp(5))))).toBeNull();
    expect(heatmapSource(buildPreview(fromBuffer([2, 2, 2], ramp(8))))).toBeNull();
  });

  it("fitGrid keeps square cells but never lets a thin matrix vanish", () => {
    expect(fitGrid({ width: 200, height: 100 }, 10, 10)).toEqual({ width: 100, height: 100 });
    const thin = fitGrid({ width: 200, height: 100 }, 1, 4096);
    expect(thin.width).toBe(200);
    expect(thin.height).toBe(25);
    expect(fitGrid({ width: 0, height: 100 }, 3, 3)).toEqual({ width: 0, height: 0 });
  });
});
