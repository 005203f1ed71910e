import { describe, expect, it } from "vitest";
import { labelBox, scatterAxisLabels, type ScatterFrame } from "../../../src/views/points.ts";
import { domainWithZero, linear, padDomain } from "../../../src/views/ranges.ts";

/** The frame ScatterView builds for points with these extents in a width × height plot, margin 24. */
function frame(x: [number, number], y: [number, number], width = 400, height = 300): ScatterFrame {
  const dx = padDomain(domainWithZero(x), 0.06);
  const dy = padDomain(domainWithZero(y), 0.06);
  const [x0, x1, y0, y1] = [24, width - 24, 24, height - 24];
  return { dx, dy, x0, x1, y0, y1, sx: linear(dx, [x0, x1]), sy: linear(dy, [y1, y0]) };
}

const format = (v: number) => v.toFixed(2);

function anyOverlap(labels: ReturnType<typeof scatterAxisLabels>): boolean {
  return labels.some((a, i) =>
    labels.some((b, j) => {
      if (i >= j) return false;
      const p = labelBox(a), q = labelBox(b);
      return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
    }),
  );
}

describe("scatter axis labels", () => {
  it("drops the y minimum where it would overlap the x minimum at the origin (positive data)", () => {
    const labels = scatterAxisLabels(frame([0.5, 3], [1, 2]), format);
    expect(labels.map((l) => l.text)).toEqual(["3.18", "2.12", "-0.18"]);
    expect(anyOverlap(labels)).toBe(false);
  });

  it("keeps all four ends when the axes cross in the middle", () => {
    const labels = scatterAxisLabels(frame([-2, 2], [-1, 1]), format);
    expect(labels.map((l) => l.text)).toEqual(["2.24", "1.12", "-2.24", "-1.12"]);
    expect(anyOverlap(labels)).toBe(false);
  });

  it("never overlaps, whichever quadrant the points are in", () => {
    for (const x of [[1, 5], [-5, -1], [-3, 4]] as [number, number][]) {
      for (const y of [[1, 5], [-5, -1], [-3, 4]] as [number, number][]) {
        for (const [w, h] of [[400, 300], [120, 90]]) {
          expect(anyOverlap(scatterAxisLabels(frame(x, y, w, h), format)), `x ${x} y ${y} at ${w}×${h}`).toBe(false);
        }
      }
    }
  });
});
