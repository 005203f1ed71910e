import { describe, expect, it } from "vitest";
import { covers, fetchSpan, moveActive, revealOffset, visibleRange } from "../../../src/components/value-layout.ts";

describe("value table layout", () => {
  it("finds the rows a scroll position shows, with one row of overscan", () => {
    // 22 px rows, 220 px of viewport: rows 0–9 at the top.
    expect(visibleRange(0, 220, 22, 784)).toEqual({ start: 0, end: 11 });
    // Scrolled to row 700 exactly: rows 700–709 show, 699 and 710 are overscan.
    expect(visibleRange(700 * 22, 220, 22, 784)).toEqual({ start: 699, end: 711 });
    // A partly shown row counts.
    expect(visibleRange(700 * 22 + 5, 220, 22, 784, 0)).toEqual({ start: 700, end: 711 });
  });

  it("stays inside the tensor", () => {
    expect(visibleRange(783 * 22, 220, 22, 784)).toEqual({ start: 782, end: 784 });
    expect(visibleRange(0, 1000, 22, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(-40, 220, 22, 784, 0)).toEqual({ start: 0, end: 10 });
    expect(visibleRange(0, 220, 22, 0)).toEqual({ start: 0, end: 0 });
    // Past the end (a stale scroll offset after the shape shrank): still one row to show.
    expect(visibleRange(9999, 220, 22, 5)).toEqual({ start: 4, end: 5 });
  });

  it("fetches a screen either side of what shows, within the cap and the tensor", () => {
    expect(fetchSpan({ start: 100, end: 112 }, 784, 200)).toEqual({ start: 88, count: 36 });
    expect(fetchSpan({ start: 0, end: 12 }, 784, 200)).toEqual({ start: 0, count: 36 });
    expect(fetchSpan({ start: 775, end: 784 }, 784, 200)).toEqual({ start: 757, count: 27 });
    expect(fetchSpan({ start: 0, end: 300 }, 784, 200)).toEqual({ start: 0, count: 200 });
    expect(fetchSpan({ start: 0, end: 5 }, 5, 100)).toEqual({ start: 0, count: 5 });
  });

  it("knows when a fetched span holds a range", () => {
    expect(covers({ start: 88, count: 36 }, { start: 100, end: 112 })).toBe(true);
    expect(covers({ start: 88, count: 36 }, { start: 88, end: 124 })).toBe(true);
    expect(covers({ start: 88, count: 36 }, { start: 87, end: 100 })).toBe(false);
    expect(covers({ start: 88, count: 36 }, { start: 100, end: 125 })).toBe(false);
  });

  it("scrolls as little as needed to show an item", () => {
    expect(revealOffset(220, 220, 22, 12)).toBe(220);
    expect(revealOffset(220, 220, 22, 5)).toBe(110);
    expect(revealOffset(220, 220, 22, 20)).toBe(242);
    expect(revealOffset(0, 15, 22, 0)).toBe(0);
  });

  it("moves the active element by key, inside the matrix", () => {
    const dims = { rows: 784, cols: 512 };
    expect(moveActive({ row: 0, col: 0 }, "ArrowUp", false, dims, 10)).toEqual({ row: 0, col: 0 });
    expect(moveActive({ row: 3, col: 4 }, "ArrowDown", false, dims, 10)).toEqual({ row: 4, col: 4 });
    expect(moveActive({ row: 3, col: 511 }, "ArrowRight", false, dims, 10)).toEqual({ row: 3, col: 511 });
    expect(moveActive({ row: 780, col: 4 }, "PageDown", false, dims, 10)).toEqual({ row: 783, col: 4 });
    expect(moveActive({ row: 3, col: 4 }, "End", false, dims, 10)).toEqual({ row: 3, col: 511 });
    expect(moveActive({ row: 3, col: 4 }, "End", true, dims, 10)).toEqual({ row: 783, col: 511 });
    expect(moveActive({ row: 3, col: 4 }, "Home", true, dims, 10)).toEqual({ row: 0, col: 0 });
    expect(moveActive({ row: 3, col: 4 }, "x", false, dims, 10)).toBe(null);
  });
});
