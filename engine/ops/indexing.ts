import { ArgumentError, formatShape } from "../errors.ts";
import { sizeOf, stridesOf } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { kernels } from "../kernels/backend.ts";

/** One entry of a NumPy basic index: an integer (drops the axis) or a slice (keeps it). */
export type IndexSpec = number | Slice;

export interface Slice {
  readonly start?: number | null;
  readonly stop?: number | null;
  readonly step?: number | null;
}

export const ALL: Slice = Object.freeze({});

/**
 * NumPy basic indexing, `x[1:3, :, -1]`: 0-based, slices exclude their end, negative indices
 * count from the end, missing trailing entries mean `:`. The VJP scatter-adds into zeros.
 */
export function index(x: Tensor, specs: readonly IndexSpec[]): Tensor {
  if (specs.length > x.rank) {
    throw new ArgumentError("index", `too many indices (${specs.length}) for a tensor of shape ${formatShape(x.shape)}`);
  }
  const strides = stridesOf(x.shape);
  let base = 0;
  const outShape: number[] = [];
  const outStrides: number[] = [];
  for (let axis = 0; axis < x.rank; axis++) {
    const spec = specs[axis] ?? ALL;
    const len = x.shape[axis]!;
    if (typeof spec === "number") {
      base += resolveInteger(spec, axis, len, x) * strides[axis]!;
    } else {
      const { start, count, step } = resolveSlice(spec, axis, len);
      base += start * strides[axis]!;
      outShape.push(count);
      outStrides.push(step * strides[axis]!);
    }
  }
  return gatherOffsets("index", x, outShape, kernels.stridedOffsets(base, outShape, outStrides));
}

/**
 * out[i] = x[offsets[i]]. Its VJP scatter-adds, and the scatter's VJP gathers again, both
 * recorded, so second derivatives flow through indexing.
 */
export function gatherOffsets(op: string, x: Tensor, shape: readonly number[], offsets: Int32Array): Tensor {
  return record(op, shape, kernels.gatherAt(x.data, offsets), [x], (g) => [scatterOffsets(g, x.shape, offsets)]);
}

function scatterOffsets(g: Tensor, shape: readonly number[], offsets: Int32Array): Tensor {
  const out = kernels.scatterAddAt(g.data, sizeOf(shape), offsets);
  return record("scatter_add", shape, out, [g], (gg) => [gatherOffsets("index", gg, g.shape, offsets)]);
}

function resolveInteger(i: number, axis: number, len: number, x: Tensor): number {
  if (!Number.isInteger(i)) throw new ArgumentError("index", `index ${i} on axis ${axis} is not an integer`);
  const k = i < 0 ? i + len : i;
  if (k < 0 || k >= len) {
    throw new ArgumentError("index", `index ${i} is out of bounds for axis ${axis} with size ${len} (shape ${formatShape(x.shape)})`);
  }
  return k;
}

/** Python's slice.indices(len): clamp start/stop and count the elements. */
export function resolveSlice(spec: Slice, axis: number, len: number): { start: number; count: number; step: number } {
  const step = spec.step ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new ArgumentError("index", `slice step on axis ${axis} must be a non-zero integer, got ${step}`);
  for (const v of [spec.start, spec.stop]) {
    if (v != null && !Number.isInteger(v)) throw new ArgumentError("index", `slice bounds on axis ${axis} must be integers, got ${v}`);
  }
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (v: number) => (v < 0 ? v + len : v);
  let start: number;
  let stop: number;
  if (step > 0) {
    start = spec.start == null ? 0 : clamp(norm(spec.start), 0, len);
    stop = spec.stop == null ? len : clamp(norm(spec.stop), 0, len);
  } else {
    start = spec.start == null ? len - 1 : clamp(norm(spec.start), -1, len - 1);
    stop = spec.stop == null ? -1 : clamp(norm(spec.stop), -1, len - 1);
  }
  const count = Math.max(0, Math.ceil((stop - start) / step));
  return { start, count, step };
}
