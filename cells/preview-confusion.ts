// What a confusion_matrix cell's view needs beyond its counts: which examples fall in each
// misclassified square, and their images, so a click on a square lists the digits without another
// round trip to the worker. Known from the cell's formula (its top call), never guessed from a shape.

import { classPairs, type Tensor } from "../engine/index.ts";
import type { Expr } from "./language/ast.ts";
import { parseCellOnce } from "./language/parse-cache.ts";
import type { Sheet } from "./sheet.ts";

export interface ConfusionPreview {
  readonly classes: number;
  /** Off-diagonal square (row-major, true × classes + predicted) s lists examples[offsets[s] … offsets[s + 1]). */
  readonly offsets: Uint32Array;
  /** Indices of the listed examples (rows of the labels), in order, at most `perSquare` per square. */
  readonly examples: Int32Array;
  readonly perSquare: number;
  /** The listed examples' images, side × side bytes each (MNIST's 0–255), in `examples`' order; null when not found. */
  readonly images: Uint8Array | null;
  readonly side: number;
  /** Where the images come from, e.g. `mnist_images("test")`; null when they could not be found. */
  readonly imageSource: string | null;
  /** Why the examples or their images cannot be listed; null when they can. */
  readonly missing: string | null;
}

/**
 * Examples listed per misclassified square, and images kept over all squares (≈ 560 KB as bytes):
 * an untrained net spreads its errors over most of the 90 squares and still lists 8 of each.
 */
export const SQUARE_LIST_CAP = 12;
export const IMAGE_BUDGET = 720;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** The preview extras of a `confusion_matrix(labels, predicted)` cell; null for any other cell. */
export function confusionPreview(sheet: Sheet, address: string, counts: Tensor): ConfusionPreview | null {
  const source = sheet.source(address);
  const expr = source === undefined ? null : parseCellOnce(source).expr;
  if (expr?.kind !== "call" || expr.fn !== "confusion_matrix" || expr.args.length !== 2 || counts.rank !== 2) return null;
  const classes = counts.shape[0]!;
  const labels = argumentValue(sheet, expr.args[0]!);
  const predicted = argumentValue(sheet, expr.args[1]!);
  const none = (missing: string): ConfusionPreview => ({
    classes, offsets: new Uint32Array(classes * classes + 1), examples: new Int32Array(0), perSquare: 0, images: null, side: SIDE, imageSource: null, missing,
  });
  if (labels === null || predicted === null) {
    return none("The examples cannot be listed: write confusion_matrix with cell names or mnist_labels(…) as its arguments");
  }
  let pairs;
  try {
    pairs = classPairs(labels, predicted);
  } catch {
    return none("The examples cannot be listed: the labels or predictions changed since the counts");
  }
  const listed = listExamples(pairs.truth, pairs.guess, pairs.classes, counts);
  const found = labelImages(sheet, expr.args[0]!, labels.size);
  if (typeof found === "string") return { ...listed, images: null, side: SIDE, imageSource: null, missing: found };
  const images = new Uint8Array(listed.examples.length * PIXELS);
  listed.examples.forEach((row, i) => images.set(found.images.data.subarray(row * PIXELS, (row + 1) * PIXELS), i * PIXELS));
  return { ...listed, images, side: SIDE, imageSource: found.source, missing: null };
}

/** Up to perSquare examples of each off-diagonal square, the cap shrinking toward 4 so that squares share IMAGE_BUDGET. */
function listExamples(truth: Int32Array, guess: Int32Array, classes: number, counts: Tensor): Pick<ConfusionPreview, "classes" | "offsets" | "examples" | "perSquare"> {
  let wrongSquares = 0;
  for (let s = 0; s < counts.size; s++) if (counts.data[s]! > 0 && s % (classes + 1) !== 0) wrongSquares++;
  const perSquare = Math.max(4, Math.min(SQUARE_LIST_CAP, Math.floor(IMAGE_BUDGET / Math.max(1, wrongSquares))));
  const bySquare: number[][] = Array.from({ length: classes * classes }, () => []);
  // Past ~100 wrong squares (scores with many classes) the budget, not the cap, is the bound.
  for (let i = 0, listed = 0; i < truth.length && listed < IMAGE_BUDGET; i++) {
    if (truth[i] === guess[i]) continue;
    const list = bySquare[truth[i]! * classes + guess[i]!]!;
    if (list.length < perSquare) {
      list.push(i);
      listed++;
    }
  }
  const offsets = new Uint32Array(classes * classes + 1);
  bySquare.forEach((list, s) => (offsets[s + 1] = offsets[s]! + list.length));
  return { classes, offsets, examples: Int32Array.from(bySquare.flat()), perSquare };
}

/** A cell reference's value, or a dataset call's; null for any other expression. */
function argumentValue(sheet: Sheet, e: Expr): Tensor | null {
  if (e.kind === "ref") {
    const address = sheet.resolve(e.name);
    return address === undefined ? null : (sheet.result(address)?.value ?? null);
  }
  const split = mnistLabelsSplit(e);
  if (split === null) return null;
  try {
    return sheet.datasets?.("mnist_labels", split) ?? null;
  } catch {
    return null;
  }
}

/** `mnist_labels("test")` → "test". */
function mnistLabelsSplit(e: Expr): string | null {
  if (e.kind !== "call" || e.fn !== "mnist_labels" || e.args.length !== 1) return null;
  const arg = e.args[0]!;
  return arg.kind === "string" ? arg.value : null;
}

/**
 * The images the labels belong to: labels read by `mnist_labels(split)` (directly, or through cells
 * that only name another cell) go with `mnist_images(split)`. Otherwise, why they cannot be found.
 */
function labelImages(sheet: Sheet, labels: Expr, count: number): { images: Tensor; source: string } | string {
  let e: Expr | null = labels;
  let name = "the labels";
  for (let hops = 0; e?.kind === "ref" && hops < 8; hops++) {
    name = e.name;
    const address = sheet.resolve(e.name);
    const source = address === undefined ? undefined : sheet.source(address);
    e = source === undefined ? null : parseCellOnce(source).expr;
  }
  const split = e === null ? null : mnistLabelsSplit(e);
  if (split === null) return `No images shown: ${name} does not come from mnist_labels(…), so which images go with it is unknown`;
  const source = `mnist_images("${split}")`;
  let images: Tensor | undefined;
  try {
    images = sheet.datasets?.("mnist_images", split);
  } catch (err) {
    return `No images shown: ${source} failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (images === undefined) return `No images shown: ${source} is not loaded here`;
  if (images.size !== count * PIXELS) return `No images shown: ${source} holds ${images.shape[0]} images for ${count} labels`;
  return { images, source };
}
