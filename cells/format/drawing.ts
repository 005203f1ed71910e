// The `drawing` member of a sketch cell (`my_digit = sketch([28, 28])`): its strokes, each a flat
// list [x0, y0, x1, y1, …] of coordinates in [0, 1]. Checked here so a bad file is refused with a
// reason that names the cell, the stroke and the value, rather than drawing something else.

import * as v from "valibot";
import { MAX_STROKE_POINTS, MAX_STROKES, type Drawing } from "../sketch.ts";
import { describeValue } from "./errors.ts";

/** Why `value` is not a drawing, or null when it is one. */
export function drawingProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `must be a list of strokes, each a list [x0, y0, x1, y1, …]; got ${describeValue(value)}`;
  if (value.length > MAX_STROKES) return `has ${value.length} strokes; the limit is ${MAX_STROKES}`;
  for (let s = 0; s < value.length; s++) {
    const problem = strokeProblem(value[s]);
    if (problem !== null) return `stroke ${s + 1} ${problem}`;
  }
  return null;
}

function strokeProblem(stroke: unknown): string | null {
  if (!Array.isArray(stroke)) return `must be a list [x0, y0, x1, y1, …]; got ${describeValue(stroke)}`;
  if (stroke.length === 0 || stroke.length % 2 !== 0) return `must hold x, y pairs (an even count, at least 2); it has ${stroke.length} numbers`;
  if (stroke.length > 2 * MAX_STROKE_POINTS) return `has ${stroke.length / 2} points; the limit is ${MAX_STROKE_POINTS}`;
  for (let i = 0; i < stroke.length; i++) {
    const x = stroke[i] as unknown;
    if (typeof x !== "number" || !(x >= 0 && x <= 1)) {
      return `has ${describeValue(x)} at position ${i + 1}; coordinates are numbers from 0 to 1 (fractions of the pad's width and height)`;
    }
  }
  return null;
}

/** A validated drawing, copied so the document shares no arrays with what it was read from. */
export function copyDrawing(drawing: Drawing): Drawing {
  return drawing.map((stroke) => [...stroke]);
}

/**
 * The check of every cell's drawing, run on the cells list (even when some cells have other
 * problems) so that its reason can name the cell by address: "cell E2's drawing stroke 1 …".
 */
export function cellDrawingsCheck<T extends unknown[]>() {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const cells: unknown = dataset.value;
    if (!Array.isArray(cells)) return;
    cells.forEach((cell: unknown, i) => {
      if (typeof cell !== "object" || cell === null || Array.isArray(cell)) return;
      const { address, drawing } = cell as { address?: unknown; drawing?: unknown };
      if (drawing === undefined) return;
      const problem = drawingProblem(drawing);
      if (problem === null) return;
      addIssue({
        message: `${typeof address === "string" ? `cell ${address}` : `cells[${i}]`}'s drawing ${problem}`,
        path: [
          { type: "array", origin: "value", input: cells, key: i, value: cell },
          { type: "object", origin: "value", input: cell as Record<string, unknown>, key: "drawing", value: drawing },
        ],
      });
    });
  });
}
