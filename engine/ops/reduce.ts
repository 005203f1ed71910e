import { ArgumentError, formatShape } from "../errors.ts";
import { kernels } from "../kernels/backend.ts";
import type { ReduceKind } from "../kernels/reduce.ts";
import { normalizeAxes, normalizeAxis, sameShape, sizeOf, type Shape } from "../shape.ts";
import { record } from "../tape.ts";
import { Tensor } from "../tensor.ts";
import { add, div, equal, exp, log, mul, sub } from "./elementwise.ts";
import { broadcastTo, reshape } from "./reshape.ts";
import { detach } from "./operand.ts";

export type Axis = number | readonly number[] | undefined;

/**
 * The axes a reduction runs over. On a scalar, PyTorch treats axis 0 and -1 as its one implicit
 * axis (torch.sum(torch.tensor(3.), 0) is 3): reducing over it leaves the scalar as it is.
 */
function reductionAxes(op: string, axis: Axis, rank: number): number[] {
  if (rank > 0 || axis === undefined) return normalizeAxes(op, axis, rank);
  const list = typeof axis === "number" ? [axis] : axis;
  for (const a of list) checkScalarAxis(op, a);
  if (list.length > 1) throw new ArgumentError(op, `axis ${JSON.stringify(list)} repeats an axis: a scalar's only axis is 0 (or -1)`);
  return [];
}

function checkScalarAxis(op: string, axis: number): void {
  if (axis !== 0 && axis !== -1) {
    throw new ArgumentError(op, `axis ${axis} is out of range for a scalar: reducing a scalar takes axis 0 or -1, or no axis`);
  }
}

function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

function reduction(op: string, kind: ReduceKind, x: Tensor, axis: Axis, keepdims: boolean): { out: Tensor; axes: number[] } {
  const axes = reductionAxes(op, axis, x.rank);
  if (kind !== "sum" && axes.some((a) => x.shape[a] === 0)) {
    throw new ArgumentError(op, `cannot take the ${kind} over an empty axis of a tensor of shape ${formatShape(x.shape)}`);
  }
  const data = reduceData(x, axes, kind);
  const shape = reducedShape(x.shape, axes, keepdims);
  let out: Tensor;
  out = record(op, shape, data, [x], (g) => {
    // Re-insert the reduced axes as 1s, then spread the gradient back over them.
    const gKept = reshape(g, reducedShape(x.shape, axes, true));
    if (kind === "sum") return [broadcastTo(gKept, x.shape)];
    // max/min: share the gradient evenly among tied extremes (PyTorch's amax rule).
    const outKept = reshape(out, reducedShape(x.shape, axes, true));
    const isExtreme = equal(x, outKept);
    const count = sum(isExtreme, axes, true);
    return [mul(broadcastTo(div(gKept, count), x.shape), isExtreme)];
  });
  return { out, axes };
}

/** Summing every axis but the last (a bias gradient) is column sums, a kernel of its own. */
function reduceData(x: Tensor, axes: readonly number[], kind: ReduceKind): Float32Array {
  const cols = x.shape[x.rank - 1]!;
  if (kind === "sum" && x.rank >= 2 && axes.length === x.rank - 1 && axes.every((a, i) => a === i) && cols > 0) {
    return kernels.sumRows(x.data, x.size / cols, cols);
  }
  return kernels.reduceAxes(x.data, x.shape, axes, kind);
}

export function sum(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return reduction("sum", "sum", x, axis, keepdims).out;
}

export function mean(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = reductionAxes("mean", axis, x.rank);
  const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
  return div(sum(x, axes, keepdims), count);
}

export function max(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return reduction("max", "max", x, axis, keepdims).out;
}

export function min(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return reduction("min", "min", x, axis, keepdims).out;
}

/** log Σ exp(x), shifted by the (constant) max so exp cannot overflow; the shift cancels in the gradient. */
export function logsumexp(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  const axes = reductionAxes("logsumexp", axis, x.rank);
  const shift = detach(max(x, axes, true));
  const finiteShift = new Tensor(shift.shape, shift.data.map((v) => (Number.isFinite(v) ? v : 0)));
  const lse = add(log(sum(exp(sub(x, finiteShift)), axes, true)), finiteShift);
  return keepdims ? lse : reshape(lse, reducedShape(x.shape, axes, false));
}

/** Index of the largest value along `axis`; without an axis, into the flattened tensor (NumPy). No gradient. */
export function argmax(x: Tensor, axis?: number): Tensor {
  return argReduction("argmax", x, axis, true);
}

export function argmin(x: Tensor, axis?: number): Tensor {
  return argReduction("argmin", x, axis, false);
}

function argReduction(op: string, x: Tensor, axis: number | undefined, largest: boolean): Tensor {
  if (x.size === 0) throw new ArgumentError(op, `cannot take ${op} of an empty tensor of shape ${formatShape(x.shape)}`);
  // A scalar along its implicit axis (0 or -1, as in PyTorch): index 0.
  if (x.rank === 0 && axis !== undefined) {
    checkScalarAxis(op, axis);
    return new Tensor([], new Float32Array([0]));
  }
  const flat = axis === undefined;
  const shape = flat ? [x.size] : x.shape;
  const a = flat ? 0 : normalizeAxis(op, axis, x.rank);
  if (shape[a] === 0) throw new ArgumentError(op, `axis ${axis} of shape ${formatShape(x.shape)} is empty`);
  return new Tensor(shape.filter((_, i) => i !== a), kernels.argReduce(x.data, shape, a, largest));
}

/** Sum `g` down to `shape`, undoing NumPy broadcasting: the VJP of every broadcasting op. */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const summed = sum(g, axes, true);
  return sizeOf(summed.shape) === sizeOf(shape) ? reshape(summed, shape) : summed;
}
