import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { argmax, argmin, logsumexp, max, mean, min, sum, sumToShape } from "../../../engine/ops/reduce.ts";
import { Tensor, scalar, tensor } from "../../../engine/tensor.ts";

const iota234 = new Tensor([2, 3, 4], Float32Array.from({ length: 24 }, (_, i) => i));
const closeTo = (got: Tensor, want: number[], digits = 5) => {
  expect(got.size).toBe(want.length);
  got.data.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, digits));
};

describe("sum, mean, max, min", () => {
  // np.arange(24).reshape(2, 3, 4)
  it("reduce every axis by default, to a scalar", () => {
    expect(sum(iota234).shape).toEqual([]);
    expect(sum(iota234).item()).toBe(276);
    expect(mean(iota234).item()).toBe(11.5);
    expect(max(iota234).item()).toBe(23);
    expect(min(iota234).item()).toBe(0);
  });

  it("reduce one axis, given as a number or a negative number", () => {
    expect(sum(iota234, 1).toArray()).toEqual([[12, 15, 18, 21], [48, 51, 54, 57]]);
    expect(sum(iota234, -2).toArray()).toEqual([[12, 15, 18, 21], [48, 51, 54, 57]]);
    expect(max(iota234, -1).toArray()).toEqual([[3, 7, 11], [15, 19, 23]]);
    expect(min(iota234, 0).shape).toEqual([3, 4]);
    expect(mean(iota234, 1).toArray()).toEqual([[4, 5, 6, 7], [16, 17, 18, 19]]);
  });

  it("reduce a list of axes, in any order", () => {
    expect(sum(iota234, [0, 2]).toArray()).toEqual([60, 92, 124]);
    expect(sum(iota234, [2, 0]).toArray()).toEqual([60, 92, 124]);
    expect(min(iota234, [0, -2]).toArray()).toEqual([0, 1, 2, 3]);
    expect(mean(iota234, [0, 1, 2]).item()).toBe(11.5);
  });

  it("keep reduced axes as length 1 with keepdims", () => {
    expect(sum(iota234, 1, true).shape).toEqual([2, 1, 4]);
    expect(max(iota234, [0, 2], true).shape).toEqual([1, 3, 1]);
    expect(max(iota234, [0, 2], true).toFlatArray()).toEqual([15, 19, 23]);
    expect(mean(iota234, undefined, true).shape).toEqual([1, 1, 1]);
  });

  it("reduce nothing for an empty axis list", () => {
    expect(sum(iota234, []).toFlatArray()).toEqual(iota234.toFlatArray());
    expect(sum(iota234, []).shape).toEqual([2, 3, 4]);
  });

  it("of a scalar is the scalar", () => {
    expect(sum(scalar(3)).item()).toBe(3);
    expect(max(scalar(-3)).item()).toBe(-3);
    expect(mean(scalar(3), [], true).shape).toEqual([]);
  });

  it("of a scalar along axis 0 or -1 is the scalar, as in PyTorch (torch.sum(torch.tensor(3.), 0))", () => {
    for (const axis of [0, -1, [0], [-1]]) {
      for (const reduce of [sum, mean, max, min, logsumexp]) {
        const out = reduce(scalar(3), axis);
        expect(out.shape).toEqual([]);
        expect(out.item()).toBeCloseTo(3, 6);
      }
    }
    expect(sum(scalar(3), 0, true).shape).toEqual([]);
  });

  it("of a scalar along axis 0 passes the gradient through unchanged", () => {
    for (const reduce of [sum, mean, max, min, logsumexp]) {
      const x = scalar(3);
      expect(grad(reduce(x, 0), [x], { seed: scalar(2.5) })[0]!.item()).toBeCloseTo(2.5, 6);
    }
  });

  it("refuse other axes of a scalar without printing an empty range", () => {
    expect(() => max(scalar(3), 1)).toThrow("max: axis 1 is out of range for a scalar: reducing a scalar takes axis 0 or -1, or no axis");
    expect(() => sum(scalar(3), [0, -1])).toThrow("sum: axis [0,-1] repeats an axis: a scalar's only axis is 0 (or -1)");
    expect(() => argmax(scalar(3), 2)).toThrow(/axis 2 is out of range for a scalar/);
  });

  it("sum in float64 so a long sum of float32 values stays accurate", () => {
    const n = 100000;
    expect(sum(new Tensor([n], new Float32Array(n).fill(0.1))).item()).toBeCloseTo(Math.fround(0.1) * n, 2);
  });

  it("sum an empty tensor to 0 and give NaN for its mean (NumPy)", () => {
    expect(sum(new Tensor([0], new Float32Array(0))).item()).toBe(0);
    expect(sum(new Tensor([2, 0], new Float32Array(0)), 1).toFlatArray()).toEqual([0, 0]);
    expect(mean(new Tensor([0], new Float32Array(0))).item()).toBeNaN();
  });

  it("max and min refuse an empty axis with an ArgumentError", () => {
    expect(() => max(new Tensor([2, 0], new Float32Array(0)), 1)).toThrow(ArgumentError);
    expect(() => min(new Tensor([0], new Float32Array(0)))).toThrow(/cannot take the min over an empty axis of a tensor of shape \[0\]/);
  });

  it("propagate NaN (np.max, np.sum)", () => {
    const x = tensor([[1, NaN, 3], [4, 5, 6]]);
    expect(max(x, 1).toFlatArray()).toEqual([NaN, 6]);
    expect(min(x, 1).toFlatArray()).toEqual([NaN, 4]);
    expect(sum(x, 1).toFlatArray()).toEqual([NaN, 15]);
    expect(max(tensor([NaN, 1])).item()).toBeNaN();
    expect(min(tensor([1, NaN])).item()).toBeNaN();
  });

  it("handle infinities", () => {
    expect(max(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(sum(tensor([Infinity, 1])).item()).toBe(Infinity);
    expect(sum(tensor([Infinity, -Infinity])).item()).toBeNaN();
  });

  it("reject bad axes with an ArgumentError", () => {
    expect(() => sum(iota234, 3)).toThrow(ArgumentError);
    expect(() => sum(iota234, 3)).toThrow("axis 3 is out of range for a tensor of rank 3 (valid: -3..2)");
    expect(() => sum(iota234, -4)).toThrow(ArgumentError);
    expect(() => sum(iota234, [1, -2])).toThrow(/repeats an axis/);
    expect(() => mean(iota234, 0.5)).toThrow(/must be an integer/);
  });

  it("max and min share the gradient evenly among tied extremes", () => {
    const x = tensor([[1, 3, 3], [2, 0, 2]]);
    expect(grad(max(x, 1), [x])[0]!.toArray()).toEqual([[0, 0.5, 0.5], [0.5, 0, 0.5]]);
    expect(grad(min(x, 1), [x])[0]!.toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(grad(max(x), [x])[0]!.toArray()).toEqual([[0, 0.5, 0.5], [0, 0, 0]]);
  });

  it("mean's gradient is 1/count", () => {
    expect(grad(mean(iota234, [0, 2]), [iota234])[0]!.toFlatArray()).toEqual(new Array(24).fill(1 / 8));
  });
});

describe("logsumexp", () => {
  const x = tensor([[1, -2, 3], [0.5, 4, -1]]);

  it("matches log(sum(exp(x))) over an axis or all of them", () => {
    closeTo(logsumexp(x, 1), [3.13284523, 4.03626957]);
    closeTo(logsumexp(x, 0), [1.47407698, 4.00247569, 3.01814993]);
    closeTo(logsumexp(x), [4.37643484]);
    expect(logsumexp(x).shape).toEqual([]);
    expect(logsumexp(x, -1, true).shape).toEqual([2, 1]);
  });

  it("does not overflow for large inputs", () => {
    closeTo(logsumexp(tensor([1000, 1000])), [1000 + Math.LN2], 3);
    closeTo(logsumexp(tensor([-1000, -1000])), [-1000 + Math.LN2], 3);
  });

  it("is -Inf when every input is -Inf and Inf when one is Inf", () => {
    expect(logsumexp(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(logsumexp(tensor([Infinity, 1])).item()).toBe(Infinity);
  });

  it("has softmax as its gradient", () => {
    const g = grad(logsumexp(x, 1), [x])[0]!;
    const e = [[1, -2, 3], [0.5, 4, -1]].map((row) => row.map(Math.exp));
    const want = e.flatMap((row) => row.map((v) => v / row.reduce((s, u) => s + u, 0)));
    closeTo(g, want, 6);
  });
});

describe("argmax and argmin", () => {
  it("index into the flattened tensor without an axis (NumPy)", () => {
    expect(argmax(tensor([[1, 5], [7, 2]])).item()).toBe(2);
    expect(argmin(tensor([[1, 5], [7, 0]])).item()).toBe(3);
    expect(argmax(tensor([[1, 5], [7, 2]])).shape).toEqual([]);
  });

  it("reduce along an axis, negative ones included", () => {
    const x = tensor([[1, 9, 3], [8, 2, 4]]);
    expect(argmax(x, 0).toFlatArray()).toEqual([1, 0, 1]);
    expect(argmax(x, 1).toFlatArray()).toEqual([1, 0]);
    expect(argmin(x, -1).toFlatArray()).toEqual([0, 1]);
    expect(argmax(iota234, 1).shape).toEqual([2, 4]);
    expect(argmax(iota234, 1).toFlatArray()).toEqual(new Array(8).fill(2));
  });

  it("pick the first of tied values", () => {
    expect(argmax(tensor([3, 1, 3])).item()).toBe(0);
    expect(argmin(tensor([[2, 1, 1], [0, 0, 5]]), 1).toFlatArray()).toEqual([1, 0]);
    expect(argmax(tensor([[1, 5], [5, 1]])).item()).toBe(1);
    expect(argmax(tensor([[4, 4], [4, 4]]), 0).toFlatArray()).toEqual([0, 0]);
  });

  it("pick the first NaN, as NumPy does", () => {
    expect(argmax(tensor([1, NaN, 3, NaN])).item()).toBe(1);
    expect(argmin(tensor([NaN, 0])).item()).toBe(0);
    expect(argmin(tensor([0, -1, NaN])).item()).toBe(2);
    expect(argmax(tensor([[1, NaN], [NaN, 2]]), 1).toFlatArray()).toEqual([1, 0]);
  });

  it("reject empty tensors and bad axes with an ArgumentError", () => {
    expect(() => argmax(new Tensor([0], new Float32Array(0)))).toThrow(ArgumentError);
    expect(() => argmin(new Tensor([2, 0], new Float32Array(0)), 1)).toThrow(ArgumentError);
    expect(() => argmax(tensor([1, 2]), 1)).toThrow(ArgumentError);
  });

  it("of a scalar is 0, with or without axis 0 or -1 (torch.argmax(torch.tensor(5.), 0))", () => {
    expect(argmax(scalar(5)).item()).toBe(0);
    for (const axis of [0, -1]) {
      expect(argmax(scalar(5), axis).shape).toEqual([]);
      expect(argmin(scalar(5), axis).item()).toBe(0);
    }
  });
});

describe("sumToShape", () => {
  it("undoes broadcasting by summing leading and stretched axes", () => {
    const g = new Tensor([2, 2, 3], Float32Array.from({ length: 12 }, (_, i) => i));
    expect(sumToShape(g, [3]).toFlatArray()).toEqual([18, 22, 26]);
    expect(sumToShape(g, [2, 1]).toArray()).toEqual([[24], [42]]);
    expect(sumToShape(g, [1, 3]).shape).toEqual([1, 3]);
    expect(sumToShape(g, []).item()).toBe(66);
    expect(sumToShape(g, [2, 2, 3])).toBe(g);
  });
});
