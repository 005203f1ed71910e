import { describe, it } from "vitest";
import * as ew from "../../../engine/ops/elementwise.ts";
import type { Shape } from "../../../engine/shape.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import {
  assertGradcheck,
  avoidingTensor,
  broadcastingShapePairs,
  distinctTensor,
  seededUniform,
  signedTensor,
  uniformTensor,
  type Uniform,
} from "../../support/gradcheck.ts";

const fmt = (s: Shape) => `[${s.join(", ")}]`;

describe("gradients of unary element-wise ops match finite differences", () => {
  const shape = [2, 3, 2];
  type Case = [name: string, f: (x: Tensor) => Tensor, input: (r: Uniform) => Tensor];
  const cases: Case[] = [
    ["neg", ew.neg, (r) => uniformTensor(shape, r, -2, 2)],
    ["abs (away from 0)", ew.abs, (r) => signedTensor(shape, r, 0.1, 2)],
    ["exp", ew.exp, (r) => uniformTensor(shape, r, -2, 2)],
    ["log (positive inputs)", ew.log, (r) => uniformTensor(shape, r, 0.3, 3)],
    ["sqrt (positive inputs)", ew.sqrt, (r) => uniformTensor(shape, r, 0.3, 3)],
    ["square", ew.square, (r) => uniformTensor(shape, r, -2, 2)],
    ["sin", ew.sin, (r) => uniformTensor(shape, r, -3, 3)],
    ["cos", ew.cos, (r) => uniformTensor(shape, r, -3, 3)],
    ["tanh", ew.tanh, (r) => uniformTensor(shape, r, -2, 2)],
    ["sigmoid", ew.sigmoid, (r) => uniformTensor(shape, r, -4, 4)],
    ["relu (away from 0)", ew.relu, (r) => signedTensor(shape, r, 0.1, 2)],
    ["clip to [-0.5, 0.7] (away from the bounds)", (x) => ew.clip(x, -0.5, 0.7), (r) => avoidingTensor(shape, r, -1.5, 1.5, [-0.5, 0.7], 0.05)],
  ];
  cases.forEach(([name, f, input], k) => {
    it(name, () => {
      assertGradcheck(f, [input(seededUniform(100 + k))]);
    });
  });

  it("on a scalar input", () => {
    assertGradcheck((x) => ew.tanh(ew.exp(x)), [uniformTensor([], seededUniform(5), -1, 1)]);
  });
});

describe("gradients of binary element-wise ops match finite differences under broadcasting", () => {
  const listed: [number[], number[]][] = [
    [[2, 3], [2, 3]],
    [[3, 1, 4], [2, 4]],
    [[5], []],
    [[], [5]],
    [[1], [2, 3]],
    [[2, 3], [3]],
    [[4, 1], [1, 3]],
    [[2, 1, 3], [1, 4, 1]],
    [[], []],
  ];
  const pairs = [...listed, ...broadcastingShapePairs(seededUniform(42), 12)];

  type Inputs = (sa: Shape, sb: Shape, r: Uniform) => [Tensor, Tensor];
  const anyValues: Inputs = (sa, sb, r) => [uniformTensor(sa, r, -2, 2), uniformTensor(sb, r, -2, 2)];
  const ops: [string, (a: Tensor, b: Tensor) => Tensor, Inputs][] = [
    ["add", ew.add, anyValues],
    ["sub", ew.sub, anyValues],
    ["mul", ew.mul, anyValues],
    ["div (divisor away from 0)", ew.div, (sa, sb, r) => [uniformTensor(sa, r, -2, 2), signedTensor(sb, r, 0.5, 2)]],
    ["pow (positive base, both operands)", ew.pow, (sa, sb, r) => [uniformTensor(sa, r, 0.5, 2), uniformTensor(sb, r, -2, 2)]],
    // Grids offset by half a step: no pair of elements is within a finite-difference step of a tie.
    ["maximum (no ties)", ew.maximum, (sa, sb, r) => [distinctTensor(sa, r, 0.3), distinctTensor(sb, r, 0.3, 0.15)]],
    ["minimum (no ties)", ew.minimum, (sa, sb, r) => [distinctTensor(sa, r, 0.3), distinctTensor(sb, r, 0.3, 0.15)]],
  ];

  for (const [name, f, inputs] of ops) {
    describe(name, () => {
      pairs.forEach(([sa, sb], k) => {
        it(`${fmt(sa)} with ${fmt(sb)}`, () => {
          assertGradcheck(f, inputs(sa, sb, seededUniform(1000 + k)));
        });
      });
    });
  }

  it("pow with a negative base and an integer exponent (gradient w.r.t. the base)", () => {
    const r = seededUniform(9);
    assertGradcheck((a) => ew.pow(a, 3), [signedTensor([2, 3], r, 0.3, 1.5)]);
  });

  it("with a plain-number operand", () => {
    const r = seededUniform(10);
    assertGradcheck((a) => ew.div(ew.sub(2, ew.mul(a, 3)), 0.5), [uniformTensor([3], r)]);
  });

  it("with the same tensor as both operands", () => {
    const r = seededUniform(11);
    const x = uniformTensor([2, 2], r, 0.5, 2);
    assertGradcheck((a) => ew.mul(a, a), [x]);
    assertGradcheck((a) => ew.pow(a, a), [x]);
    assertGradcheck((a) => ew.div(a, ew.add(a, 1)), [x]);
  });
});
