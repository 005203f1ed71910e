/**
 * The one cap on tensor sizes, in elements. Every buffer the engine allocates for a tensor is
 * checked against it before allocation: without it Node happily allocates ones([1e9]) (4 GB) and
 * a browser throws a bare RangeError. The dataset readers refuse files past the default too.
 * Configurable (the CLI's --max-elements) because a machine with memory to spare may want more.
 */
import { ArgumentError, SizeError, formatShape } from "./errors.ts";
import type { Shape } from "./shape.ts";

/** 2^28 float32s = 1 GiB: more than any sheet needs, less than a browser tab may allocate. */
export const DEFAULT_MAX_ELEMENTS = 2 ** 28;

let limit = DEFAULT_MAX_ELEMENTS;

export function maxElements(): number {
  return limit;
}

/** Sets the cap (a whole number ≥ 1); returns the previous one so callers can restore it. */
export function setMaxElements(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ArgumentError("setMaxElements", `the element limit must be a whole number ≥ 1, got ${n}`);
  }
  const previous = limit;
  limit = n;
  return previous;
}

/** Throws a SizeError when `n` elements exceed the cap; `subject` starts the message. */
export function checkElements(op: string, n: number, subject: string): void {
  if (!(n <= limit)) throw new SizeError(op, n, limit, subject);
}

/** For a shape the user wrote, e.g. ones([1e9]): "ones([1000000000]) would have …". */
export function checkCreatedShape(op: string, shape: Shape): void {
  checkElements(op, product(shape), `${op}(${formatShape(shape)})`);
}

/** For an op's computed result shape, e.g. add of [1e5, 1] and [1e5]: "add: the result [100000, 100000] would have …". */
export function checkResultShape(op: string, shape: Shape): void {
  checkElements(op, product(shape), `${op}: the result ${formatShape(shape)}`);
}

function product(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
