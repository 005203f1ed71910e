// The parts of a preview that say what a tensor means rather than what shape it has: class labels
// with their exact counts, images (a stack, or one image alone), and a first layer's weight columns
// read as images. Built in the worker, over every element, so the page's counts are exact.

import type { Tensor } from "../engine/index.ts";

/** Class values (ascending) and how many elements hold each. */
export interface ClassCounts {
  readonly values: Float32Array;
  readonly counts: Uint32Array;
}

/** Square images of side × side, `count` of them, one after another. */
export interface ImageStack {
  readonly count: number;
  readonly side: number;
  readonly data: Float32Array;
}

/** A vector of whole numbers with at most this many distinct values reads as class labels. */
export const CLASS_LIMIT = 32;
export const IMAGE_COUNT = 16;
/** MNIST's pixel count: a row or column of this length is a 28 × 28 image. */
const PIXELS = 784;
const SIDE = 28;

/**
 * Counts per class for a vector of whole numbers with 2 to CLASS_LIMIT distinct values (non-finite elements are
 * left out: the badge counts them); null for anything else, as soon as it shows.
 */
export function classCounts(t: Tensor): ClassCounts | null {
  if (t.rank !== 1 || t.size === 0) return null;
  const counts = new Map<number, number>();
  for (const v of t.data) {
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) return null;
    const c = counts.get(v);
    if (c === undefined && counts.size === CLASS_LIMIT) return null;
    counts.set(v, (c ?? 0) + 1);
  }
  // One value alone (a bias of zeros) is a constant, not a set of labels.
  if (counts.size < 2) return null;
  const values = Float32Array.from(counts.keys()).sort();
  return { values, counts: Uint32Array.from(values, (v) => counts.get(v)!) };
}

/** [N, 28, 28], [N, 28, 28, 1] (NHWC, as a convnet reads them) or [N, 784]: the first images; [28, 28] or [784]: the one image. */
export function imagesOf(t: Tensor): ImageStack | null {
  const s = t.shape;
  const stack = (s.length === 3 && s[1] === SIDE && s[2] === SIDE) || (s.length === 2 && s[1] === PIXELS)
    || (s.length === 4 && s[1] === SIDE && s[2] === SIDE && s[3] === 1);
  const single = (s.length === 2 && s[0] === SIDE && s[1] === SIDE) || (s.length === 1 && s[0] === PIXELS);
  if (single) return { count: 1, side: SIDE, data: Float32Array.from(t.data) };
  if (!stack) return null;
  const count = Math.min(s[0]!, IMAGE_COUNT);
  return { count, side: SIDE, data: Float32Array.from(t.data.subarray(0, count * PIXELS)) };
}

/** [784, k]: the first columns as 28 × 28 images (what a first dense layer's units look for). */
export function columnImages(t: Tensor): ImageStack | null {
  if (t.rank !== 2 || t.shape[0] !== PIXELS) return null;
  const cols = t.shape[1]!;
  const count = Math.min(cols, IMAGE_COUNT);
  const data = new Float32Array(count * PIXELS);
  for (let j = 0; j < count; j++) for (let r = 0; r < PIXELS; r++) data[j * PIXELS + r] = t.data[r * cols + j]!;
  return { count, side: SIDE, data };
}
