import { describe, expect, it } from "vitest";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { grayLevel, imageRange, NON_FINITE_RGB, pixelRgb, symmetricRange, tileAt, tileLayout } from "../../../src/views/tiles.ts";

function ramp(n: number, f: (k: number) => number = (k) => k): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => f(k));
}

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

describe("pixel colours", () => {
  it("draws non-finite pixels in their own colour and centres weights on 0", () => {
    expect(pixelRgb(NaN, [0, 1])).toEqual(NON_FINITE_RGB);
    expect(pixelRgb(-Infinity, [0, 1])).toEqual(NON_FINITE_RGB);
    expect(pixelRgb(0.5, [0, 1])).toEqual([128, 128, 128]);
    expect(symmetricRange({ min: -0.05, max: 0.068 })).toEqual([-0.068, 0.068]);
    expect(pixelRgb(0, symmetricRange({ min: -2, max: 1 }))).toEqual([128, 128, 128]);
  });
});
