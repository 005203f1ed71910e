import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { formatNumber } from "../../../cells/summary.ts";
import { colorScale, legendGradient, NAN_COLOR, zeroFraction } from "../../../src/views/colour-scale.ts";
import { blockRange, fitGrid, heatmapHit, heatmapReadout, heatmapSource } from "../../../src/views/heatmap-grid.ts";
import { histogramHeights } from "../../../src/views/histogram.ts";
import { dotsPath, pointsExtent } from "../../../src/views/points.ts";
import { domainWithZero, finiteExtent, linear } from "../../../src/views/ranges.ts";
import { grayLevel, imageRange, tileAt, tileLayout } from "../../../src/views/tiles.ts";
import { indexAt, lineSeries, vectorData } from "../../../src/views/vectors.ts";

function ramp(n: number, f: (k: number) => number = (k) => k): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => f(k));
}

describe("colour scale", () => {
  it("is diverging blue–white–red centred at 0 when the values span both signs", () => {
    const s = colorScale(-2, 1);
    expect(s.kind).toBe("diverging");
    expect(s.limit).toBe(2);
    expect(s.position(0)).toBe(0.5);
    expect(s.color(0)).toEqual([247, 247, 247]);
    const neg = s.color(-2);
    expect(neg[2]).toBeGreaterThan(neg[0]); // blue
    const pos = s.color(2);
    expect(pos[0]).toBeGreaterThan(pos[2]); // red
    // Symmetric: +1 is as far from white as -1.
    expect(s.position(1) - 0.5).toBeCloseTo(0.5 - s.position(-1));
  });

  it("is sequential from min to max otherwise", () => {
    for (const [lo, hi] of [[0, 5], [1, 2], [-3, -1], [-3, 0]] as const) {
      const s = colorScale(lo, hi);
      expect(s.kind).toBe("sequential");
      expect(s.position(lo)).toBe(0);
      expect(s.position(hi)).toBe(1);
      expect(s.color(lo)).not.toEqual(s.color(hi));
    }
  });

  it("clamps out-of-range and infinite values, greys NaN, survives a constant or empty range", () => {
    const s = colorScale(-1, 1);
    expect(s.color(Infinity)).toEqual(s.color(1));
    expect(s.color(-100)).toEqual(s.color(-1));
    expect(s.color(NaN)).toEqual(NAN_COLOR);
    expect(colorScale(3, 3).position(3)).toBe(0.5);
    expect(colorScale(NaN, NaN).color(0)).toHaveLength(3);
  });

  it("positions are monotone in the value", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b, u, v) => {
        const s = colorScale(Math.min(a, b), Math.max(a, b));
        const [x, y] = u <= v ? [u, v] : [v, u];
        expect(s.position(x)).toBeLessThanOrEqual(s.position(y));
        expect(s.position(x)).toBeGreaterThanOrEqual(0);
        expect(s.position(y)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("legend gradient and zero marker", () => {
    expect(legendGradient(colorScale(-1, 3))).toMatch(/^linear-gradient\(to right, rgb\(/);
    expect(zeroFraction(-1, 3)).toBe(0.25);
    expect(zeroFraction(0, 3)).toBeNull();
  });
});

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

describe("images", () => {
  it("detects 0..1 and 0..255, otherwise uses min..max", () => {
    expect(imageRange({ min: 0, max: 1 })).toEqual([0, 1]);
    expect(imageRange({ min: 0, max: 0.5 })).toEqual([0, 1]);
    expect(imageRange({ min: 0, max: 255 })).toEqual([0, 255]);
    expect(imageRange({ min: -0.42, max: 2.8 })).toEqual([-0.42, 2.8]);
    expect(imageRange({ min: NaN, max: NaN })).toEqual([0, 1]);
    expect(grayLevel(0, [0, 255])).toBe(0);
    expect(grayLevel(255, [0, 255])).toBe(255);
    expect(grayLevel(0.5, [0, 1])).toBe(128);
    expect(grayLevel(9, [0, 1])).toBe(255);
    expect(grayLevel(NaN, [0, 1])).toBe(0);
  });

  it("lays tiles out to fill the box and maps pixels back to tiles", () => {
    const wide = tileLayout(16, 28, { width: 220, height: 96 });
    expect(wide.cols * wide.rows).toBeGreaterThanOrEqual(16);
    expect(wide.cols).toBeGreaterThan(wide.rows);
    const square = tileLayout(16, 28, { width: 400, height: 400 });
    expect([square.cols, square.rows]).toEqual([4, 4]);
    expect(square.width).toBe(4 * 28 + 3 * 2);
    expect(tileAt(square, 16, 0, 0)).toEqual({ index: 0, r: 0, c: 0 });
    expect(tileAt(square, 16, 30 + 5, 30 * 2 + 7)).toEqual({ index: 9, r: 7, c: 5 });
    expect(tileAt(square, 16, 28.5, 3)).toBeNull(); // the gap
    expect(tileAt(square, 10, 30 * 3, 30 * 3)).toBeNull(); // past the last image
  });

  it("buildPreview's images are what the grid draws", () => {
    const p = buildPreview(fromBuffer([20, 784], ramp(20 * 784, (k) => (k % 256))));
    expect(p.images?.count).toBe(16);
    expect(imageRange(p.summary)).toEqual([0, 255]);
  });
});

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
