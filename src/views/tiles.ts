// Image grids: grey levels for values, and the tile layout with pixel → tile mapping.

import type { TensorSummary } from "../../cells/index.ts";
import { clamp } from "./ranges.ts";
import type { Size } from "./types.ts";

/** The value range mapped to black..white: 0..1 or 0..255 when the data look like it, else min..max. */
export function imageRange(s: Pick<TensorSummary, "min" | "max">): [number, number] {
  const { min, max } = s;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min >= 0 && max <= 1) return [0, 1];
  if (min >= 0 && max <= 255) return [0, 255];
  return min < max ? [min, max] : [min - 1, max + 1];
}

/** Non-finite pixels (NaN, ±Inf) in a colour no grey level can be mistaken for: the heatmap's NaN magenta. */
export const NON_FINITE_RGB: readonly [number, number, number] = [255, 0, 255];

/** A signed range centred on 0 (so 0 is mid grey), for weights. */
export function symmetricRange(s: Pick<TensorSummary, "min" | "max">): [number, number] {
  const a = Math.max(Math.abs(s.min), Math.abs(s.max));
  return Number.isFinite(a) && a > 0 ? [-a, a] : [-1, 1];
}

/** A pixel's colour: its grey level, or NON_FINITE_RGB for NaN and ±Inf. */
export function pixelRgb(v: number, range: readonly [number, number]): readonly [number, number, number] {
  if (!Number.isFinite(v)) return NON_FINITE_RGB;
  const g = grayLevel(v, range);
  return [g, g, g];
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

/** The layout's canvas scaled up (or down) to fill the box at its own aspect ratio: its CSS size. */
export function fittedSize(layout: TileLayout, box: Size): Size {
  const s = layout.width > 0 && layout.height > 0 ? Math.min(box.width / layout.width, box.height / layout.height) : 0;
  return { width: layout.width * s, height: layout.height * s };
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
