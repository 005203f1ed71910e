// Pure geometry for the 2×2 "geometric view": a matrix as a map of the plane. No DOM.

export type Vec2 = readonly [number, number];

/** A 2×2 matrix [[a, b], [c, d]]: it sends e1 to (a, c) and e2 to (b, d). */
export interface Mat2 {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

export interface Segment {
  readonly from: Vec2;
  readonly to: Vec2;
}

/** The matrix from 4 row-major values, or null when there are not exactly 4. */
export function mat2FromValues(values: ArrayLike<number> | null): Mat2 | null {
  if (!values || values.length !== 4) return null;
  return { a: values[0]!, b: values[1]!, c: values[2]!, d: values[3]! };
}

/** M·p. */
export function apply(m: Mat2, p: Vec2): Vec2 {
  return [m.a * p[0] + m.b * p[1], m.c * p[0] + m.d * p[1]];
}

export function determinant(m: Mat2): number {
  return m.a * m.d - m.b * m.c;
}

export function isFiniteMat(m: Mat2): boolean {
  return Number.isFinite(m.a) && Number.isFinite(m.b) && Number.isFinite(m.c) && Number.isFinite(m.d);
}

/** The lines x = -n..n and y = -n..n, each clipped to the square [-n, n]². */
export function gridLines(n = 2): Segment[] {
  const out: Segment[] = [];
  for (let k = -n; k <= n; k++) {
    out.push({ from: [k, -n], to: [k, n] });
    out.push({ from: [-n, k], to: [n, k] });
  }
  return out;
}

/** A linear map sends lines to lines, so transforming the end points is exact. */
export function transformSegments(m: Mat2, segments: readonly Segment[]): Segment[] {
  return segments.map((s) => ({ from: apply(m, s.from), to: apply(m, s.to) }));
}

/** The unit square's corners, counter-clockwise from the origin. */
export const UNIT_SQUARE: readonly Vec2[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

export function transformPolygon(m: Mat2, polygon: readonly Vec2[]): Vec2[] {
  return polygon.map((p) => apply(m, p));
}

/**
 * Half-width of the square of the plane to show: the original grid (±n) with room for the
 * transformed grid up to 1.5n, always including the arrows M·e1 and M·e2 (up to maxArrow).
 * Transformed grid lines that reach further are clipped by the view.
 */
export function viewExtent(m: Mat2, n = 2, maxArrow = 5 * n): number {
  let r = n;
  if (isFiniteMat(m)) {
    let grid = 0;
    for (const p of [[n, n], [n, -n]] as const) {
      const q = apply(m, p);
      grid = Math.max(grid, Math.abs(q[0]), Math.abs(q[1]));
    }
    r = Math.max(r, Math.min(1.5 * n, grid));
    const arrows = Math.max(Math.abs(m.a), Math.abs(m.b), Math.abs(m.c), Math.abs(m.d)) * 1.15;
    r = Math.max(r, Math.min(maxArrow, arrows));
  }
  return r * 1.1;
}

/** The two short strokes of an arrow head at the tip of from→to (in the same coordinates). */
export function arrowHead(from: Vec2, to: Vec2, length: number, spread = 0.45): [Vec2, Vec2] | null {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const len = Math.hypot(dx, dy);
  if (!(len > 1e-12)) return null;
  const ux = dx / len;
  const uy = dy / len;
  const l = Math.min(length, len * 0.5);
  const cos = Math.cos(spread);
  const sin = Math.sin(spread);
  // Rotate the backwards direction by ±spread.
  const bx = -ux;
  const by = -uy;
  return [
    [to[0] + l * (bx * cos - by * sin), to[1] + l * (bx * sin + by * cos)],
    [to[0] + l * (bx * cos + by * sin), to[1] + l * (-bx * sin + by * cos)],
  ];
}

/** What the determinant says about the map, in words. */
export function describeDeterminant(det: number): string {
  if (!Number.isFinite(det)) return "not finite";
  if (Math.abs(det) < 1e-9) return "collapses the plane onto a line (or point)";
  const scale = Math.abs(det);
  const area = Math.abs(scale - 1) < 1e-9 ? "keeps areas" : `scales areas by ${Number(scale.toPrecision(3))}`;
  return det < 0 ? `${area}, flips orientation` : area;
}
