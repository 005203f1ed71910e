import { ArgumentError, formatShape } from "../errors.ts";
import { sizeOf } from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { gatherOffsets } from "./indexing.ts";

/** Rows of `x` picked by integer `indices` along axis 0 (np.take(x, indices, axis=0)); used for mini-batches. */
export function take(x: Tensor, indices: Tensor | readonly number[] | Uint32Array): Tensor {
  if (x.rank === 0) throw new ArgumentError("take", "cannot take rows of a scalar");
  const idx = indices instanceof Tensor ? indices : new Tensor([indices.length], Float32Array.from(indices));
  const rows = x.shape[0]!;
  const rowSize = sizeOf(x.shape.slice(1));
  const resolved = new Int32Array(idx.size);
  for (let i = 0; i < idx.size; i++) resolved[i] = checkIndex("take", idx.data[i]!, rows, `axis 0 of ${formatShape(x.shape)}`);
  const shape = [...idx.shape, ...x.shape.slice(1)];
  const offsets = new Int32Array(resolved.length * rowSize);
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i]! * rowSize;
    for (let j = 0; j < rowSize; j++) offsets[i * rowSize + j] = r + j;
  }
  return gatherOffsets("take", x, shape, offsets);
}

/** One-hot rows of length `depth` for integer class labels; shape `[...labels.shape, depth]`. No gradient. */
export function one_hot(labels: Tensor, depth: number): Tensor {
  if (!Number.isInteger(depth) || depth < 1) throw new ArgumentError("one_hot", `depth must be a positive integer, got ${depth}`);
  const out = new Float32Array(labels.size * depth);
  for (let i = 0; i < labels.size; i++) out[i * depth + checkIndex("one_hot", labels.data[i]!, depth, `depth ${depth}`, false)] = 1;
  return new Tensor([...labels.shape, depth], out);
}

function checkIndex(op: string, v: number, len: number, what: string, allowNegative = true): number {
  if (!Number.isInteger(v)) throw new ArgumentError(op, `index ${v} is not an integer`);
  const k = allowNegative && v < 0 ? v + len : v;
  if (k < 0 || k >= len) throw new ArgumentError(op, `index ${v} is out of range for ${what}`);
  return k;
}
