// Pure helpers for the views: ranges, colour scales, layouts and hover → index mapping.
// No DOM here, so vitest runs these in node.

import type { TensorPreview } from "../../cells/preview.ts";
import type { TensorSummary } from "../../cells/summary.ts";

export type Rgb = readonly [number, number, number];

export interface Size {
  readonly width: number;
  readonly height: number;
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** [min, max] of the finite values, or null when there are none. */
export function finiteExtent(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A domain that contains zero (for bars and axes through the origin), widened when degenerate. */
export function domainWithZero(extent: readonly [number, number] | null): [number, number] {
  if (!extent) return [-1, 1];
  let lo = Math.min(0, extent[0]);
  let hi = Math.max(0, extent[1]);
  if (lo === hi) {
    lo = -1;
    hi = 1;
  }
  return [lo, hi];
}

/** Pad a domain by a fraction of its width on each side (or ±1 when it is a single point). */
export function padDomain(d: readonly [number, number], fraction = 0.05): [number, number] {
  const w = d[1] - d[0];
  if (!(w > 0)) return [d[0] - 1, d[1] + 1];
  return [d[0] - w * fraction, d[1] + w * fraction];
}

/** A linear map from a domain to a range; a degenerate domain maps to the middle of the range. */
export function linear(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const w = d1 - d0;
  if (!(w !== 0) || !Number.isFinite(w)) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / w;
  return (v) => r0 + (v - d0) * k;
}

export const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

// ---------------------------------------------------------------------------------------------
// Colour scales

/** Blue – white – red (ColorBrewer RdBu, reversed so negative is blue). */
const DIVERGING: readonly Rgb[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/** Viridis, sampled at 9 stops. */
const SEQUENTIAL: readonly Rgb[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [253, 231, 37],
];

export const NAN_COLOR: Rgb = [170, 170, 170];

function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const x = clamp(t, 0, 1) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export interface ColorScale {
  /** "diverging" when the values span both signs (white at 0), otherwise "sequential". */
  readonly kind: "diverging" | "sequential";
  /** The range of values the scale was built for. */
  readonly min: number;
  readonly max: number;
  /** For a diverging scale, max(|min|, |max|): ±limit are the saturated ends. */
  readonly limit: number;
  /** Position in [0, 1] along the palette (NaN for NaN). */
  position(v: number): number;
  color(v: number): Rgb;
}

/** Diverging blue–white–red centred at 0 when min < 0 < max; otherwise viridis from min to max. */
export function colorScale(min: number, max: number): ColorScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 0;
  }
  if (min < 0 && max > 0) {
    const limit = Math.max(-min, max);
    const position = (v: number) => (Number.isNaN(v) ? NaN : clamp(0.5 + v / (2 * limit), 0, 1));
    return { kind: "diverging", min, max, limit, position, color: (v) => (Number.isNaN(v) ? NAN_COLOR : interpolate(DIVERGING, position(v))) };
  }
  const w = max - min;
  const position = (v: number) => (Number.isNaN(v) ? NaN : w > 0 ? clamp((v - min) / w, 0, 1) : 0.5);
  return { kind: "sequential", min, max, limit: Math.max(Math.abs(min), Math.abs(max)), position, color: (v) => (Number.isNaN(v) ? NAN_COLOR : interpolate(SEQUENTIAL, position(v))) };
}

export function rgbCss(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** A CSS linear-gradient showing the scale from its min to its max (what the legend draws). */
export function legendGradient(scale: ColorScale, steps = 12): string {
  const parts: string[] = [];
  for (let k = 0; k <= steps; k++) {
    const v = scale.min + ((scale.max - scale.min) * k) / steps;
    parts.push(`${rgbCss(scale.color(v))} ${((k / steps) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(", ")})`;
}

/** Where 0 sits along the legend, as a fraction, when it is inside [min, max]. */
export function zeroFraction(min: number, max: number): number | null {
  if (!(min < 0 && max > 0)) return null;
  return -min / (max - min);
}

/** Fill RGBA pixels (one per value) with a colour scale. */
export function paintValues(values: ArrayLike<number>, scale: ColorScale, out: Uint8ClampedArray): void {
  for (let i = 0; i < values.length; i++) {
    const c = scale.color(values[i]!);
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
}

// ---------------------------------------------------------------------------------------------
// Heatmap source and hover mapping

export interface HeatmapSource {
  /** Displayed grid. */
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
  /** The original matrix's shape. */
  readonly origRows: number;
  readonly origCols: number;
  /** True when some displayed cell is the mean of more than one original entry. */
  readonly blocked: boolean;
}

/** The matrix a heatmap draws: every value when small, else the block means. Null when neither. */
export function heatmapSource(p: TensorPreview): HeatmapSource | null {
  if (p.shape.length !== 2) return null;
  const [R, C] = p.shape as [number, number];
  if (R === 0 || C === 0) return null;
  if (p.values && p.values.length === R * C) return { rows: R, cols: C, data: p.values, origRows: R, origCols: C, blocked: false };
  const m = p.matrix;
  if (m && m.rows > 0 && m.cols > 0 && m.data.length === m.rows * m.cols) {
    return { rows: m.rows, cols: m.cols, data: m.data, origRows: R, origCols: C, blocked: m.rows !== R || m.cols !== C };
  }
  return null;
}

/** The original rows (or cols) [start, end) averaged into displayed row k of n (as buildPreview does). */
export function blockRange(k: number, n: number, original: number): [number, number] {
  const start = Math.floor((k * original) / n);
  const end = Math.max(start + 1, Math.floor(((k + 1) * original) / n));
  return [start, end];
}

export interface HeatmapHit {
  /** Displayed cell. */
  readonly row: number;
  readonly col: number;
  /** Original index under the pointer. */
  readonly i: number;
  readonly j: number;
  readonly value: number;
  /** The original block averaged into the displayed cell, when it has more than one entry. */
  readonly block: { readonly rows: [number, number]; readonly cols: [number, number] } | null;
}

/** Map a pointer position (fractions of the drawn width and height, in [0, 1)) to the matrix entry. */
export function heatmapHit(src: HeatmapSource, fx: number, fy: number): HeatmapHit | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  const gy = fy * src.rows;
  const gx = fx * src.cols;
  const row = Math.min(src.rows - 1, Math.floor(gy));
  const col = Math.min(src.cols - 1, Math.floor(gx));
  const rows = blockRange(row, src.rows, src.origRows);
  const cols = blockRange(col, src.cols, src.origCols);
  // Position within the displayed cell, spread over the block it stands for.
  const i = Math.min(rows[1] - 1, rows[0] + Math.floor((gy - row) * (rows[1] - rows[0])));
  const j = Math.min(cols[1] - 1, cols[0] + Math.floor((gx - col) * (cols[1] - cols[0])));
  const single = rows[1] - rows[0] === 1 && cols[1] - cols[0] === 1;
  return { row, col, i, j, value: src.data[row * src.cols + col]!, block: single ? null : { rows, cols } };
}

/** The hover read-out text: `[i, j] = value`, or `≈` with the block for block means. */
export function heatmapReadout(hit: HeatmapHit, format: (v: number) => string, compact = false): string {
  if (!hit.block) return `[${hit.i}, ${hit.j}] = ${format(hit.value)}`;
  if (compact) return `[${hit.i}, ${hit.j}] ≈ ${format(hit.value)}`;
  const { rows, cols } = hit.block;
  const span = (r: [number, number]) => (r[1] - r[0] === 1 ? `${r[0]}` : `${r[0]}–${r[1] - 1}`);
  return `[${hit.i}, ${hit.j}] ≈ ${format(hit.value)} (mean of block [${span(rows)}, ${span(cols)}])`;
}

/**
 * The size to draw a grid of rows × cols cells inside a box: as large as fits with square cells,
 * but at least minFraction of the box on each side, so very thin matrices stay visible.
 */
export function fitGrid(box: Size, rows: number, cols: number, minFraction = 0.25): Size {
  if (rows <= 0 || cols <= 0 || box.width <= 0 || box.height <= 0) return { width: 0, height: 0 };
  const cell = Math.min(box.width / cols, box.height / rows);
  return {
    width: Math.max(cell * cols, box.width * minFraction),
    height: Math.max(cell * rows, box.height * minFraction),
  };
}

// ---------------------------------------------------------------------------------------------
// Images

/** The value range mapped to black..white: 0..1 or 0..255 when the data look like it, else min..max. */
export function imageRange(s: Pick<TensorSummary, "min" | "max">): [number, number] {
  const { min, max } = s;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min >= 0 && max <= 1) return [0, 1];
  if (min >= 0 && max <= 255) return [0, 255];
  return min < max ? [min, max] : [min - 1, max + 1];
}

/** A value as a grey level 0..255 in the given range (NaN → 0). */
export function grayLevel(v: number, range: readonly [number, number]): number {
  if (Number.isNaN(v)) return 0;
  const w = range[1] - range[0];
  return Math.round(clamp(w > 0 ? (v - range[0]) / w : 0, 0, 1) * 255);
}

export interface TileLayout {
  readonly cols: number;
  readonly rows: number;
  /** Tile side in the canvas's own pixels, and the gap between tiles. */
  readonly side: number;
  readonly gap: number;
  /** Canvas size in its own pixels. */
  readonly width: number;
  readonly height: number;
}

/** Arrange n square tiles in the grid that lets them be largest inside the box. */
export function tileLayout(n: number, side: number, box: Size, gap = 2): TileLayout {
  let best = { cols: Math.max(1, n), rows: 1, scale: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.max(1, Math.ceil(n / cols));
    const w = cols * side + (cols - 1) * gap;
    const h = rows * side + (rows - 1) * gap;
    const scale = Math.min(box.width / w, box.height / h);
    if (scale > best.scale + 1e-9) best = { cols, rows, scale };
  }
  const { cols, rows } = best;
  return { cols, rows, side, gap, width: cols * side + (cols - 1) * gap, height: rows * side + (rows - 1) * gap };
}

/** Which tile (and pixel within it) a point in canvas pixels falls on, or null for gaps and outside. */
export function tileAt(layout: TileLayout, n: number, x: number, y: number): { index: number; r: number; c: number } | null {
  const pitch = layout.side + layout.gap;
  if (x < 0 || y < 0) return null;
  const tc = Math.floor(x / pitch);
  const tr = Math.floor(y / pitch);
  const c = Math.floor(x - tc * pitch);
  const r = Math.floor(y - tr * pitch);
  if (tc >= layout.cols || tr >= layout.rows || c >= layout.side || r >= layout.side) return null;
  const index = tr * layout.cols + tc;
  return index < n ? { index, r, c } : null;
}

// ---------------------------------------------------------------------------------------------
// Vectors and lines

/** The values a vector view draws, and the original index of each (sampled vectors skip). */
export function vectorData(p: TensorPreview): { values: Float32Array; index: (k: number) => number; length: number; sampled: boolean } | null {
  const length = p.shape.length === 0 ? 1 : p.shape.reduce((a, b) => a * b, 1);
  if (p.values) return { values: p.values, index: (k) => k, length, sampled: false };
  if (p.sampled) {
    const n = p.sampled.length;
    return { values: p.sampled, index: (k) => Math.floor((k * length) / n), length, sampled: true };
  }
  return null;
}

/** uPlot data: x = step index, y = value (null for non-finite, which uPlot draws as a gap). */
export function lineSeries(p: TensorPreview): [number[], (number | null)[]] {
  const v = vectorData(p);
  if (!v) return [[], []];
  const xs: number[] = new Array(v.values.length);
  const ys: (number | null)[] = new Array(v.values.length);
  for (let k = 0; k < v.values.length; k++) {
    xs[k] = v.index(k);
    const y = v.values[k]!;
    ys[k] = Number.isFinite(y) ? y : null;
  }
  return [xs, ys];
}

/** An SVG polyline `points` attribute for values across a width, with the y map given. */
export function polylinePoints(values: ArrayLike<number>, x0: number, x1: number, y: (v: number) => number): string {
  const n = values.length;
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    const x = n === 1 ? (x0 + x1) / 2 : x0 + ((x1 - x0) * k) / (n - 1);
    out.push(`${x.toFixed(1)},${y(v).toFixed(1)}`);
  }
  return out.join(" ");
}

/** Index of the bar (of n across [x0, x1)) under x, or null. */
export function indexAt(x: number, x0: number, x1: number, n: number): number | null {
  if (n <= 0 || !(x >= x0 && x < x1)) return null;
  return Math.min(n - 1, Math.floor(((x - x0) / (x1 - x0)) * n));
}

// ---------------------------------------------------------------------------------------------
// Scatter

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

// ---------------------------------------------------------------------------------------------
// Histogram

/** Bars for a histogram: height fraction per bin (non-empty bins get at least minFraction). */
export function histogramHeights(bins: ArrayLike<number>, minFraction = 0.02): number[] {
  let peak = 0;
  for (let k = 0; k < bins.length; k++) peak = Math.max(peak, bins[k]!);
  const out: number[] = [];
  for (let k = 0; k < bins.length; k++) {
    const b = bins[k]!;
    out.push(peak > 0 && b > 0 ? Math.max(minFraction, b / peak) : 0);
  }
  return out;
}

/** The value range [lo, hi) of bin k of n between min and max. */
export function binRange(k: number, n: number, min: number, max: number): [number, number] {
  const w = (max - min) / n;
  return [min + k * w, min + (k + 1) * w];
}
