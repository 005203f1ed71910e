import type { Tensor } from "../engine/index.ts";
import type { ConfusionPreview } from "./preview-confusion.ts";
import { featureMapsOf, type FeatureMaps } from "./preview-maps.ts";
import { classCounts, columnImages, IMAGE_COUNT, imagesOf, type ClassCounts, type ImageStack } from "./preview-meaning.ts";
import { summarize, type TensorSummary } from "./summary.ts";
import type { TopClasses } from "./preview-top.ts";

export { IMAGE_COUNT };

/**
 * What the page needs to draw a tensor, built where the tensor lives (the worker) so the page
 * never receives megabytes: full values when small, otherwise a summary plus a sampled view.
 */
export interface TensorPreview {
  readonly shape: readonly number[];
  readonly summary: TensorSummary;
  /** Every value (row-major) when the tensor has at most FULL_LIMIT elements. */
  readonly values: Float32Array | null;
  /** 32-bin histogram of the finite values, between summary.min and summary.max. */
  readonly histogram: Uint32Array;
  /** Matrices over the limit: block means down to at most MATRIX_SIDE × MATRIX_SIDE. */
  readonly matrix: { readonly rows: number; readonly cols: number; readonly data: Float32Array } | null;
  /** [N, 28, 28] or [N, 784]: the first images, 784 values each; [28, 28] or [784]: the one image. */
  readonly images: ImageStack | null;
  /** [784, k]: the first columns as 28 × 28 images. */
  readonly columns: ImageStack | null;
  /** A vector of whole numbers with few distinct values: exact counts per class, over all elements. */
  readonly classes: ClassCounts | null;
  /** [N, 2]: up to POINT_LIMIT points, x y interleaved. */
  readonly points: Float32Array | null;
  /** Vectors over the limit: evenly sampled values, for a sparkline. */
  readonly sampled: Float32Array | null;
  /** Probabilities of one row, or the argmax cell that reads them: the most probable classes (see preview-top.ts). */
  readonly top?: TopClasses | null;
  /** A confusion_matrix cell: the examples of each misclassified square (see preview-confusion.ts). */
  readonly confusion?: ConfusionPreview | null;
  /** Rank 4: sample 0's feature maps, or a conv kernel's filters (see preview-maps.ts). */
  readonly maps?: FeatureMaps | null;
}

export const FULL_LIMIT = 4096;
export const MATRIX_SIDE = 96;
/** Tensors up to this many values are read as numbers in the cell. */
export const VALUES_LIMIT = 64;
export const POINT_LIMIT = 2000;
const HISTOGRAM_BINS = 32;

/** `isParam`: a rank-4 param is a conv kernel [kh, kw, in, out], whose filters show as maps. */
export function buildPreview(t: Tensor, confusion: ConfusionPreview | null = null, isParam = false): TensorPreview {
  const summary = summarize(t);
  const small = t.size <= FULL_LIMIT;
  return {
    shape: [...t.shape],
    summary,
    values: small ? Float32Array.from(t.data) : null,
    histogram: histogram(t.data, summary),
    matrix: !small && t.rank === 2 ? blockMeans(t) : null,
    images: imagesOf(t),
    columns: columnImages(t),
    classes: classCounts(t),
    points: t.rank === 2 && t.shape[1] === 2 ? Float32Array.from(t.data.subarray(0, POINT_LIMIT * 2)) : null,
    sampled: !small && t.rank === 1 ? sampleEvenly(t.data, 512) : null,
    confusion,
    maps: featureMapsOf(t, isParam),
  };
}

function histogram(data: Readonly<Float32Array>, s: TensorSummary): Uint32Array {
  const bins = new Uint32Array(HISTOGRAM_BINS);
  const width = s.max - s.min;
  const scale = width > 0 ? HISTOGRAM_BINS / width : 0;
  const last = HISTOGRAM_BINS - 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) continue; // NaN and ±Inf: the badge counts them
    const b = ((v - s.min) * scale) | 0;
    bins[b > last ? last : b]!++;
  }
  return bins;
}

function blockMeans(t: Tensor): { rows: number; cols: number; data: Float32Array } {
  const [R, C] = t.shape as [number, number];
  const rows = Math.min(R, MATRIX_SIDE);
  const cols = Math.min(C, MATRIX_SIDE);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r0 = Math.floor((i * R) / rows);
    const r1 = Math.max(r0 + 1, Math.floor(((i + 1) * R) / rows));
    for (let j = 0; j < cols; j++) {
      const c0 = Math.floor((j * C) / cols);
      const c1 = Math.max(c0 + 1, Math.floor(((j + 1) * C) / cols));
      let sum = 0;
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) sum += t.data[r * C + c]!;
      out[i * cols + j] = sum / ((r1 - r0) * (c1 - c0));
    }
  }
  return { rows, cols, data: out };
}

function sampleEvenly(data: Readonly<Float32Array>, n: number): Float32Array {
  const out = new Float32Array(Math.min(n, data.length));
  for (let i = 0; i < out.length; i++) out[i] = data[Math.floor((i * data.length) / out.length)]!;
  return out;
}

/** Which view suits a value by default; the user can switch by hand. */
export type ViewKind = "number" | "values" | "bars" | "classes" | "heatmap" | "images" | "columns" | "scatter" | "geometric" | "line" | "summary" | "confusion" | "top" | "maps";

/**
 * Numbers first: a scalar's number, and every value of a tensor small enough to read in a cell.
 * Past that, the view that says what the data mean: images, class counts, points, a vector's
 * shape, a matrix's heatmap.
 */
export function defaultView(p: TensorPreview, isTraining = false): ViewKind {
  const s = p.shape;
  if (isTraining) return "line";
  if (p.top) return "top";
  if (s.length === 0 || p.summary.size === 1) return "number";
  if (p.confusion) return "confusion";
  // A stack of one-channel digits [N, 28, 28, 1] reads as digits, not as sample 0's one map.
  if (p.images && s.length === 4) return "images";
  if (p.maps) return "maps";
  if (p.values && p.summary.size <= VALUES_LIMIT) return "values";
  if (p.images) return "images";
  if (p.classes) return "classes";
  if (isPoints(s)) return "scatter";
  if (s.length === 1) return "bars";
  if (s.length === 2) return "heatmap";
  return "summary";
}

/** [N, 2]: N points in the plane. */
function isPoints(s: readonly number[]): boolean {
  return s.length === 2 && s[1] === 2 && s[0]! > 0;
}

/** The views that make sense for a value, for the view switcher (the default first, each once). */
export function availableViews(p: TensorPreview, isTraining = false): ViewKind[] {
  const s = p.shape;
  const offered: [ViewKind, boolean][] = [
    ["confusion", p.confusion != null],
    ["maps", p.maps != null],
    ["top", p.top != null],
    ["values", p.values !== null && p.summary.size > 1],
    ["images", p.images !== null],
    ["classes", p.classes !== null],
    ["columns", p.columns !== null],
    ["bars", s.length === 1],
    ["line", s.length === 1],
    ["heatmap", s.length === 2 && p.summary.size > 0],
    ["geometric", s.length === 2 && s[0] === 2 && s[1] === 2],
    ["scatter", isPoints(s) && p.points !== null],
    ["summary", true],
  ];
  const views: ViewKind[] = [defaultView(p, isTraining)];
  for (const [kind, fits] of offered) if (fits && !views.includes(kind)) views.push(kind);
  return views;
}
