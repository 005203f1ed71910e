import type { Shape } from "./shape.ts";

/** Base class for every error the engine raises on purpose. */
export class EngineError extends Error {
  override name = "EngineError";
}

/** Operands whose shapes do not fit the op. The message names the op, both shapes and, where likely, the fix. */
export class ShapeError extends EngineError {
  override name = "ShapeError";
  constructor(
    readonly op: string,
    readonly shapes: readonly Shape[],
    message: string,
  ) {
    super(message);
  }
}

/** An argument that is not a shape problem: a bad axis, a non-integer count, an unknown option. */
export class ArgumentError extends EngineError {
  override name = "ArgumentError";
  constructor(
    readonly op: string,
    message: string,
  ) {
    super(`${op}: ${message}`);
  }
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/**
 * A tensor that would exceed the element limit (engine/limits.ts). Raised before its buffer is
 * allocated, so a typo like ones([1e9]) is a cell error rather than 4 GB of memory or a crash.
 */
export class SizeError extends EngineError {
  override name = "SizeError";
  constructor(
    readonly op: string,
    readonly elements: number,
    readonly limit: number,
    /** What would be too large, as the message starts: "ones([1000000000])", "add: the result [..]". */
    subject: string,
  ) {
    super(`${subject} would have ${formatCount(elements)} elements; the limit is ${formatLimit(limit)}`);
  }
}

/** 1000000000 → "1,000,000,000"; beyond exact integers, scientific notation. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return Number.isFinite(n) ? n.toPrecision(3) : "more than 1.8e308";
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** 268435456 → "268,435,456 (2^28)": powers of two are how limits are usually thought of. */
function formatLimit(n: number): string {
  const log = Math.log2(n);
  return Number.isInteger(log) && log >= 10 ? `${formatCount(n)} (2^${log})` : formatCount(n);
}
