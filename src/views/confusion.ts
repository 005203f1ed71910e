// Pure helpers of the confusion-matrix view: square texts, the colour of a count, and which
// examples a square lists (the worker kept them in the preview, preview-confusion.ts).

import type { ConfusionPreview } from "../../cells/index.ts";
import { colorScale, legendGradient, rgbCss, type ColorScale, type Rgb } from "./colour-scale.ts";

/** One square of the matrix: examples of class `truth` that the model predicted as `predicted`. */
export interface SquareAt {
  readonly truth: number;
  readonly predicted: number;
}

/** "digit" when the examples are MNIST images, else "example". */
export function unitOf(c: Pick<ConfusionPreview, "imageSource">): string {
  return c.imageSource?.startsWith("mnist_") ? "digit" : "example";
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** The square button's accessible name: "true 4, predicted 9: 7 digits". */
export function squareLabel(at: SquareAt, count: number, unit: string): string {
  return `true ${at.truth}, predicted ${at.predicted}: ${plural(count, unit)}`;
}

/** The heading of a square's list: "True 4, predicted as 9: 7 digits" or "… classified correctly". */
export function listHeading(at: SquareAt, count: number, unit: string): string {
  const head = `True ${at.truth}, predicted ${at.predicted}: ${plural(count, unit)}`;
  return at.truth === at.predicted ? `${head}, classified correctly` : head;
}

export interface SquareList {
  /** Example indices (rows of the labels) listed for the square. */
  readonly indices: readonly number[];
  /** Position of each listed example in the preview's images. */
  readonly slots: readonly number[];
  /** How many more the square holds than are listed. */
  readonly more: number;
}

/** The listed examples of a misclassified square; a correct square lists none (they are most of the data). */
export function squareList(c: ConfusionPreview, at: SquareAt, count: number): SquareList {
  if (at.truth === at.predicted) return { indices: [], slots: [], more: 0 };
  const s = at.truth * c.classes + at.predicted;
  const start = c.offsets[s] ?? 0;
  const end = c.offsets[s + 1] ?? start;
  const slots = Array.from({ length: end - start }, (_, i) => start + i);
  return { indices: slots.map((i) => c.examples[i]!), slots, more: Math.max(0, count - slots.length) };
}

/**
 * Sequential (viridis) over log(1 + count): on a linear scale the few errors of a trained model
 * would look exactly like zero beside a diagonal of hundreds.
 */
export function countScale(maxCount: number): ColorScale {
  return colorScale(0, Math.log1p(Math.max(0, maxCount)));
}

// Black, not the page ink: against viridis' teal middle only black or white reach 4.5:1, never a grey.
const DARK_INK = "#000000";
const LIGHT_INK = "#ffffff";

/** WCAG relative luminance of an sRGB colour. */
function luminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Of black and white ink, the one with more contrast on `fill`: at least 4.58:1 on any colour. */
export function inkOn(fill: Rgb): string {
  const l = luminance(fill);
  const dark = (l + 0.05) / 0.05;
  const light = 1.05 / (l + 0.05);
  return dark >= light ? DARK_INK : LIGHT_INK;
}

/**
 * A square's fill and the ink that reads best on it. An empty square has no fill: it reads as
 * empty, not as a dark "few".
 */
export function squareColours(scale: ColorScale, count: number): { readonly fill: string; readonly ink: string } {
  if (!(count > 0)) return { fill: "transparent", ink: "var(--tv-muted)" };
  const fill = scale.color(Math.log1p(count));
  return { fill: rgbCss(fill), ink: inkOn(fill) };
}

export function countLegend(scale: ColorScale): string {
  return legendGradient(scale);
}

/** The square a key moves to from `at` (arrows, Home/End along the row), or null for other keys. */
export function movedSquare(at: SquareAt, key: string, classes: number): SquareAt | null {
  const last = classes - 1;
  const clampTo = (v: number) => Math.max(0, Math.min(last, v));
  switch (key) {
    case "ArrowLeft":
      return { truth: at.truth, predicted: clampTo(at.predicted - 1) };
    case "ArrowRight":
      return { truth: at.truth, predicted: clampTo(at.predicted + 1) };
    case "ArrowUp":
      return { truth: clampTo(at.truth - 1), predicted: at.predicted };
    case "ArrowDown":
      return { truth: clampTo(at.truth + 1), predicted: at.predicted };
    case "Home":
      return { truth: at.truth, predicted: 0 };
    case "End":
      return { truth: at.truth, predicted: last };
    default:
      return null;
  }
}
