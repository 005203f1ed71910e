// Pure text helpers for the views: names, aria labels, and whether a view can draw a preview.

import type { TensorPreview, ViewKind } from "../../cells/index.ts";
import { mat2FromValues } from "./geometry.ts";
import { heatmapSource } from "./heatmap-grid.ts";
import { vectorData } from "./vectors.ts";

/** Short names for the view switcher. */
export const VIEW_NAMES: Readonly<Record<ViewKind, string>> = {
  number: "Number",
  values: "Values",
  bars: "Bars",
  classes: "Classes",
  heatmap: "Heatmap",
  images: "Images",
  columns: "Columns",
  scatter: "Scatter",
  geometric: "Geometric",
  line: "Line",
  summary: "Summary",
  top: "Top 3",
  confusion: "Confusion",
  maps: "Maps",
};

/** "scalar", "vector of 10 values", "784 × 512 matrix", "2 × 3 × 4 tensor". */
export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return "scalar";
  if (shape.length === 1) return `vector of ${shape[0]} value${shape[0] === 1 ? "" : "s"}`;
  return `${shape.join(" × ")} ${shape.length === 2 ? "matrix" : "tensor"}`;
}

function withArticle(phrase: string): string {
  return /^[aeiou8]/i.test(phrase) || /^(11|18)\b/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

const KIND_PHRASE: Readonly<Record<ViewKind, string>> = {
  number: "value",
  values: "numbers",
  bars: "bar chart",
  classes: "class counts",
  heatmap: "heatmap",
  images: "image grid",
  columns: "column images",
  scatter: "scatter plot",
  geometric: "geometric view",
  line: "line chart",
  summary: "summary",
  top: "most probable classes",
  confusion: "confusion matrix",
  maps: "feature maps",
};

/** The aria-label of a view, e.g. "heatmap of a 784 × 512 matrix", prefixed by the label if any. */
export function viewAriaLabel(kind: ViewKind, preview: TensorPreview, label?: string): string {
  let phrase = `${KIND_PHRASE[kind]} of ${withArticle(describeShape(preview.shape))}`;
  if (kind === "bars" && !preview.values && preview.sampled) phrase = `sparkline of ${withArticle(describeShape(preview.shape))} (sampled)`;
  else if (kind === "heatmap" && !preview.values && preview.matrix) phrase += " (block means)";
  else if (kind === "images" && preview.images) phrase = preview.images.count === 1 && !isStack(preview.shape) ? `image of ${withArticle(describeShape(preview.shape))}` : `${phrase}, first ${preview.images.count} image${preview.images.count === 1 ? "" : "s"}`;
  else if (kind === "columns" && preview.columns) phrase += `, first ${preview.columns.count} column${preview.columns.count === 1 ? "" : "s"} as 28 × 28 images`;
  else if (kind === "classes" && preview.classes) phrase += `, ${preview.classes.values.length} class${preview.classes.values.length === 1 ? "" : "es"}`;
  else if (kind === "maps" && preview.maps) phrase += `, ${mapsPhrase(preview.maps)}`;
  else if (kind === "confusion" && preview.confusion) phrase = `confusion matrix of ${preview.confusion.classes} classes, rows true, columns predicted`;
  else if (kind === "geometric") phrase = `geometric view of a 2 × 2 matrix as a map of the plane`;
  return label ? `${label}: ${phrase}` : phrase;
}

/** "sample 0 of 64: 32 maps of 26 × 26" or "16 filters of 3 × 3". */
export function mapsPhrase(m: NonNullable<TensorPreview["maps"]>): string {
  const shown = m.count < m.total ? `first ${m.count} of ${m.total}` : `${m.total}`;
  const size = `${m.side} × ${m.side}`;
  if (m.kind === "filters") return `${shown} filters of ${size}`;
  return `sample ${m.sample} of ${m.samples}: ${shown} maps of ${size}`;
}

/** [N, 28, 28] or [N, 784], as opposed to one image alone. */
function isStack(shape: readonly number[]): boolean {
  return (shape.length === 3 && shape[1] === 28) || (shape.length === 2 && shape[1] === 784) || (shape.length === 4 && shape[1] === 28 && shape[3] === 1);
}

/** Whether a view has the data it needs; TensorView falls back to the summary otherwise. */
export function viewFits(kind: ViewKind, p: TensorPreview): boolean {
  switch (kind) {
    case "number":
      return p.summary.size === 1 && (p.values?.length ?? 0) === 1;
    case "values":
      return p.values !== null && p.values.length === p.summary.size;
    case "bars":
      return vectorData(p) !== null;
    case "classes":
      return p.classes !== null && p.classes.values.length > 0;
    case "columns":
      return p.columns !== null && p.columns.count > 0;
    case "line":
      return vectorData(p) !== null || p.summary.size === 0;
    case "heatmap":
      return heatmapSource(p) !== null;
    case "images":
      return p.images !== null && p.images.count > 0;
    case "scatter":
      return p.points !== null;
    case "geometric":
      return mat2FromValues(p.values) !== null && p.shape.length === 2 && p.shape[0] === 2 && p.shape[1] === 2;
    case "maps":
      return p.maps != null && p.maps.count > 0;
    case "confusion":
      return p.confusion != null && p.values !== null && p.shape.length === 2 && p.shape[0] === p.confusion.classes && p.shape[1] === p.confusion.classes;
    case "top":
      return p.top != null;
    case "summary":
      return true;
  }
}
