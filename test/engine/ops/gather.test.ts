import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { one_hot, take } from "../../../engine/ops/gather.ts";
import { Tensor, scalar, tensor } from "../../../engine/tensor.ts";

const x = tensor([[1, 2], [3, 4], [5, 6]]);

describe("take", () => {
  it("picks rows along axis 0 in the given order (np.take(x, i, axis=0))", () => {
    expect(take(x, [2, 0]).toArray()).toEqual([[5, 6], [1, 2]]);
    expect(take(x, new Uint32Array([1, 1])).toArray()).toEqual([[3, 4], [3, 4]]);
  });

  it("counts negative indices from the end", () => {
    expect(take(x, [-1, -3]).toArray()).toEqual([[5, 6], [1, 2]]);
  });

  it("has shape indices.shape + x.shape[1:]", () => {
    const idx = new Tensor([2, 2], Float32Array.of(0, 1, 2, 0));
    expect(take(x, idx).shape).toEqual([2, 2, 2]);
    expect(take(tensor([10, 20, 30]), idx).toArray()).toEqual([[10, 20], [30, 10]]);
    expect(take(x, []).shape).toEqual([0, 2]);
  });

  it("scatter-adds the gradient, accumulating repeated rows", () => {
    const [g] = grad(take(x, [1, 1, 0]), [x]);
    expect(g!.toArray()).toEqual([[1, 1], [2, 2], [0, 0]]);
  });

  it("rejects out-of-range and fractional indices and scalars with an ArgumentError", () => {
    expect(() => take(x, [3])).toThrow(ArgumentError);
    expect(() => take(x, [3])).toThrow("take: index 3 is out of range for axis 0 of [3, 2]");
    expect(() => take(x, [-4])).toThrow(ArgumentError);
    expect(() => take(x, [0.5])).toThrow(/not an integer/);
    expect(() => take(scalar(1), [0])).toThrow(ArgumentError);
  });
});

describe("one_hot", () => {
  it("puts a 1 at each label's index", () => {
    expect(one_hot(tensor([0, 2, 1]), 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it("appends the depth axis to the labels' shape", () => {
    expect(one_hot(tensor([[0, 1], [1, 0]]), 2).shape).toEqual([2, 2, 2]);
    expect(one_hot(scalar(1), 4).toFlatArray()).toEqual([0, 1, 0, 0]);
  });

  it("rejects labels outside [0, depth), negative ones included, with an ArgumentError", () => {
    expect(() => one_hot(tensor([3]), 3)).toThrow(ArgumentError);
    expect(() => one_hot(tensor([-1]), 3)).toThrow("one_hot: index -1 is out of range for depth 3");
    expect(() => one_hot(tensor([0.5]), 3)).toThrow(ArgumentError);
  });

  it("rejects a depth that is not a positive integer", () => {
    expect(() => one_hot(tensor([0]), 0)).toThrow(ArgumentError);
    expect(() => one_hot(tensor([0]), 2.5)).toThrow(ArgumentError);
  });

  it("is a constant: no gradient is recorded", () => {
    expect(one_hot(tensor([0]), 2).node).toBeNull();
  });
});
