import { describe, expect, it } from "vitest";
import { Tensor } from "../../engine/index.ts";
import { buildPreview, defaultView, availableViews } from "../../cells/preview.ts";
import { topClasses, topOfCell } from "../../cells/preview-top.ts";
import { Sheet } from "../../cells/sheet.ts";

const probs = (values: number[], shape = [values.length]) => new Tensor(shape, Float32Array.from(values));

describe("the top classes of a probability vector", () => {
  it("lists the three most probable classes, ties by the lower index as argmax does", () => {
    const top = topClasses(probs([0.05, 0.1, 0.6, 0.1, 0.15], [1, 5]))!;
    expect(top.classes).toEqual([2, 4, 1]);
    expect(top.probabilities.map((p) => Math.round(p * 100))).toEqual([60, 15, 10]);
    expect(top.of).toBeNull();
  });

  it("is only for one row of probabilities summing to 1", () => {
    expect(topClasses(probs([0.5, 0.6]))).toBeNull();
    expect(topClasses(probs([1.5, -0.5]))).toBeNull();
    expect(topClasses(probs([0.5, 0.5, 0.5, 0.5], [2, 2]))).toBeNull();
    expect(topClasses(probs([1]))).toBeNull();
  });
});

describe("an argmax cell's top classes", () => {
  const sheet = new Sheet({
    cells: [
      { address: "A1", source: "my_probs = softmax([[1, 3, 2, 0]])" },
      { address: "A2", source: "guess = argmax(my_probs)" },
      { address: "A3", source: "other = argmax([0.2, 0.8])" },
      { address: "A4", source: "scores = [[1, 3, 2, 0]]" },
      { address: "A5", source: "guess_scores = argmax(scores)" },
    ],
  });
  sheet.evaluate();
  const top = (address: string) => topOfCell(sheet, address, sheet.result(address)!.value!);

  it("are those of the probabilities it read, named, with its own class first", () => {
    expect(sheet.result("A2")!.value!.data[0]).toBe(1);
    expect(top("A2")).toEqual({ ...topClasses(sheet.result("A1")!.value!)!, of: "my_probs" });
    expect(top("A2")!.classes).toEqual([1, 2, 0]);
    expect(top("A1")!.of).toBeNull();
  });

  it("do not exist for an argmax of a literal or of scores that are not probabilities", () => {
    expect(top("A3")).toBeNull();
    expect(top("A5")).toBeNull();
  });

  it("make the top view the default, and the guess keeps its number", () => {
    const preview = { ...buildPreview(sheet.result("A2")!.value!), top: top("A2") };
    expect(defaultView(preview)).toBe("top");
    expect(availableViews(preview)).toEqual(["top", "summary"]);
    expect(defaultView(buildPreview(sheet.result("A5")!.value!))).toBe("number");
  });
});
