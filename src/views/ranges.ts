// Value ranges and linear maps shared by the plotted views (bars, scatter, heatmap colour).

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
