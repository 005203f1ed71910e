import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";
import { BRUSH_DIAMETER_AT_28, rasterize, sketchShapeProblem, storedCoordinate } from "../../cells/sketch.ts";

/** Sum of row `row` of a 28 × 28 image: the ink a horizontal cut through a vertical stroke meets. */
function rowInk(pixels: Float32Array, row: number): number {
  let sum = 0;
  for (let x = 0; x < 28; x++) sum += pixels[row * 28 + x]!;
  return sum;
}

describe("the sketch brush", () => {
  it("is all zeros when nothing is drawn", () => {
    expect([...rasterize([], 28, 28)].every((v) => v === 0)).toBe(true);
  });

  it("draws a stroke of pixels in [0, 1] whose cross-section holds MNIST's 3 px of ink", () => {
    // A vertical stroke down the middle, off the pixel grid by a third of a pixel.
    const x = (14 + 1 / 3) / 28;
    const pixels = rasterize([[x, 0.25, x, 0.75]], 28, 28);
    expect([...pixels].every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(rowInk(pixels, 14)).toBeCloseTo(BRUSH_DIAMETER_AT_28, 1);
    const row = [...pixels.slice(14 * 28, 15 * 28)];
    // Solid core, grey edges (anti-aliased like MNIST), nothing beyond.
    expect(row.slice(11, 18).map((v) => Math.round(v * 64) / 64)).toEqual([0, 0.125, 1, 1, 0.875, 0, 0]);
  });

  it("keeps the brush width relative to the pad, and inks overlapping strokes once", () => {
    const once = rasterize([[0.5, 0.2, 0.5, 0.8]], 56, 56);
    const twice = rasterize([[0.5, 0.2, 0.5, 0.8], [0.5, 0.2, 0.5, 0.8]], 56, 56);
    expect(rowInk56(once, 28)).toBeCloseTo(2 * BRUSH_DIAMETER_AT_28, 1);
    expect([...twice]).toEqual([...once]);
  });

  it("draws a tap as a round dot of the brush's area", () => {
    const pixels = rasterize([[0.5, 0.5]], 28, 28);
    const ink = pixels.reduce((a, b) => a + b, 0);
    expect(ink).toBeCloseTo(Math.PI * (BRUSH_DIAMETER_AT_28 / 2) ** 2, 0);
  });

  it("accepts [height, width] shapes only", () => {
    expect(sketchShapeProblem([28, 28])).toBeNull();
    expect(sketchShapeProblem([28])).toBe("sketch takes a shape [height, width], such as [28, 28]; got [28]");
    expect(sketchShapeProblem([0, 28])).toBe("a sketch's sides are whole numbers from 1 to 256; got [0, 28]");
  });

  it("stores coordinates clamped to [0, 1] with 4 decimals", () => {
    expect([storedCoordinate(-0.2), storedCoordinate(0.123456), storedCoordinate(1.5)]).toEqual([0, 0.1235, 1]);
  });
});

function rowInk56(pixels: Float32Array, row: number): number {
  let sum = 0;
  for (let x = 0; x < 56; x++) sum += pixels[row * 56 + x]!;
  return sum;
}

describe("sketch cells in a sheet", () => {
  it("evaluate to their drawing, and a new drawing re-runs what reads them", () => {
    const sheet = new Sheet({
      cells: [
        { address: "A1", source: "my_digit = sketch([28, 28])", drawing: [[0.5, 0.5]] },
        { address: "A2", source: "ink = sum(my_digit)" },
      ],
    });
    sheet.evaluate();
    expect(sheet.result("A1")!.value!.shape).toEqual([28, 28]);
    const dot = sheet.result("A2")!.value!.data[0]!;
    expect(dot).toBeCloseTo(Math.PI * 1.5 ** 2, 0);
    sheet.setDrawing("A1", [[0.5, 0.5], [0.2, 0.2]]);
    expect(sheet.isDirty("A2")).toBe(true);
    sheet.evaluate();
    expect(sheet.result("A2")!.value!.data[0]).toBeCloseTo(2 * dot, 0);
    sheet.setDrawing("A1", []);
    sheet.evaluate();
    expect(sheet.result("A2")!.value!.data[0]).toBe(0);
    expect(sheet.cells()[0]).toEqual({ address: "A1", source: "my_digit = sketch([28, 28])" });
  });

  it("keep their drawing when their source is edited, and list it with the cell", () => {
    const sheet = new Sheet({ cells: [{ address: "A1", source: "d = sketch([28, 28])", drawing: [[0.1, 0.1, 0.9, 0.9]] }] });
    sheet.setCell("A1", "d = sketch([14, 14])");
    sheet.evaluate();
    expect(sheet.result("A1")!.value!.shape).toEqual([14, 14]);
    expect(sheet.cells()).toEqual([{ address: "A1", source: "d = sketch([14, 14])", drawing: [[0.1, 0.1, 0.9, 0.9]] }]);
  });

  it("must be a whole, named cell with a [height, width] shape", () => {
    const sheet = new Sheet({ cells: [{ address: "A1", source: "sketch([28, 28]) + 1" }, { address: "A2", source: "s = sketch([3])" }] });
    sheet.evaluate();
    expect(sheet.result("A1")!.error!.message).toBe("sketch(shape) must be the whole cell, which becomes a drawing pad: my_digit = sketch([28, 28])");
    expect(sheet.result("A2")!.error!.message).toBe("sketch takes a shape [height, width], such as [28, 28]; got [3]");
  });
});
