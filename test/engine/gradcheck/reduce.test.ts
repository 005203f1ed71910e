import { describe, it } from "vitest";
import { logsumexp, max, mean, min, sum, type Axis } from "../../../engine/ops/reduce.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import { assertGradcheck, distinctTensor, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

type Reduction = (x: Tensor, axis?: Axis, keepdims?: boolean) => Tensor;

describe("gradients of reductions match finite differences", () => {
  const shape = [2, 3, 4];
  const axes: Axis[] = [undefined, 0, 1, 2, -1, -3, [0, 2], [-1, 1], [0, 1, 2], []];
  const ops: [string, Reduction, (seed: number) => Tensor][] = [
    ["sum", sum, (s) => uniformTensor(shape, seededUniform(s), -2, 2)],
    ["mean", mean, (s) => uniformTensor(shape, seededUniform(s), -2, 2)],
    // All-distinct values: no ties, so max/min are differentiable at the inputs.
    ["max (no ties)", max, (s) => distinctTensor(shape, seededUniform(s), 0.1)],
    ["min (no ties)", min, (s) => distinctTensor(shape, seededUniform(s), 0.1)],
    ["logsumexp", logsumexp, (s) => uniformTensor(shape, seededUniform(s), -2, 2)],
  ];
  for (const [name, op, input] of ops) {
    describe(name, () => {
      axes.forEach((axis, k) => {
        for (const keepdims of [false, true]) {
          it(`over axis ${JSON.stringify(axis) ?? "undefined (all)"} with keepdims=${keepdims}`, () => {
            assertGradcheck((x) => op(x, axis, keepdims), [input(200 + k)]);
          });
        }
      });
    });
  }

  it("of a scalar input", () => {
    const x = uniformTensor([], seededUniform(1));
    for (const op of [sum, mean, max, min, logsumexp]) assertGradcheck((t) => op(t), [x]);
  });

  it("of logsumexp with large inputs, where the max shift matters", () => {
    const x = uniformTensor([2, 3], seededUniform(2), 80, 84);
    assertGradcheck((t) => logsumexp(t, -1), [x], { h: 5e-2 });
  });
});
