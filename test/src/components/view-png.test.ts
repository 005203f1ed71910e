import { describe, expect, it } from "vitest";
import { pngSourceOf } from "../../../src/components/view-png.ts";

describe("pngSourceOf", () => {
  it("saves feature maps from their canvas and the bar views from their SVG", () => {
    expect(pngSourceOf("maps")).toEqual({ from: "canvas", reason: null });
    expect(pngSourceOf("heatmap")).toEqual({ from: "canvas", reason: null });
    expect(pngSourceOf("classes")).toEqual({ from: "svg", reason: null });
  });

  it("says why the HTML views have no PNG, naming the view", () => {
    expect(pngSourceOf("confusion")).toEqual({
      from: null,
      reason: "The Confusion view has no picture to save: switch to another view for a PNG, or download the values as .npy or .csv.",
    });
    expect(pngSourceOf("top").reason).toMatch(/^The Top 3 view has no picture to save/);
  });
});
