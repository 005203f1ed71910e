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

/** A tick label at an end of a scatter plot's axis; (x, y) is the text's anchor point. */
export interface AxisLabel {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: "start" | "end";
  /** "hanging": the text hangs below y; "auto": it sits on y. */
  readonly baseline: "hanging" | "auto";
}

export interface ScatterFrame {
  readonly dx: readonly [number, number];
  readonly dy: readonly [number, number];
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly sx: (v: number) => number;
  readonly sy: (v: number) => number;
}

/** Tick text is 10px monospace (views.css .tv-tick): these bound its box. */
export const TICK_CHAR_WIDTH = 6.2;
export const TICK_HEIGHT = 11;

/** The box a label's text covers. */
export function labelBox(l: AxisLabel): { left: number; right: number; top: number; bottom: number } {
  const width = l.text.length * TICK_CHAR_WIDTH;
  const left = l.anchor === "start" ? l.x : l.x - width;
  const top = l.baseline === "hanging" ? l.y : l.y - TICK_HEIGHT;
  return { left, right: left + width, top, bottom: top + TICK_HEIGHT };
}

function overlaps(a: AxisLabel, b: AxisLabel): boolean {
  const p = labelBox(a), q = labelBox(b);
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
}

/**
 * The four axis-end labels (x below its axis at the left and right ends, y beside its axis at the
 * top and bottom), minus any that would overlap one already placed. Near the origin the minimum
 * ends of both axes meet: the far ends are placed first, then the x minimum, so the y minimum is the
 * one dropped.
 */
export function scatterAxisLabels(f: ScatterFrame, format: (v: number) => string): AxisLabel[] {
  const xAxis = f.sy(0) + 3;
  const yAxis = f.sx(0) + 4;
  const candidates: AxisLabel[] = [
    { text: format(f.dx[1]), x: f.x1, y: xAxis, anchor: "end", baseline: "hanging" },
    { text: format(f.dy[1]), x: yAxis, y: f.y0, anchor: "start", baseline: "hanging" },
    { text: format(f.dx[0]), x: f.x0, y: xAxis, anchor: "start", baseline: "hanging" },
    { text: format(f.dy[0]), x: yAxis, y: f.y1, anchor: "start", baseline: "auto" },
  ];
  const placed: AxisLabel[] = [];
  for (const c of candidates) if (!placed.some((p) => overlaps(p, c))) placed.push(c);
  return placed;
}
