// The class-count view's bars: one per class value, heights from the exact counts.

import type { TensorPreview } from "../../cells/index.ts";

export interface ClassBar {
  /** The class value (e.g. the digit) and how many elements hold it. */
  readonly value: number;
  readonly count: number;
  /** Share of all counted elements, 0..1. */
  readonly share: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Frame {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Bars side by side across the frame, the tallest class reaching the top; empty for no classes. */
export function classBars(classes: NonNullable<TensorPreview["classes"]>, f: Frame): ClassBar[] {
  const n = classes.values.length;
  if (n === 0) return [];
  let peak = 0;
  let total = 0;
  for (const c of classes.counts) {
    peak = Math.max(peak, c);
    total += c;
  }
  const slot = (f.x1 - f.x0) / n;
  const gap = slot > 6 ? Math.max(1, slot * 0.18) : 0;
  return Array.from(classes.values, (value, k) => {
    const count = classes.counts[k]!;
    const h = peak > 0 ? Math.max(count > 0 ? 1 : 0, ((f.y1 - f.y0) * count) / peak) : 0;
    return { value, count, share: total > 0 ? count / total : 0, x: f.x0 + k * slot + gap / 2, y: f.y1 - h, w: Math.max(0.5, slot - gap), h };
  });
}

/** "3: 812 (10.2%)": a class's readout. */
export function classReadout(b: Pick<ClassBar, "value" | "count" | "share">): string {
  return `${b.value}: ${b.count} (${(b.share * 100).toFixed(1)}%)`;
}
