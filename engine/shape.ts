import { ArgumentError, ShapeError, formatShape } from "./errors.ts";
import { checkCreatedShape, checkResultShape } from "./limits.ts";

/** Dimensions, outermost first. `[]` is a scalar. */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting: align trailing dimensions; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw broadcastError(op, a, b);
    out[i] = da === 1 ? db : da;
  }
  // Two operands within the limit can still broadcast to a result far past it.
  checkResultShape(op, out);
  return out;
}

function broadcastError(op: string, a: Shape, b: Shape): ShapeError {
  let hint = "";
  if (op === "mul" && a.length === 2 && b.length === 2 && a[1] === b[0]) {
    hint = ` For a matrix product use dot(a, b): ${formatShape(a)} · ${formatShape(b)} gives ${formatShape([a[0]!, b[1]!])}.`;
  } else {
    hint = " Trailing dimensions must be equal or 1; reshape or expand_dims one operand to line them up.";
  }
  return new ShapeError(
    op,
    [a, b],
    `${op}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast.${hint}`,
  );
}

/** Strides that read `shape` as if it had `outShape` (0 along broadcast dimensions). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const rank = outShape.length;
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < shape.length; i++) {
    const o = rank - shape.length + i;
    out[o] = shape[i] === 1 && outShape[o] !== 1 ? 0 : own[i]!;
  }
  return out;
}

export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis)) throw new ArgumentError(op, `axis must be an integer, got ${axis}`);
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) {
    // The range would read "0..-1" for a scalar.
    if (rank === 0) throw new ArgumentError(op, `axis ${axis} is out of range: a tensor of rank 0 (a scalar) has no axes`);
    throw new ArgumentError(op, `axis ${axis} is out of range for a tensor of rank ${rank} (valid: ${-rank}..${rank - 1})`);
  }
  return a;
}

/** `undefined` means every axis. Returns sorted, de-duplicated, non-negative axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : axis;
  const out = list.map((a) => normalizeAxis(op, a, rank));
  const unique = [...new Set(out)].sort((x, y) => x - y);
  if (unique.length !== out.length) throw new ArgumentError(op, `axis ${JSON.stringify(list)} repeats an axis`);
  return unique;
}

/** A shape the user gave for a new tensor: non-negative integers, within the element limit. */
export function checkShape(op: string, shape: readonly number[]): Shape {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ArgumentError(op, `shape ${formatShape(shape)} must hold non-negative integers`);
    }
  }
  checkCreatedShape(op, shape);
  return shape;
}
