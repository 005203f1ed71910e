import { ArgumentError, formatShape } from "../errors.ts";
import { sizeOf } from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { record } from "../tape.ts";
import { kernels } from "../kernels/backend.ts";
import { checkResultShape } from "../limits.ts";

/** Rows of `x` picked by integer `indices` along axis 0 (np.take(x, indices, axis=0)); used for mini-batches. */
export function take(x: Tensor, indices: Tensor | readonly number[] | Uint32Array): Tensor {
  if (x.rank === 0) throw new ArgumentError("take", "cannot take rows of a scalar");
  const n = indices instanceof Tensor ? indices.size : indices.length;
  const at = (i: number) => (indices instanceof Tensor ? indices.data[i]! : indices[i]!);
  const rows = x.shape[0]!;
  const resolved = new Int32Array(n);
  for (let i = 0; i < n; i++) resolved[i] = checkIndex("take", at(i), rows, `axis 0 of ${formatShape(x.shape)}`);
  const shape = [...(indices instanceof Tensor ? indices.shape : [n]), ...x.shape.slice(1)];
  return takeRowsOf(x, resolved, shape);
}

/** Whole rows copied (a mini-batch of images is 128 × 784 floats). */
function takeRowsOf(x: Tensor, rows: Int32Array, shape: readonly number[]): Tensor {
  const data = kernels.takeRows(x.data, rows, sizeOf(x.shape.slice(1)));
  return record("take", shape, data, [x], (g) => [scatterRows(g, x.shape, rows)]);
}

/** take's VJP: each row of g added into the row it was taken from (repeats accumulate). */
function scatterRows(g: Tensor, shape: readonly number[], rows: Int32Array): Tensor {
  const out = kernels.scatterAddRows(g.data, rows, sizeOf(shape.slice(1)), sizeOf(shape));
  return record("scatter_rows", shape, out, [g], (gg) => [takeRowsOf(gg, rows, g.shape)]);
}

/** One-hot rows of length `depth` for integer class labels; shape `[...labels.shape, depth]`. No gradient. */
export function one_hot(labels: Tensor, depth: number): Tensor {
  if (!Number.isInteger(depth) || depth < 1) throw new ArgumentError("one_hot", `depth must be a positive integer, got ${depth}`);
  checkResultShape("one_hot", [...labels.shape, depth]);
  const classes = new Int32Array(labels.size);
  for (let i = 0; i < labels.size; i++) classes[i] = checkIndex("one_hot", labels.data[i]!, depth, `depth ${depth}`, false);
  return new Tensor([...labels.shape, depth], kernels.oneHotRows(classes, depth));
}

function checkIndex(op: string, v: number, len: number, what: string, allowNegative = true): number {
  if (!Number.isInteger(v)) throw new ArgumentError(op, `index ${v} is not an integer`);
  const k = allowNegative && v < 0 ? v + len : v;
  if (k < 0 || k >= len) throw new ArgumentError(op, `index ${v} is out of range for ${what}`);
  return k;
}
