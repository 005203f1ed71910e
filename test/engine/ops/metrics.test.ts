import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError, SizeError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { mul } from "../../../engine/ops/elementwise.ts";
import { classPairs, confusion_matrix } from "../../../engine/ops/metrics.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { tensor } from "../../../engine/tensor.ts";

describe("confusion_matrix", () => {
  it("counts examples by true class (rows) and the argmax of their scores (columns)", () => {
    const scores = tensor([[0.9, 0.1, 0], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]]);
    const m = confusion_matrix(tensor([0, 1, 1, 2, 2]), scores);
    expect(m.shape).toEqual([3, 3]);
    expect(m.toFlatArray()).toEqual([1, 0, 0, 0, 1, 1, 1, 0, 1]);
  });

  it("takes class indices too, with max(label, prediction) + 1 classes", () => {
    const m = confusion_matrix(tensor([0, 3, 3, 1]), tensor([0, 3, 1, 1]));
    expect(m.shape).toEqual([4, 4]);
    expect(m.toFlatArray()).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    // A class only predicted still gets its row and column.
    expect(confusion_matrix(tensor([0, 0]), tensor([0, 2])).toFlatArray()).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it("breaks ties in the scores toward the first class, as argmax does", () => {
    expect(confusion_matrix(tensor([1]), tensor([[0.5, 0.5]])).toFlatArray()).toEqual([0, 0, 1, 0]);
  });

  it("sums to the number of examples and its trace is the number classified correctly", () => {
    const labels = tensor([2, 0, 1, 1, 2, 0, 2]);
    const predicted = tensor([2, 0, 2, 1, 0, 0, 2]);
    const m = confusion_matrix(labels, predicted).toFlatArray();
    expect(m.reduce((a, b) => a + b, 0)).toBe(7);
    expect(m[0]! + m[4]! + m[8]!).toBe(5);
  });

  it("is not recorded: no gradient flows through it, as with argmax and accuracy", () => {
    const scores = tensor([[0.1, 0.9], [0.8, 0.2]]);
    const m = confusion_matrix(tensor([1, 1]), scores);
    expect(m.node).toBeNull();
    expect(m.toFlatArray()).toEqual([0, 0, 1, 1]);
    // d/dscores Σ m·scores is m alone: nothing comes back through m.
    expect(grad(sum(mul(m, scores)), [scores])[0]!.toFlatArray()).toEqual([0, 0, 1, 1]);
  });

  it("names the argument that is not a class index", () => {
    expect(() => confusion_matrix(tensor([0, 1.5]), tensor([0, 1]))).toThrow(new ArgumentError("confusion_matrix", "labels[1] is 1.5: labels must be class indices, whole numbers from 0"));
    expect(() => confusion_matrix(tensor([0, 1]), tensor([-1, 1]))).toThrow(new ArgumentError("confusion_matrix", "predicted[0] is -1: predicted must be class indices, whole numbers from 0"));
    expect(() => confusion_matrix(tensor([0, 3]), tensor([[0.5, 0.5], [0.2, 0.8]]))).toThrow(
      new ArgumentError("confusion_matrix", "labels[1] is 3, but the scores have only 2 classes (0 to 1)"),
    );
  });

  it("names the mismatched lengths and shapes", () => {
    expect(() => confusion_matrix(tensor([0, 1, 1]), tensor([0, 1]))).toThrow(ShapeError);
    expect(() => confusion_matrix(tensor([0, 1, 1]), tensor([0, 1]))).toThrow("confusion_matrix: predicted [2] must be class indices [3] or scores [3, classes], one row per label");
    expect(() => confusion_matrix(tensor([[0, 1]]), tensor([[0.2, 0.8]]))).toThrow("confusion_matrix: labels [1, 2] must be a vector of class indices [N]");
  });

  it("refuses a stray huge label before allocating its square", () => {
    expect(() => confusion_matrix(tensor([0, 1e6]), tensor([0, 1]))).toThrow(SizeError);
  });

  it("classPairs gives each example's true and predicted class for the view's lists", () => {
    const p = classPairs(tensor([1, 0]), tensor([[0.3, 0.7], [0.6, 0.4]]));
    expect(p.classes).toBe(2);
    expect([...p.truth]).toEqual([1, 0]);
    expect([...p.guess]).toEqual([1, 0]);
  });
});
