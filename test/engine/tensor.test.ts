import { describe, expect, it } from "vitest";
import { tensor, scalar } from "../../engine/tensor.ts";
import { ShapeError } from "../../engine/errors.ts";

describe("Tensor", () => {
  it("infers the shape of nested arrays, row-major", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.toFlatArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it("gives scalars the empty shape", () => {
    expect(scalar(3).shape).toEqual([]);
    expect(tensor(2.5).item()).toBe(2.5);
  });

  it("rejects ragged arrays", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
  });

  it("freezes its shape", () => {
    const t = tensor([1, 2]);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });
});
