import { describe, expect, it } from "vitest";
import { MAX_SCALE, MIN_SCALE, fitTransform, panBy, panelHeight, transformAttribute, wheelZoomFactor, zoomAround } from "../../src/components/graph-viewport.ts";

/** Where a layout point lands on the panel. */
const onScreen = (t: { x: number; y: number; k: number }, p: { x: number; y: number }) => ({ x: p.x * t.k + t.x, y: p.y * t.k + t.y });

describe("graph viewport", () => {
  it("fits a wide graph to the panel's width, centred, inside the padding", () => {
    // 4 columns of 170 + 3 gaps of 40 = 800 wide, 2 rows = 130 tall, into a 408 × 200 panel.
    const t = fitTransform({ width: 800, height: 130 }, { width: 408, height: 200 }, 4);
    expect(t.k).toBeCloseTo(0.5, 10);
    expect(onScreen(t, { x: 0, y: 0 })).toEqual({ x: 4, y: 67.5 });
    expect(onScreen(t, { x: 800, y: 130 })).toEqual({ x: 404, y: 132.5 });
  });

  it("fits a tall graph to the height and never enlarges a small one", () => {
    const tall = fitTransform({ width: 100, height: 1000 }, { width: 400, height: 216 }, 8);
    expect(tall.k).toBeCloseTo(0.2, 10);
    expect(onScreen(tall, { x: 0, y: 1000 }).y).toBeCloseTo(208, 10);
    const small = fitTransform({ width: 170, height: 58 }, { width: 400, height: 200 });
    expect(small).toEqual({ k: 1, x: 115, y: 71 });
  });

  it("zooms around a point, which stays put, within the scale limits", () => {
    const t = { x: 10, y: 20, k: 0.5 };
    const at = { x: 100, y: 60 };
    const layoutPoint = { x: (at.x - t.x) / t.k, y: (at.y - t.y) / t.k };
    const zoomed = zoomAround(t, 2, at);
    expect(zoomed.k).toBe(1);
    expect(onScreen(zoomed, layoutPoint)).toEqual(at);
    expect(zoomAround(t, 1000, at).k).toBe(MAX_SCALE);
    expect(zoomAround(t, 0.0001, at).k).toBe(MIN_SCALE);
  });

  it("pans, sizes the panel to the fitted graph within bounds, and writes the SVG transform", () => {
    expect(panBy({ x: 1, y: 2, k: 3 }, 10, -5)).toEqual({ x: 11, y: -3, k: 3 });
    expect(panelHeight({ width: 800, height: 400 }, 416, 140, 420, 8)).toBe(216);
    expect(panelHeight({ width: 170, height: 58 }, 416, 140, 420, 8)).toBe(140);
    expect(panelHeight({ width: 170, height: 2000 }, 416, 140, 420, 8)).toBe(420);
    expect(transformAttribute({ x: 1.234, y: 0, k: 0.5 })).toBe("translate(1.23,0.00) scale(0.5000)");
    expect(wheelZoomFactor(100)).toBeCloseTo(Math.exp(-0.2), 12);
    expect(wheelZoomFactor(-1000)).toBeCloseTo(Math.exp(0.2), 12);
  });
});
