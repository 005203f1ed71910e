import { describe, it } from "vitest";
import { dot, matmul, matmulTransposed } from "../../../engine/ops/products.ts";
import type { Shape } from "../../../engine/shape.ts";
import { assertGradcheck, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

const fmt = (s: Shape) => `[${s.join(", ")}]`;

describe("gradients of matmul match finite differences", () => {
  const cases: [number[], number[]][] = [
    [[2, 3], [3, 4]],
    [[1, 1], [1, 1]],
    [[2, 2, 3], [2, 3, 2]],
    // Broadcast batch dims: the gradient of the broadcast operand sums over the batch.
    [[2, 2, 3], [3, 2]],
    [[3, 2], [2, 2, 3]],
    [[2, 1, 2, 3], [3, 3, 2]],
    [[1, 2, 3], [2, 3, 2]],
    // 1-D operands are promoted and the added axis removed.
    [[3], [3, 2]],
    [[2, 3], [3]],
    [[3], [3]],
    [[3], [2, 3, 2]],
    [[2, 2, 3], [3]],
  ];
  cases.forEach(([sa, sb], k) => {
    it(`${fmt(sa)} @ ${fmt(sb)}`, () => {
      const r = seededUniform(600 + k);
      assertGradcheck(matmul, [uniformTensor(sa, r), uniformTensor(sb, r)]);
    });
  });

  it("of a product large enough for the packed kernel, spot-checked on a few inputs", () => {
    // M·N·K = 18·17·19 takes the blocked path; every element of A is still checked.
    const r = seededUniform(650);
    assertGradcheck((a) => matmul(a, uniformTensor([19, 17], seededUniform(651))), [uniformTensor([18, 19], r)], { atol: 2e-3 });
  });
});

describe("gradients of dot match finite differences in every np.dot case", () => {
  const cases: [string, number[], number[]][] = [
    ["1-D · 1-D (inner product)", [4], [4]],
    ["2-D · 2-D (matrix product)", [2, 3], [3, 4]],
    ["N-D · 1-D (sum over the last axis)", [2, 2, 3], [3]],
    ["2-D · 1-D", [2, 3], [3]],
    ["1-D · 2-D", [3], [3, 2]],
    ["1-D · N-D", [3], [2, 3, 2]],
    ["N-D · 2-D", [2, 2, 3], [3, 2]],
    ["2-D · N-D", [2, 3], [2, 3, 2]],
    ["N-D · M-D (sum over a's last and b's second-to-last axis)", [2, 2, 3], [2, 3, 2]],
    ["3-D · 4-D", [2, 1, 3], [2, 1, 3, 2]],
    ["scalar · N-D", [], [2, 3]],
    ["N-D · scalar", [2, 3], []],
  ];
  cases.forEach(([name, sa, sb], k) => {
    it(`${name}: ${fmt(sa)} · ${fmt(sb)}`, () => {
      const r = seededUniform(700 + k);
      assertGradcheck(dot, [uniformTensor(sa, r), uniformTensor(sb, r)]);
    });
  });
});

describe("gradients of matmulTransposed match finite differences for all four variants", () => {
  // Stored shapes such that op(A) is [2, 3] and op(B) is [3, 4].
  const variants: [boolean, boolean, number[], number[]][] = [
    [false, false, [2, 3], [3, 4]],
    [true, false, [3, 2], [3, 4]],
    [false, true, [2, 3], [4, 3]],
    [true, true, [3, 2], [4, 3]],
  ];
  variants.forEach(([ta, tb, sa, sb], k) => {
    it(`transA=${ta}, transB=${tb}`, () => {
      const r = seededUniform(800 + k);
      assertGradcheck((a, b) => matmulTransposed(a, b, ta, tb), [uniformTensor(sa, r), uniformTensor(sb, r)]);
    });
    it(`transA=${ta}, transB=${tb} with broadcast batch dims`, () => {
      const r = seededUniform(810 + k);
      assertGradcheck((a, b) => matmulTransposed(a, b, ta, tb), [uniformTensor([2, 1, ...sa], r), uniformTensor([3, ...sb], r)]);
    });
  });
});
