import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { kernels } from "../kernels/backend.ts";
import { broadcastShapes, normalizeAxis, sameShape, sizeOf, type Shape } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { sumToShape } from "./reduce.ts";

// Reshapes share the input's buffer: tensors are immutable, so a view is as good as a copy.

/** NumPy reshape; one dimension may be -1 and is inferred. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = resolveShape(x, shape);
  if (sameShape(target, x.shape)) return x;
  return record("reshape", target, x.data as Float32Array, [x], (g) => [reshape(g, x.shape)]);
}

function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const inferred = shape.filter((d) => d === -1).length;
  if (inferred > 1) throw new ArgumentError("reshape", `only one dimension can be -1, got ${formatShape(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < -1) throw new ArgumentError("reshape", `dimensions must be integers ≥ 0 or -1, got ${formatShape(shape)}`);
  }
  const known = shape.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const out = [...shape];
  if (inferred === 1) {
    if (known === 0 || x.size % known !== 0) throw reshapeError(x, shape);
    out[out.indexOf(-1)] = x.size / known;
  }
  if (sizeOf(out) !== x.size) throw reshapeError(x, shape);
  return out;
}

function reshapeError(x: Tensor, shape: readonly number[]): ShapeError {
  return new ShapeError(
    "reshape",
    [x.shape, shape],
    `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) into ${formatShape(shape)}`,
  );
}

export function flatten(x: Tensor): Tensor {
  return reshape(x, [x.size]);
}

/** Insert a length-1 axis at `axis` (which may be negative, counting in the result's rank). */
export function expand_dims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis("expand_dims", axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Drop length-1 axes: all of them, or only those named (each must have length 1). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const axes = (typeof axis === "number" ? [axis] : axis).map((a) => normalizeAxis("squeeze", a, x.rank));
  for (const a of axes) {
    if (x.shape[a] !== 1) {
      throw new ShapeError("squeeze", [x.shape], `squeeze: axis ${a} of ${formatShape(x.shape)} has length ${x.shape[a]}, not 1`);
    }
  }
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/** Repeat `x` along broadcast axes to fill `shape` (NumPy broadcast_to). */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const out = broadcastShapes("broadcast_to", x.shape, shape);
  if (!sameShape(out, shape)) {
    throw new ShapeError("broadcast_to", [x.shape, shape], `broadcast_to: ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}`);
  }
  const data = kernels.mapBinary(x.data, x.shape, ZERO, [], shape, (v) => v);
  return record("broadcast_to", shape, data, [x], (g) => [sumToShape(g, x.shape)]);
}

const ZERO = new Float32Array(1);
