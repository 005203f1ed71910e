import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromBuffer } from "../../../engine/index.ts";
import { buildPreview } from "../../../cells/preview.ts";
import { finiteExtent } from "../../../src/views/ranges.ts";
import { colorScale, INF_COLOR, legendGradient, NAN_COLOR, nonFiniteColor, paintValues, tensorColorScale, zeroFraction } from "../../../src/views/colour-scale.ts";


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

  it("clamps out-of-range values and survives a constant or empty range", () => {
    const s = colorScale(-1, 1);
    expect(s.color(100)).toEqual(s.color(1));
    expect(s.color(-100)).toEqual(s.color(-1));
    expect(colorScale(3, 3).position(3)).toBe(0.5);
    expect(colorScale(NaN, NaN).color(0)).toHaveLength(3);
  });

  it("is white (diverging) for all-zero data, so zero weights do not read as a mid value", () => {
    const s = colorScale(0, 0);
    expect(s.kind).toBe("diverging");
    expect(s.color(0)).toEqual([247, 247, 247]);
  });

  it("flags NaN as magenta and ±Inf as black, never clamped onto a palette end", () => {
    for (const s of [colorScale(-1, 1), colorScale(0, 5), colorScale(-5, -1)]) {
      expect(s.color(NaN)).toEqual([255, 0, 255]);
      expect(s.color(Infinity)).toEqual([0, 0, 0]);
      expect(s.color(-Infinity)).toEqual([0, 0, 0]);
      expect(s.position(Infinity)).toBeNaN();
    }
    expect(NAN_COLOR).toEqual([255, 0, 255]);
    expect(INF_COLOR).toEqual([0, 0, 0]);
    expect(nonFiniteColor(0.5)).toBeNull();
  });

  it("flag colours are on neither palette: far from every colour either scale can draw", () => {
    const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
    for (const s of [colorScale(-1, 1), colorScale(0, 1)]) {
      for (let k = 0; k <= 200; k++) {
        const c = s.color(s.kind === "diverging" ? -1 + k / 100 : k / 200);
        expect(distance(c, NAN_COLOR)).toBeGreaterThan(150);
        expect(distance(c, INF_COLOR)).toBeGreaterThan(60);
      }
    }
  });

  it("paints each value as one RGBA pixel, non-finite values in their flag colours", () => {
    const out = new Uint8ClampedArray(12);
    paintValues([0, NaN, -Infinity], colorScale(-1, 1), out);
    expect([...out]).toEqual([247, 247, 247, 255, 255, 0, 255, 255, 0, 0, 0, 255]);
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

  it("a tensor's scale is built from its true range, not from the block means drawn", () => {
    // A signed [300, 200] matrix: +1, but -1.5 where row % 3 = 0 and col % 2 = 0. Every block
    // (3–4 rows × 2–3 cols) holds at most a third of those, so its 96 × 96 block means are
    // all positive, so a scale built from what is drawn (the old code: finiteExtent of the block
    // means) was sequential viridis for signed data and stretched its ends to the means' range.
    const data = Float32Array.from({ length: 300 * 200 }, (_, k) => (Math.floor(k / 200) % 3 === 0 && (k % 200) % 2 === 0 ? -1.5 : 1));
    const p = buildPreview(fromBuffer([300, 200], data));
    const means = finiteExtent(p.matrix!.data)!;
    expect(means[0]).toBeGreaterThan(0);
    expect(colorScale(means[0], means[1]).kind).toBe("sequential");
    const s = tensorColorScale(p.summary);
    expect(s.kind).toBe("diverging");
    expect([s.min, s.max, s.limit]).toEqual([-1.5, 1, 1.5]);
    // A block mean of 0.3 is drawn pale, on the ±1.5 scale, not at a palette end.
    expect(s.position(0.3)).toBeCloseTo(0.6, 6);
  });

  it("a W1-like Glorot matrix [784, 512] is diverging over its true ±0.068, not its block means' ±0.02", () => {
    const limit = Math.sqrt(6 / (784 + 512));
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const p = buildPreview(fromBuffer([784, 512], Float32Array.from({ length: 784 * 512 }, () => (random() * 2 - 1) * limit)));
    const s = tensorColorScale(p.summary);
    expect(s.kind).toBe("diverging");
    expect(s.min).toBe(p.summary.min);
    expect(s.max).toBe(p.summary.max);
    expect(s.limit).toBeGreaterThan(0.067);
    const means = finiteExtent(p.matrix!.data)!;
    expect(Math.max(-means[0], means[1])).toBeLessThan(0.03);
  });
});
