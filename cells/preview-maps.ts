// Rank-4 tensors as pictures: a conv layer's activations [N, H, W, C] as sample 0's C feature
// maps, and a conv kernel [kh, kw, 1, out] as its out filters. Cut out in the worker, channel by
// channel, so the page receives one sample's maps rather than the whole batch.

import type { Tensor } from "../engine/index.ts";

export interface FeatureMaps {
  /** "activations" (maps of one sample) or "filters" (a kernel's filters over its one input channel). */
  readonly kind: "activations" | "filters";
  /** The sample shown, and how many there are (1 for filters). */
  readonly sample: number;
  readonly samples: number;
  /** Maps are side × side; `count` of them are kept, of `total`. */
  readonly side: number;
  readonly count: number;
  readonly total: number;
  /** Map after map, row-major within each. */
  readonly data: Float32Array;
  /** The shared colour range: the finite min and max over the maps kept. */
  readonly min: number;
  readonly max: number;
}

/** Values kept per preview (≈ 128 KB): conv1's 32 maps of 26 × 26 fit, as do 128 maps of 3 × 3. */
export const MAPS_BUDGET = 32_768;
/** Maps up to this side only; larger ones are images, not tiles. */
export const MAPS_MAX_SIDE = 64;

/**
 * Sample 0's maps of square activations [N, H, H, C], or (for a param) the filters of a kernel
 * [k, k, 1, out]; null for anything else.
 */
export function featureMapsOf(t: Tensor, isParam: boolean): FeatureMaps | null {
  if (t.rank !== 4 || t.size === 0) return null;
  const [a, b, c, d] = t.shape as [number, number, number, number];
  if (isParam) {
    if (a !== b || c !== 1 || a > MAPS_MAX_SIDE) return null;
    return cut(t, "filters", { sample: 0, samples: 1, side: a, total: d, at: (m, p) => p * d + m });
  }
  if (b !== c || b > MAPS_MAX_SIDE) return null;
  return cut(t, "activations", { sample: 0, samples: a, side: b, total: d, at: (m, p) => p * d + m });
}

interface Cut {
  readonly sample: number;
  readonly samples: number;
  readonly side: number;
  readonly total: number;
  /** Index in the tensor's data of map m's pixel p (row-major in the map), for the sample shown. */
  readonly at: (m: number, p: number) => number;
}

function cut(t: Tensor, kind: FeatureMaps["kind"], c: Cut): FeatureMaps {
  const area = c.side * c.side;
  const count = Math.max(1, Math.min(c.total, Math.floor(MAPS_BUDGET / area)));
  const data = new Float32Array(count * area);
  let min = Infinity;
  let max = -Infinity;
  for (let m = 0; m < count; m++) {
    for (let p = 0; p < area; p++) {
      const v = t.data[c.at(m, p)]!;
      data[m * area + p] = v;
      if (v - v !== 0) continue; // NaN and ±Inf are flagged, not scaled to
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { kind, sample: c.sample, samples: c.samples, side: c.side, count, total: c.total, data, min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0 };
}
