// The summary view's histogram bars.

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
