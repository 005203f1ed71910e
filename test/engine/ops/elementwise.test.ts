import { describe, expect, it } from "vitest";
import { ShapeError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import * as ew from "../../../engine/ops/elementwise.ts";
import { Tensor, scalar, tensor } from "../../../engine/tensor.ts";

const values = (t: Tensor) => t.toFlatArray();
const f32 = (xs: number[]) => xs.map(Math.fround);

describe("unary element-wise ops", () => {
  const x = tensor([-2, -0.5, 0, 0.5, 3]);

  it("compute their NumPy values, rounded to float32", () => {
    const cases: [(t: Tensor) => Tensor, (v: number) => number][] = [
      [ew.neg, (v) => -v],
      [ew.abs, Math.abs],
      [ew.exp, Math.exp],
      [ew.square, (v) => v * v],
      [ew.sin, Math.sin],
      [ew.cos, Math.cos],
      [ew.tanh, Math.tanh],
      [ew.sigmoid, (v) => 1 / (1 + Math.exp(-v))],
      [ew.relu, (v) => Math.max(v, 0)],
      [ew.sign, Math.sign],
    ];
    for (const [op, ref] of cases) {
      const got = values(op(x));
      got.forEach((g, i) => expect(g, `${op.name} at ${x.data[i]}`).toBeCloseTo(Math.fround(ref(x.data[i]!)), 6));
    }
  });

  it("log and sqrt of positive values", () => {
    const p = tensor([0.25, 1, 4, 9]);
    expect(values(ew.log(p))).toEqual(f32([Math.log(0.25), 0, Math.log(4), Math.log(9)]));
    expect(values(ew.sqrt(p))).toEqual([0.5, 1, 2, 3]);
  });

  it("keep the input's shape, scalars included", () => {
    expect(ew.exp(tensor([[1, 2, 3]])).shape).toEqual([1, 3]);
    expect(ew.exp(scalar(0)).shape).toEqual([]);
    expect(ew.exp(scalar(0)).item()).toBe(1);
    expect(ew.neg(2).item()).toBe(-2);
  });

  it("propagate NaN and Inf without throwing", () => {
    expect(values(ew.log(tensor([0, -1, Infinity])))).toEqual([-Infinity, NaN, Infinity]);
    expect(values(ew.sqrt(tensor([-1, Infinity])))).toEqual([NaN, Infinity]);
    expect(values(ew.exp(tensor([1000, -1000, -Infinity, NaN])))).toEqual([Infinity, 0, 0, NaN]);
    expect(values(ew.tanh(tensor([Infinity, -Infinity, NaN])))).toEqual([1, -1, NaN]);
    expect(values(ew.abs(tensor([-Infinity, NaN])))).toEqual([Infinity, NaN]);
    expect(values(ew.relu(tensor([NaN, -Infinity, Infinity])))).toEqual([NaN, 0, Infinity]);
    expect(values(ew.sign(tensor([NaN, -Infinity])))).toEqual([NaN, -1]);
    expect(values(ew.sin(tensor([Infinity])))).toEqual([NaN]);
  });

  it("sigmoid saturates to exactly 0 and 1 instead of overflowing to NaN", () => {
    expect(values(ew.sigmoid(tensor([-1000, 1000, -Infinity, Infinity, 0])))).toEqual([0, 1, 0, 1, 0.5]);
  });

  it("clip clamps into [lo, hi] and passes NaN through", () => {
    expect(values(ew.clip(tensor([-3, -1, 0.5, 1, 7, NaN]), -1, 1))).toEqual([-1, -1, 0.5, 1, 1, NaN]);
  });
});

describe("binary element-wise ops", () => {
  it("broadcast a column against a row, as in NumPy", () => {
    const col = tensor([[1], [2]]);
    const row = tensor([10, 20, 30]);
    expect(ew.add(col, row).toArray()).toEqual([[11, 21, 31], [12, 22, 32]]);
    expect(ew.sub(col, row).toArray()).toEqual([[-9, -19, -29], [-8, -18, -28]]);
    expect(ew.mul(col, row).toArray()).toEqual([[10, 20, 30], [20, 40, 60]]);
    expect(ew.div(row, col).toArray()).toEqual([[10, 20, 30], [5, 10, 15]]);
  });

  it("accept plain numbers as scalar operands", () => {
    const x = tensor([1, 2, 3]);
    expect(values(ew.sub(10, x))).toEqual([9, 8, 7]);
    expect(values(ew.div(x, 2))).toEqual([0.5, 1, 1.5]);
    expect(values(ew.pow(2, x))).toEqual([2, 4, 8]);
    expect(ew.add(1, 2).item()).toBe(3);
  });

  it("pow follows NumPy for zero, negative and fractional cases", () => {
    expect(values(ew.pow(tensor([0, 2, -2, -8, 4]), tensor([0, -1, 3, 1 / 3, 0.5])))).toEqual([1, 0.5, -8, NaN, 2]);
  });

  it("maximum and minimum pick element-wise and propagate NaN (np.maximum, np.minimum)", () => {
    const a = tensor([1, 5, NaN, -Infinity]);
    const b = tensor([3, 2, 0, NaN]);
    expect(values(ew.maximum(a, b))).toEqual([3, 5, NaN, NaN]);
    expect(values(ew.minimum(a, b))).toEqual([1, 2, NaN, NaN]);
    expect(values(ew.maximum(tensor([-1, 2]), 0))).toEqual([0, 2]);
  });

  it("division by zero gives ±Inf or NaN without throwing", () => {
    expect(values(ew.div(tensor([1, -1, 0]), 0))).toEqual([Infinity, -Infinity, NaN]);
    expect(values(ew.mul(tensor([Infinity]), 0))).toEqual([NaN]);
    expect(values(ew.add(tensor([Infinity]), -Infinity))).toEqual([NaN]);
  });

  it("round results to float32", () => {
    expect(ew.add(scalar(0.1), scalar(0.2)).item()).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(ew.mul(scalar(1e30), scalar(1e30)).item()).toBe(Infinity);
  });
});

describe("comparisons", () => {
  const a = tensor([[1, 2, 3]]);
  const b = tensor([[2], [3]]);

  it("return 1 where the relation holds and 0 elsewhere, with broadcasting", () => {
    expect(ew.equal(a, b).toArray()).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(ew.not_equal(a, b).toArray()).toEqual([[1, 0, 1], [1, 1, 0]]);
    expect(ew.less(a, b).toArray()).toEqual([[1, 0, 0], [1, 1, 0]]);
    expect(ew.less_equal(a, b).toArray()).toEqual([[1, 1, 0], [1, 1, 1]]);
    expect(ew.greater(a, b).toArray()).toEqual([[0, 0, 1], [0, 0, 0]]);
    expect(ew.greater_equal(a, b).toArray()).toEqual([[0, 1, 1], [0, 0, 1]]);
  });

  it("treat NaN as unequal to everything, itself included (IEEE, as NumPy)", () => {
    const n = tensor([NaN, NaN, 1]);
    const m = tensor([NaN, 1, NaN]);
    expect(values(ew.equal(n, m))).toEqual([0, 0, 0]);
    expect(values(ew.not_equal(n, m))).toEqual([1, 1, 1]);
    expect(values(ew.less(n, m))).toEqual([0, 0, 0]);
    expect(values(ew.greater_equal(n, m))).toEqual([0, 0, 0]);
  });

  it("compare infinities like numbers", () => {
    expect(values(ew.less(tensor([-Infinity, Infinity]), 0))).toEqual([1, 0]);
    expect(values(ew.equal(tensor([Infinity]), Infinity))).toEqual([1]);
  });

  it("have no gradient: the inputs get zeros", () => {
    const x = tensor([1, 2, 3]);
    const [g] = grad(ew.greater(x, 1.5), [x]);
    expect(values(g!)).toEqual([0, 0, 0]);
  });

  it("throw a ShapeError for shapes that do not broadcast", () => {
    expect(() => ew.less(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(ShapeError);
  });
});

describe("gradients at kinks and ties follow the documented conventions", () => {
  it("maximum and minimum split a tie evenly between both operands", () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([2, 2, 2]);
    const [ga, gb] = grad(ew.maximum(a, b), [a, b]);
    expect(values(ga!)).toEqual([0, 0.5, 1]);
    expect(values(gb!)).toEqual([1, 0.5, 0]);
    const [ha, hb] = grad(ew.minimum(a, b), [a, b]);
    expect(values(ha!)).toEqual([1, 0.5, 0]);
    expect(values(hb!)).toEqual([0, 0.5, 1]);
  });

  it("relu and abs have gradient 0 at 0", () => {
    const x = tensor([-1, 0, 2]);
    expect(values(grad(ew.relu(x), [x])[0]!)).toEqual([0, 0, 1]);
    expect(values(grad(ew.abs(x), [x])[0]!)).toEqual([-1, 0, 1]);
  });

  it("clip passes the gradient inside [lo, hi], boundaries included, and blocks it outside", () => {
    const x = tensor([-2, -1, 0, 1, 2]);
    expect(values(grad(ew.clip(x, -1, 1), [x])[0]!)).toEqual([0, 1, 1, 1, 0]);
  });

  it("pow's gradient w.r.t. the exponent is NaN for a negative base, as in PyTorch", () => {
    const a = tensor([-2, 2]);
    const b = tensor([2, 2]);
    const [ga, gb] = grad(ew.pow(a, b), [a, b]);
    expect(values(ga!)).toEqual([-4, 4]);
    expect(gb!.data[0]).toBeNaN();
    expect(gb!.data[1]).toBeCloseTo(4 * Math.log(2), 5);
  });

  // Engine bug: the VJP multiplies by log(0) = -Inf and by 0^-1 = Inf, giving NaN/-Inf where the
  // derivative is 0. PyTorch (pow_backward_self / pow_backward_exponent) returns 0 in both cases.
  it("pow's gradients at a zero base are 0 where the true derivative is 0, as in PyTorch", () => {
    const a = tensor([0, 0, 0]);
    const b = tensor([2, 0, 1]);
    const [ga, gb] = grad(ew.pow(a, b), [a, b]);
    // d(a^b)/da = b·a^(b−1): 0 at (0, 2), 0 at (0, 0) since a^0 ≡ 1, 1 at (0, 1)
    expect(values(ga!)).toEqual([0, 0, 1]);
    // d(a^b)/db = a^b·ln a → 0 as a → 0 for b > 0; PyTorch also gives 0 for b = 0
    expect(values(gb!)).toEqual([0, 0, 0]);
  });
});
