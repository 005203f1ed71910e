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
