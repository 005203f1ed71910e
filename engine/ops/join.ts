import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { normalizeAxis, sizeOf } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { ALL, index, type IndexSpec } from "./indexing.ts";
import { expand_dims } from "./reshape.ts";
import { kernels } from "../kernels/backend.ts";
import { checkResultShape } from "../limits.ts";

/** Join tensors along an existing axis. The VJP slices the gradient back into the pieces. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ArgumentError("concat", "needs at least one tensor");
  const first = xs[0]!;
  if (first.rank === 0) throw new ArgumentError("concat", "cannot concatenate scalars; use stack");
  const a = normalizeAxis("concat", axis, first.rank);
  for (const [k, x] of xs.entries()) {
    if (x.rank !== first.rank || x.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(
        "concat",
        [first.shape, x.shape],
        `concat: tensor ${k} has shape ${formatShape(x.shape)}, which does not match ${formatShape(first.shape)} outside axis ${a}`,
      );
    }
  }
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1));
  const lengths = xs.map((x) => x.shape[a]!);
  const total = lengths.reduce((s, l) => s + l, 0);
  const shape = first.shape.map((d, i) => (i === a ? total : d));
  checkResultShape("concat", shape);
  const data = kernels.concatBlocks(xs.map((x) => x.data), lengths, outer, inner, total);
  return record("concat", shape, data, xs, (g, needs) => {
    let from = 0;
    return xs.map((_x, k) => {
      const len = lengths[k]!;
      const begin = from;
      from += len;
      if (!needs[k]) return null;
      const specs: IndexSpec[] = Array.from({ length: a }, () => ALL);
      specs.push({ start: begin, stop: begin + len });
      return index(g, specs);
    });
  });
}

/** Join equal-shaped tensors along a new axis. */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ArgumentError("stack", "needs at least one tensor");
  const first = xs[0]!;
  for (const [k, x] of xs.entries()) {
    if (x.shape.length !== first.rank || x.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError("stack", [first.shape, x.shape], `stack: tensor ${k} has shape ${formatShape(x.shape)}, not ${formatShape(first.shape)}; all must match`);
    }
  }
  const a = normalizeAxis("stack", axis, first.rank + 1);
  return concat(xs.map((x) => expand_dims(x, a)), a);
}
