// Vector views (line and bars): the values drawn, their original indices, and x → bar.

import type { TensorPreview } from "../../cells/index.ts";

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

/** Positions k (in the drawn values) of NaN and ±Inf, which the views mark instead of plotting. */
export function nonFiniteIndices(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k]!)) out.push(k);
  return out;
}

export interface BarFrame {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** One bar from the zero line, or (bad) a full-height slot marking a NaN or ±Inf element. */
export interface Bar {
  readonly k: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly neg: boolean;
  readonly bad: boolean;
}

/** Bars for each value across the frame, with `y` mapping a value to its (clamped) height. */
export function barRects(values: ArrayLike<number>, f: BarFrame, y: (v: number) => number): Bar[] {
  const n = values.length;
  const bw = (f.x1 - f.x0) / n;
  const gap = bw > 4 ? Math.max(1, bw * 0.15) : 0;
  const base = y(0);
  const out: Bar[] = [];
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    const x = f.x0 + k * bw + gap / 2;
    const w = Math.max(0.5, bw - gap);
    if (!Number.isFinite(v)) {
      out.push({ k, x, y: f.y0, w, h: f.y1 - f.y0, neg: false, bad: true });
      continue;
    }
    const top = y(v);
    out.push({ k, x, y: Math.min(top, base), w, h: Math.max(v === 0 ? 0 : 1, Math.abs(top - base)), neg: v < 0, bad: false });
  }
  return out;
}
