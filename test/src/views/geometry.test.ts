import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  UNIT_SQUARE,
  apply,
  arrowHead,
  describeDeterminant,
  determinant,
  gridLines,
  mat2FromValues,
  transformPolygon,
  transformSegments,
  viewExtent,
} from "../../../src/views/geometry.ts";

describe("geometric view of a 2×2 matrix", () => {
  it("reads row-major [[a, b], [c, d]]: e1 ↦ (a, c), e2 ↦ (b, d)", () => {
    const m = mat2FromValues(Float32Array.of(1, 2, 3, 4))!;
    expect(m).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    expect(apply(m, [1, 0])).toEqual([1, 3]);
    expect(apply(m, [0, 1])).toEqual([2, 4]);
    expect(apply(m, [2, -1])).toEqual([0, 2]);
    expect(determinant(m)).toBe(-2);
    expect(mat2FromValues(Float32Array.of(1, 2, 3))).toBeNull();
    expect(mat2FromValues(null)).toBeNull();
  });

  it("the grid is the lines x = -2..2 and y = -2..2", () => {
    const g = gridLines(2);
    expect(g).toHaveLength(10);
    expect(g).toContainEqual({ from: [-2, -2], to: [-2, 2] });
    expect(g).toContainEqual({ from: [-2, 1], to: [2, 1] });
  });

  it("a rotation by 90° turns the grid into itself and keeps area", () => {
    const r = { a: 0, b: -1, c: 1, d: 0 };
    expect(determinant(r)).toBe(1);
    const moved = transformSegments(r, gridLines(2));
    const key = (s: { from: readonly number[]; to: readonly number[] }) => {
      const a = s.from.map((v) => v + 0).join(",");
      const b = s.to.map((v) => v + 0).join(",");
      return a < b ? `${a}|${b}` : `${b}|${a}`;
    };
    expect(new Set(moved.map(key))).toEqual(new Set(gridLines(2).map(key)));
    expect(describeDeterminant(1)).toBe("keeps areas");
  });

  it("the image of the unit square has area |det| (shoelace)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), (v) => {
        const m = mat2FromValues(v)!;
        const poly = transformPolygon(m, UNIT_SQUARE);
        let twice = 0;
        for (let k = 0; k < poly.length; k++) {
          const p = poly[k]!;
          const q = poly[(k + 1) % poly.length]!;
          twice += p[0] * q[1] - q[0] * p[1];
        }
        // Signed area: orientation flips exactly when det < 0.
        expect(twice / 2).toBeCloseTo(determinant(m), 6);
      }),
    );
  });

  it("linearity: M(p + q) = Mp + Mq", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
        fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
        (v, p, q) => {
          const m = mat2FromValues(v)!;
          const lhs = apply(m, [p[0] + q[0], p[1] + q[1]]);
          const a = apply(m, p);
          const b = apply(m, q);
          expect(lhs[0]).toBeCloseTo(a[0] + b[0], 6);
          expect(lhs[1]).toBeCloseTo(a[1] + b[1], 6);
        },
      ),
    );
  });

  it("the view shows the grid before, room for the grid after, and both arrows", () => {
    expect(viewExtent({ a: 1, b: 0, c: 0, d: 1 })).toBeCloseTo(2.2);
    expect(viewExtent({ a: 0.5, b: 0, c: 0, d: 0.5 })).toBeCloseTo(2.2);
    expect(viewExtent({ a: 2, b: 1, c: 0, d: 1 })).toBeCloseTo(3 * 1.1); // grid capped at 1.5n
    expect(viewExtent({ a: 1, b: 2, c: 3, d: 4 })).toBeCloseTo(4 * 1.15 * 1.1); // M·e2 = (2, 4) stays visible
    expect(viewExtent({ a: 100, b: 0, c: 0, d: 1 })).toBeCloseTo(10 * 1.1); // capped
    expect(viewExtent({ a: NaN, b: 0, c: 0, d: 1 })).toBeCloseTo(2.2);
  });

  it("arrow heads sit at the tip, symmetric about the shaft", () => {
    const h = arrowHead([0, 0], [1, 0], 0.2)!;
    expect(h[0][0]).toBeLessThan(1);
    expect(h[1][0]).toBeCloseTo(h[0][0]);
    expect(h[0][1]).toBeCloseTo(-h[1][1]);
    expect(arrowHead([0, 0], [0, 0], 0.2)).toBeNull();
  });

  it("describes what the determinant does", () => {
    expect(describeDeterminant(0)).toMatch(/collapses/);
    expect(describeDeterminant(-2)).toBe("scales areas by 2, flips orientation");
    expect(describeDeterminant(NaN)).toBe("not finite");
  });
});
