// What a heatmap draws (every value or block means), how it fits its box, and hover → original index.
// No DOM here, so vitest runs these in node.

import type { TensorPreview } from "../../cells/index.ts";
import type { Size } from "./types.ts";

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

/** "288–295" for a block of rows (end exclusive), "288" for one. */
function span(r: readonly [number, number]): string {
  return r[1] - r[0] === 1 ? `${r[0]}` : `${r[0]}–${r[1] - 1}`;
}

/**
 * The hover read-out: `[i, j] = value` for an entry; for a block mean, which rows and columns it
 * averages (the index under the pointer would claim a value no single entry has).
 */
export function heatmapReadout(hit: HeatmapHit, format: (v: number) => string, compact = false): string {
  if (!hit.block) return `[${hit.i}, ${hit.j}] = ${format(hit.value)}`;
  const { rows, cols } = hit.block;
  if (compact) return `mean [${span(rows)}, ${span(cols)}] = ${format(hit.value)}`;
  const count = (rows[1] - rows[0]) * (cols[1] - cols[0]);
  return `block mean of rows ${span(rows)}, cols ${span(cols)} (${count} values) = ${format(hit.value)}`;
}

/** The caption a downsampled heatmap carries, e.g. "block means, 784×512 → 96×96"; null when exact. */
export function downsampledCaption(src: HeatmapSource): string | null {
  return src.blocked ? `block means, ${src.origRows}×${src.origCols} → ${src.rows}×${src.cols}` : null;
}

export interface HeatmapLegend {
  /** The tensor's true finite min and max (NaN when it has no finite value). */
  readonly min: number;
  readonly max: number;
  readonly minLabel: string;
  readonly maxLabel: string;
  /** How many elements of the whole tensor are NaN, and ±Inf: each > 0 earns a swatch. */
  readonly nanCount: number;
  readonly infCount: number;
}

/** The legend of a heatmap, from the worker's summary of the whole tensor, not from what is drawn. */
export function heatmapLegend(p: TensorPreview, format: (v: number) => string): HeatmapLegend {
  const { min, max, nanCount, infCount } = p.summary;
  const label = (v: number) => (Number.isFinite(v) ? format(v) : "—");
  return { min, max, minLabel: label(min), maxLabel: label(max), nanCount, infCount };
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
