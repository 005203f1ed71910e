import { describe, it } from "vitest";
import { grad } from "../../../engine/grad.ts";
import { add, square, sum } from "../../../engine/index.ts";
import { conv2d, type Conv2dOptions, type Pair } from "../../../engine/ops/conv.ts";
import { avg_pool2d, max_pool2d } from "../../../engine/ops/pool.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import { assertGradcheck, distinctTensor, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;

// [x shape, kernel shape, strides, padding]: odd sizes, strides 1, 2 and [1, 2], both paddings,
// batch 1 and > 1, 1×1, 3×3 and non-square kernels, several channels.
const CONV_CASES: [number[], number[], Pair, "valid" | "same"][] = [
  [[1, 5, 5, 1], [3, 3, 1, 1], 1, "valid"],
  [[1, 5, 5, 1], [3, 3, 1, 1], 1, "same"],
  [[2, 7, 6, 3], [3, 3, 3, 2], 2, "same"],
  [[2, 7, 7, 2], [3, 3, 2, 2], 2, "valid"],
  [[2, 6, 7, 2], [2, 3, 2, 3], [1, 2], "same"],
  [[1, 5, 7, 2], [3, 2, 2, 2], [1, 2], "valid"],
  [[1, 6, 6, 1], [3, 3, 1, 2], 2, "same"], // padding 0 before, 1 after: the uneven split
  [[3, 5, 4, 2], [1, 1, 2, 4], 1, "valid"], // pointwise: x is its own im2col
  [[1, 5, 5, 2], [1, 1, 2, 2], 2, "same"],
  [[2, 5, 5, 1], [5, 5, 1, 2], 1, "valid"], // one window covers the image
  [[1, 2, 3, 1], [3, 3, 1, 1], 1, "same"], // kernel larger than the image, all padding
  [[1, 4, 6, 3], [3, 2, 3, 2], [2, 1], "same"],
];

describe("gradients of conv2d match finite differences (x and kernel)", () => {
  CONV_CASES.forEach(([xs, ks, strides, padding], n) => {
    it(`${fmt(xs)} ⊛ ${fmt(ks)}, strides ${JSON.stringify(strides)}, ${padding}`, () => {
      const r = seededUniform(1500 + n);
      const options: Conv2dOptions = { strides, padding };
      assertGradcheck((x, k) => conv2d(x, k, options), [uniformTensor(xs, r), uniformTensor(ks, r)]);
    });
  });

  it("second order: the gradient of the input and kernel gradients (createGraph)", () => {
    const r = seededUniform(1590);
    const options: Conv2dOptions = { strides: 2, padding: "same" };
    const through = (x: Tensor, k: Tensor) => {
      const [gx, gk] = grad(sum(square(conv2d(x, k, options))), [x, k], { createGraph: true });
      return add(sum(square(gx!)), sum(square(gk!)));
    };
    assertGradcheck(through, [uniformTensor([1, 5, 4, 2], r), uniformTensor([3, 2, 2, 2], r)], { atol: 2e-3, rtol: 1e-2 });
  });
});

// [x shape, size, strides (undefined: = size)]
const POOL_CASES: [number[], Pair, Pair | undefined][] = [
  [[1, 5, 5, 1], 2, undefined], // odd size: the last row and column belong to no window
  [[2, 7, 6, 3], 3, 2], // overlapping windows
  [[2, 6, 7, 2], [2, 3], [1, 2]],
  [[1, 4, 5, 2], [3, 1], 1],
  [[2, 3, 3, 2], 3, undefined], // one window per image
];

describe("gradients of max_pool2d and avg_pool2d match finite differences", () => {
  POOL_CASES.forEach(([xs, size, strides], n) => {
    const label = `${fmt(xs)}, size ${JSON.stringify(size)}, strides ${JSON.stringify(strides ?? size)}`;
    it(`max_pool2d ${label}`, () => {
      // Distinct values 0.1 apart: no window has a tie within the finite-difference step.
      assertGradcheck((x) => max_pool2d(x, size, strides), [distinctTensor(xs, seededUniform(1600 + n))]);
    });
    it(`avg_pool2d ${label}`, () => {
      assertGradcheck((x) => avg_pool2d(x, size, strides), [uniformTensor(xs, seededUniform(1650 + n))]);
    });
  });

  it("second order through both pools (createGraph)", () => {
    const through = (x: Tensor) => {
      const y = add(sum(square(max_pool2d(x, 2, 1))), sum(square(avg_pool2d(x, [2, 3], 1))));
      const [gx] = grad(y, [x], { createGraph: true });
      return square(gx!);
    };
    assertGradcheck(through, [distinctTensor([1, 4, 5, 2], seededUniform(1699))]);
  });
});
