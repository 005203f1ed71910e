import { ArgumentError, ShapeError, formatShape } from "./errors.ts";
import { checkElements } from "./limits.ts";
import { checkShape, sizeOf, type Shape } from "./shape.ts";
import type { GraphNode } from "./tape.ts";

export type NestedNumbers = number | readonly NestedNumbers[];

let nextTensorId = 1;

/**
 * A row-major float32 array with a shape. Immutable from the outside: ops return new tensors,
 * and `data` is typed read-only (engine kernels write only into buffers they just allocated).
 */
export class Tensor {
  readonly id = nextTensorId++;
  readonly shape: Shape;
  readonly size: number;

  constructor(
    shape: Shape,
    readonly data: Readonly<Float32Array>,
    /** How this tensor was computed, when it was recorded for autodiff; null for leaves. */
    readonly node: GraphNode | null = null,
  ) {
    this.shape = Object.freeze([...shape]);
    this.size = sizeOf(shape);
    // Ops check before allocating; this catches buffers made elsewhere (readers, callers' own).
    checkElements("tensor", this.size, `a tensor of shape ${formatShape(shape)}`);
    if (data.length !== this.size) {
      throw new ShapeError("tensor", [shape], `tensor: ${data.length} values cannot fill shape ${formatShape(shape)} (needs ${this.size})`);
    }
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a scalar or one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ArgumentError("item", `tensor of shape ${formatShape(this.shape)} has ${this.size} values, not 1`);
    return this.data[0]!;
  }

  toFlatArray(): number[] {
    return Array.from(this.data);
  }

  /** Nested JavaScript arrays, like `ndarray.tolist()`; a scalar gives a number. */
  toArray(): NestedNumbers {
    const build = (dim: number, offset: number): NestedNumbers => {
      if (dim === this.shape.length) return this.data[offset]!;
      const n = this.shape[dim]!;
      const step = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * step));
    };
    return build(0, 0);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)})`;
  }
}

/** Wrap a freshly computed buffer; the caller hands over ownership. */
export function fromBuffer(shape: Shape, data: Float32Array): Tensor {
  return new Tensor(shape, data);
}

/** A tensor from nested arrays (shape inferred) or from flat values with an explicit shape. */
export function tensor(values: NestedNumbers | Float32Array, shape?: readonly number[]): Tensor {
  if (values instanceof Float32Array) {
    return new Tensor(checkShape("tensor", shape ?? [values.length]), new Float32Array(values));
  }
  const inferred = inferShape(values);
  checkShape("tensor", inferred);
  const flat = new Float32Array(sizeOf(inferred));
  let k = 0;
  const fill = (v: NestedNumbers): void => {
    if (typeof v === "number") flat[k++] = v;
    else for (const item of v) fill(item);
  };
  fill(values);
  if (shape === undefined) return new Tensor(inferred, flat);
  checkShape("tensor", shape);
  if (sizeOf(shape) !== flat.length) {
    throw new ShapeError("tensor", [inferred, shape], `tensor: ${flat.length} values cannot fill shape ${formatShape(shape)}`);
  }
  return new Tensor(shape, flat);
}

export function scalar(value: number): Tensor {
  return new Tensor([], Float32Array.of(value));
}

function inferShape(values: NestedNumbers): number[] {
  const shape: number[] = [];
  for (let v = values; typeof v !== "number"; v = v[0] ?? 0) shape.push(v.length);
  const check = (v: NestedNumbers, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== "number") throw ragged();
      return;
    }
    if (typeof v === "number" || v.length !== shape[dim]) throw ragged();
    for (const item of v) check(item, dim + 1);
  };
  check(values, 0);
  return shape;
}

function ragged(): ShapeError {
  return new ShapeError("tensor", [], "tensor: nested arrays are ragged; every row must have the same length");
}
