// Scatter plots of interleaved x y points.

/** An SVG path of zero-length segments, one per finite point: drawn as dots with round caps. */
export function dotsPath(points: ArrayLike<number>, sx: (v: number) => number, sy: (v: number) => number): string {
  const parts: string[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) {
    const x = points[k]!;
    const y = points[k + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    parts.push(`M${sx(x).toFixed(1)} ${sy(y).toFixed(1)}h0`);
  }
  return parts.join("");
}

/** Extents of interleaved x y points (finite ones only). */
export function pointsExtent(points: ArrayLike<number>): { x: [number, number]; y: [number, number] } | null {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k + 1 < points.length; k += 2) {
    const x = points[k]!;
    const y = points[k + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : null;
}
