import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { ALL, index } from "../../../engine/ops/indexing.ts";
import { concat, stack } from "../../../engine/ops/join.ts";
import { broadcastTo, expand_dims, flatten, reshape, squeeze } from "../../../engine/ops/reshape.ts";
import { transpose } from "../../../engine/ops/transpose.ts";
import { Tensor, scalar, tensor } from "../../../engine/tensor.ts";

const x = new Tensor([2, 3], Float32Array.of(0, 1, 2, 3, 4, 5));

describe("reshape, flatten, expand_dims, squeeze", () => {
  it("reshape keeps row-major order and infers -1", () => {
    expect(reshape(x, [3, 2]).toArray()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(reshape(x, [-1, 2]).shape).toEqual([3, 2]);
    expect(reshape(x, [6, -1]).shape).toEqual([6, 1]);
    expect(reshape(scalar(4), [1, 1]).toArray()).toEqual([[4]]);
    expect(reshape(tensor([4]), []).item()).toBe(4);
  });

  it("reshape to the same shape returns the input itself", () => {
    expect(reshape(x, [2, 3])).toBe(x);
  });

  it("reshape of an empty tensor with -1 is refused, as in NumPy", () => {
    expect(reshape(new Tensor([0, 3], new Float32Array(0)), [3, 0]).shape).toEqual([3, 0]);
    expect(() => reshape(new Tensor([0, 3], new Float32Array(0)), [-1, 0])).toThrow(ShapeError);
  });

  it("flatten gives a 1-D tensor", () => {
    expect(flatten(x).toFlatArray()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(flatten(scalar(2)).shape).toEqual([1]);
  });

  it("expand_dims inserts a length-1 axis, negative axes counting in the result", () => {
    expect(expand_dims(x, 0).shape).toEqual([1, 2, 3]);
    expect(expand_dims(x, 2).shape).toEqual([2, 3, 1]);
    expect(expand_dims(x, -1).shape).toEqual([2, 3, 1]);
    expect(expand_dims(x, -3).shape).toEqual([1, 2, 3]);
    expect(() => expand_dims(x, 3)).toThrow(ArgumentError);
  });

  it("squeeze drops all length-1 axes, or only the named ones", () => {
    const y = new Tensor([1, 3, 1], Float32Array.of(1, 2, 3));
    expect(squeeze(y).shape).toEqual([3]);
    expect(squeeze(y, 0).shape).toEqual([3, 1]);
    expect(squeeze(y, [-1]).shape).toEqual([1, 3]);
    expect(squeeze(tensor([[5]])).shape).toEqual([]);
  });

  it("says a scalar has no axes instead of giving the empty range 0..-1", () => {
    expect(() => squeeze(scalar(5), 0)).toThrow("squeeze: axis 0 is out of range: a tensor of rank 0 (a scalar) has no axes");
    expect(() => transpose(scalar(5), [-1])).toThrow(/has no axes/);
  });
});

describe("transpose", () => {
  it("reverses the axes by default", () => {
    expect(transpose(x).toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it("permutes the axes by perm, negative entries allowed", () => {
    const y = new Tensor([2, 3, 4], Float32Array.from({ length: 24 }, (_, i) => i));
    const t = transpose(y, [1, 2, 0]);
    expect(t.shape).toEqual([3, 4, 2]);
    // np.arange(24).reshape(2,3,4).transpose(1,2,0)[1, 2] == [6, 18]
    expect(index(t, [1, 2]).toFlatArray()).toEqual([6, 18]);
    expect(transpose(y, [-2, -1, 0]).toFlatArray()).toEqual(t.toFlatArray());
  });

  it("of a 1-D tensor or a scalar is the identity", () => {
    const v = tensor([1, 2]);
    expect(transpose(v)).toBe(v);
    expect(transpose(scalar(1)).shape).toEqual([]);
  });
});

describe("broadcastTo", () => {
  it("repeats a row and a column", () => {
    expect(broadcastTo(tensor([1, 2, 3]), [2, 3]).toArray()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(broadcastTo(tensor([[1], [2]]), [2, 3]).toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(broadcastTo(tensor([7]), [2, 2]).toArray()).toEqual([[7, 7], [7, 7]]);
  });

  // Engine bug: mapBinary's equal-shapes fast path fires for the scalar shape [] against the
  // dummy [] operand and reads past the input, giving [[3, NaN], [NaN, NaN]].
  it("repeats a scalar", () => {
    expect(broadcastTo(scalar(3), [2, 2]).toArray()).toEqual([[3, 3], [3, 3]]);
    expect(broadcastTo(scalar(3), [3]).toFlatArray()).toEqual([3, 3, 3]);
  });

  it("sums the gradient back over the repeated axes", () => {
    const v = tensor([[1], [2]]);
    expect(grad(broadcastTo(v, [3, 2, 4]), [v])[0]!.toArray()).toEqual([[12], [12]]);
  });

  it("refuses a shape that the input does not broadcast to, with a ShapeError", () => {
    expect(() => broadcastTo(tensor([1, 2, 3]), [3, 2])).toThrow(ShapeError);
    expect(() => broadcastTo(tensor([[1, 2, 3]]), [3])).toThrow("broadcast_to: [1, 3] cannot be broadcast to [3]");
  });
});

describe("concat and stack", () => {
  it("concat joins along an existing axis", () => {
    expect(concat([x, tensor([[6, 7, 8]])]).toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(concat([x, tensor([[9], [9]])], 1).toArray()).toEqual([[0, 1, 2, 9], [3, 4, 5, 9]]);
    expect(concat([x, tensor([[9], [9]])], -1).shape).toEqual([2, 4]);
  });

  it("concat accepts empty pieces", () => {
    expect(concat([x, new Tensor([0, 3], new Float32Array(0))]).toFlatArray()).toEqual(x.toFlatArray());
  });

  it("concat refuses scalars and an empty list", () => {
    expect(() => concat([scalar(1), scalar(2)])).toThrow(/use stack/);
    expect(() => concat([])).toThrow(ArgumentError);
  });

  it("stack joins along a new axis", () => {
    const a = tensor([1, 2]);
    const b = tensor([3, 4]);
    expect(stack([a, b]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(stack([a, b], 1).toArray()).toEqual([[1, 3], [2, 4]]);
    expect(stack([a, b], -1).toArray()).toEqual([[1, 3], [2, 4]]);
    expect(stack([scalar(1), scalar(2)]).toFlatArray()).toEqual([1, 2]);
    expect(() => stack([a, b], 2)).toThrow(ArgumentError);
  });
});

describe("index", () => {
  const y = new Tensor([3, 4], Float32Array.from({ length: 12 }, (_, i) => i));

  it("follows NumPy basic indexing", () => {
    expect(index(y, [1]).toFlatArray()).toEqual([4, 5, 6, 7]);
    expect(index(y, [-1, -1]).item()).toBe(11);
    expect(index(y, [-1, -1]).shape).toEqual([]);
    expect(index(y, [ALL, 0]).toFlatArray()).toEqual([0, 4, 8]);
    expect(index(y, [{ start: 1 }, { stop: 2 }]).toArray()).toEqual([[4, 5], [8, 9]]);
    expect(index(y, [{ step: -1 }, { start: 3, stop: 0, step: -2 }]).toArray()).toEqual([[11, 9], [7, 5], [3, 1]]);
    expect(index(y, [{ start: 5, stop: 10 }]).shape).toEqual([0, 4]);
    expect(index(y, [{ start: -100, stop: 100, step: 2 }]).toArray()).toEqual([[0, 1, 2, 3], [8, 9, 10, 11]]);
  });

  it("throws an ArgumentError naming the index, axis and size when an integer is out of range", () => {
    expect(() => index(y, [3])).toThrow("index: index 3 is out of bounds for axis 0 with size 3 (shape [3, 4])");
    expect(() => index(y, [0, -5])).toThrow(ArgumentError);
  });
});
