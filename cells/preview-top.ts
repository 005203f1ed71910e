// The most probable classes of a probability vector (softmax over one row), and of the cell that
// takes its argmax: `guess = argmax(my_probs)` shows its digit with the three probabilities it
// chose from. Known from the values and the formula (an argmax of a cell that holds one row of
// probabilities), never guessed from a name; anything else gets no top classes.

import type { Tensor } from "../engine/index.ts";
import { parseCellOnce } from "./language/parse-cache.ts";
import type { Sheet } from "./sheet.ts";

export interface TopClasses {
  /** Class indices, most probable first; ties keep the lower index first, as argmax does. */
  readonly classes: readonly number[];
  readonly probabilities: readonly number[];
  /** For an argmax cell, the name of the cell whose probabilities it read; null on the probabilities themselves. */
  readonly of: string | null;
}

export const TOP_COUNT = 3;
/** Vectors longer than this are not read as class probabilities (a view of three bars would hide too much). */
export const MAX_CLASSES = 1000;
/** float32 softmax sums to 1 within this. */
const SUM_TOLERANCE = 1e-3;

/** The top classes of [k] or [1, k] probabilities (each in [0, 1], summing to 1); null for any other tensor. */
export function topClasses(t: Tensor, of: string | null = null): TopClasses | null {
  const k = t.rank === 1 ? t.shape[0]! : t.rank === 2 && t.shape[0] === 1 ? t.shape[1]! : -1;
  if (k < 2 || k > MAX_CLASSES) return null;
  let sum = 0;
  for (const p of t.data) {
    if (!(p >= 0 && p <= 1)) return null;
    sum += p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return null;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => t.data[b]! - t.data[a]! || a - b);
  const classes = order.slice(0, TOP_COUNT);
  return { classes, probabilities: classes.map((c) => t.data[c]!), of };
}

/**
 * What a cell's view shows as top classes: for `argmax(cell)` (one index), the top classes of that
 * cell's probabilities, provided the index is the first of them; for probabilities, their own.
 */
export function topOfCell(sheet: Sheet, address: string, value: Tensor): TopClasses | null {
  if (value.size !== 1) return topClasses(value);
  const source = sheet.source(address);
  const expr = source === undefined ? null : parseCellOnce(source).expr;
  if (expr?.kind !== "call" || expr.fn !== "argmax" || expr.args[0]?.kind !== "ref") return null;
  const name = expr.args[0].name;
  const target = sheet.resolve(name);
  const probabilities = target === undefined ? null : sheet.result(target)?.value;
  if (!probabilities) return null;
  const top = topClasses(probabilities, name);
  // Shown only when they agree: an argmax still waiting for new probabilities shows its number alone.
  return top !== null && top.classes[0] === value.data[0] ? top : null;
}
