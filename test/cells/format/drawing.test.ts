import { describe, expect, it } from "vitest";
import { FormatError, parseSheetDocument, serializeSheetDocument } from "../../../cells/format/index.ts";
import { importSheet } from "../../../cells/io.ts";
import { validDoc } from "./helpers.ts";

/** The small valid document with a sketch cell in C1 holding `drawing`. */
function withDrawing(drawing: unknown): Record<string, unknown> {
  const doc = validDoc();
  return { ...doc, cells: [...doc.cells, { address: "C1", source: "my_digit = sketch([28, 28])", drawing }] };
}

function problemOf(value: unknown): { path: string; reason: string } {
  try {
    parseSheetDocument(value);
  } catch (e) {
    if (e instanceof FormatError) return { path: e.path, reason: e.reason };
    throw e;
  }
  throw new Error("the document was accepted");
}

describe("a sketch cell's drawing in the file", () => {
  it("round trips, one stroke a line, and files without drawings still load", () => {
    const text = serializeSheetDocument(parseSheetDocument(withDrawing([[0.25, 0.5, 0.75, 0.5], [0.5, 0.5]])));
    expect(text).toContain(
      '      "source": "my_digit = sketch([28, 28])",\n      "drawing": [\n        [0.25, 0.5, 0.75, 0.5],\n        [0.5, 0.5]\n      ]\n    }',
    );
    const back = parseSheetDocument(text);
    expect(back.cells[3]).toEqual({ address: "C1", source: "my_digit = sketch([28, 28])", drawing: [[0.25, 0.5, 0.75, 0.5], [0.5, 0.5]] });
    expect(serializeSheetDocument(back)).toBe(text);
    expect(parseSheetDocument(validDoc()).cells.every((c) => c.drawing === undefined)).toBe(true);
  });

  it("is what the imported sheet evaluates", () => {
    const { sheet } = importSheet(withDrawing([[0.5, 0.5]]));
    const address = sheet.resolve("my_digit")!;
    const ink = sheet.result(address)!.value!.data.reduce((a, b) => a + b, 0);
    expect(ink).toBeCloseTo(Math.PI * 1.5 ** 2, 0);
  });

  it("refuses a bad drawing with a reason naming the cell and the member", () => {
    expect(problemOf(withDrawing([[0.1, 1.5]]))).toEqual({
      path: "$.cells[3].drawing",
      reason: "cell C1's drawing stroke 1 has the number 1.5 at position 2; coordinates are numbers from 0 to 1 (fractions of the pad's width and height)",
    });
    expect(problemOf(withDrawing("a 7"))).toEqual({
      path: "$.cells[3].drawing",
      reason: 'cell C1\'s drawing must be a list of strokes, each a list [x0, y0, x1, y1, …]; got the string "a 7"',
    });
    expect(problemOf(withDrawing([[0.1, 0.2, 0.3]]))).toEqual({
      path: "$.cells[3].drawing",
      reason: "cell C1's drawing stroke 1 must hold x, y pairs (an even count, at least 2); it has 3 numbers",
    });
  });
});
