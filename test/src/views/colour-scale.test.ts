import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { colorScale, legendGradient, NAN_COLOR, zeroFraction } from "../../../src/views/colour-scale.ts";


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
