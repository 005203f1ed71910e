import { describe, expect, it } from "vitest";
import { fromBuffer, scalar } from "../../../engine/index.ts";
import { availableViews, buildPreview, type ViewKind } from "../../../cells/preview.ts";
import { describeShape, viewAriaLabel, viewFits, VIEW_NAMES } from "../../../src/views/describe.ts";

const preview = (shape: number[]) => buildPreview(fromBuffer(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, k) => k % 7)));

describe("view text", () => {
  it("describes shapes", () => {
    expect(describeShape([])).toBe("scalar");
    expect(describeShape([1])).toBe("vector of 1 value");
    expect(describeShape([10])).toBe("vector of 10 values");
    expect(describeShape([784, 512])).toBe("784 × 512 matrix");
    expect(describeShape([2, 3, 4])).toBe("2 × 3 × 4 tensor");
  });

  it("builds aria labels", () => {
    expect(viewAriaLabel("heatmap", preview([784, 512]))).toBe("heatmap of a 784 × 512 matrix (block means)");
    expect(viewAriaLabel("heatmap", preview([8, 3]))).toBe("heatmap of an 8 × 3 matrix");
    expect(viewAriaLabel("bars", preview([10]), "b1")).toBe("b1: bar chart of a vector of 10 values");
    expect(viewAriaLabel("bars", preview([10000]))).toMatch(/^sparkline/);
    expect(viewAriaLabel("number", buildPreview(scalar(3)))).toBe("value of a scalar");
    expect(viewAriaLabel("images", preview([20, 28, 28]))).toBe("image grid of a 20 × 28 × 28 tensor, first 16 images");
    expect(viewAriaLabel("images", preview([28, 28]), "digit")).toBe("digit: image of a 28 × 28 matrix");
    expect(viewAriaLabel("columns", preview([784, 512]))).toBe("column images of a 784 × 512 matrix, first 16 columns as 28 × 28 images");
    expect(viewAriaLabel("classes", preview([100]), "labels")).toBe("labels: class counts of a vector of 100 values, 7 classes");
    expect(viewAriaLabel("values", preview([3, 5]))).toBe("numbers of a 3 × 5 matrix");
  });

  it("every view offered by availableViews can draw the preview", () => {
    const shapes = [[], [1], [5], [100], [10000], [2, 2], [3, 4], [300, 300], [50, 2], [4, 784], [3, 28, 28], [2, 3, 4], [0], [0, 3], [28, 28], [784], [784, 20], [5000]];
    for (const s of shapes) {
      const p = preview(s);
      for (const training of [false, true]) {
        for (const k of availableViews(p, training)) {
          const fits = viewFits(k, p);
          // A training cell's line view may have no vector; everything else must fit.
          if (!(training && k === "line")) expect(fits, `${k} for [${s.join(", ")}]`).toBe(true);
        }
      }
    }
  });

  it("falls back when the data is missing", () => {
    expect(viewFits("heatmap", preview([2, 3, 4]))).toBe(false);
    expect(viewFits("geometric", preview([3, 3]))).toBe(false);
    expect(viewFits("images", preview([5]))).toBe(false);
    expect(viewFits("values", preview([300, 300]))).toBe(false);
    expect(viewFits("classes", buildPreview(fromBuffer([3], Float32Array.of(0.5, 1, 2))))).toBe(false);
    expect(viewFits("columns", preview([300, 300]))).toBe(false);
    expect(viewFits("summary", preview([2, 3, 4]))).toBe(true);
  });

  it("names every view", () => {
    const kinds: ViewKind[] = ["number", "values", "bars", "classes", "heatmap", "images", "columns", "scatter", "geometric", "line", "summary", "confusion"];
    for (const k of kinds) expect(VIEW_NAMES[k]).toMatch(/^[A-Z]/);
  });
});
