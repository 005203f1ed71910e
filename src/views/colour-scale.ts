// Colour scales for heatmaps: diverging around 0 or sequential, their legend, and pixel painting.
// A heatmap's scale comes from the whole tensor's true range (the worker's summary), never from
// what is drawn: block means of a signed matrix can all share one sign and span a tenth of it.

import type { TensorSummary } from "../../cells/index.ts";
import { clamp } from "./ranges.ts";

export type Rgb = readonly [number, number, number];

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

/** NaN: magenta, a hue neither palette passes through, so a missing value cannot read as data. */
export const NAN_COLOR: Rgb = [255, 0, 255];
/** ±Inf: black, darker than both palettes' ends (RdBu's darkest is a mid blue, viridis' a purple). */
export const INF_COLOR: Rgb = [0, 0, 0];

/** The flag colour of a non-finite value, or null for a finite one. */
export function nonFiniteColor(v: number): Rgb | null {
  if (Number.isNaN(v)) return NAN_COLOR;
  return Number.isFinite(v) ? null : INF_COLOR;
}

function interpolate(stops: readonly Rgb[], t: number): Rgb {
  const x = clamp(t, 0, 1) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export interface ColorScale {
  /** "diverging" when the values span both signs or are all 0 (white at 0), otherwise "sequential". */
  readonly kind: "diverging" | "sequential";
  /** The range of values the scale was built for. */
  readonly min: number;
  readonly max: number;
  /** For a diverging scale, max(|min|, |max|): ±limit are the saturated ends. */
  readonly limit: number;
  /** Position in [0, 1] along the palette (NaN for NaN and ±Inf, which are flagged, not placed). */
  position(v: number): number;
  /** The palette colour, or NAN_COLOR / INF_COLOR for non-finite values. */
  color(v: number): Rgb;
}

function scaleOf(kind: ColorScale["kind"], min: number, max: number, limit: number, place: (v: number) => number, stops: readonly Rgb[]): ColorScale {
  const position = (v: number) => (Number.isFinite(v) ? place(v) : NaN);
  return { kind, min, max, limit, position, color: (v) => nonFiniteColor(v) ?? interpolate(stops, place(v)) };
}

/**
 * Diverging blue–white–red centred at 0 (symmetric, ±max(|min|, |max|)) when min < 0 < max or the
 * values are all 0; otherwise viridis from min to max (non-negative or non-positive data).
 */
export function colorScale(min: number, max: number): ColorScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 0;
  }
  const limit = Math.max(Math.abs(min), Math.abs(max));
  if ((min < 0 && max > 0) || limit === 0) {
    const place = (v: number) => (limit > 0 ? clamp(0.5 + v / (2 * limit), 0, 1) : 0.5);
    return scaleOf("diverging", min, max, limit, place, DIVERGING);
  }
  const w = max - min;
  const place = (v: number) => (w > 0 ? clamp((v - min) / w, 0, 1) : 0.5);
  return scaleOf("sequential", min, max, limit, place, SEQUENTIAL);
}

/** The scale for a whole tensor: its true finite min and max, whatever subset is drawn. */
export function tensorColorScale(summary: Pick<TensorSummary, "min" | "max">): ColorScale {
  return colorScale(summary.min, summary.max);
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
