// Which cells are drawing pads, read from their source, so the page can show a pad before (and
// while) the worker evaluates: `my_digit = sketch([28, 28])` is a 28 × 28 pad.

import { literalNumber } from "./language/literals.ts";
import { parseCellOnce } from "./language/parse-cache.ts";
import { sketchShapeProblem } from "./sketch.ts";

/** [height, width] of a sketch cell's pad, or null when the source is not a whole `sketch([h, w])` with literal sides. */
export function sketchShapeOf(source: string): readonly [number, number] | null {
  const parsed = parseCellOnce(source);
  const e = parsed.expr;
  if (parsed.error !== null || parsed.params || e === null || e.kind !== "call" || e.fn !== "sketch" || e.args.length !== 1) return null;
  const arg = e.args[0]!;
  if (arg.kind !== "array" || arg.items.length !== 2) return null;
  const sides = arg.items.map(literalNumber);
  if (sides.some((s) => s === undefined)) return null;
  const [height, width] = sides as [number, number];
  return sketchShapeProblem([height, width]) === null ? [height, width] : null;
}
