import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { formatNumber } from "../../../cells/summary.ts";
import { blockRange, fitGrid, heatmapHit, heatmapReadout, heatmapSource } from "../../../src/views/heatmap-grid.ts";

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
    expect(heatmapReadout(hit, formatNumber)).toMatch(/^\[\d+, \d+\] ≈ .+ \(mean of block \[\d+–\d+, \d+–\d+\]\)$/);
    // Compact (inside a grid cell): just the index and the approximate value, so it fits.
    expect(heatmapReadout(hit, formatNumber, true)).toMatch(/^\[\d+, \d+\] ≈ [^,]+$/);
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
