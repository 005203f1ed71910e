import { describe, expect, it } from "vitest";
import { mapUnary } from "../../../engine/kernels/elementwise.ts";
import { add, mul, neg, square } from "../../../engine/ops/elementwise.ts";
import { record } from "../../../engine/tape.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import { assertGradcheck, gradcheck, seededUniform, signedTensor, uniformTensor } from "../../support/gradcheck.ts";

// Ops with deliberately wrong VJPs: the checker must reject each of them.
const squareMissingFactor2 = (x: Tensor): Tensor => record("bad_square", x.shape, mapUnary(x.data, (v) => v * v), [x], (g) => [mul(g, x)]);
const squareSignFlipped = (x: Tensor): Tensor =>
  record("bad_square", x.shape, mapUnary(x.data, (v) => v * v), [x], (g) => [neg(mul(g, mul(x, 2)))]);
const squareIgnoringUpstream = (x: Tensor): Tensor =>
  record("bad_square", x.shape, mapUnary(x.data, (v) => v * v), [x], () => [mul(x, 2)]);
const squareSlightlyOff = (x: Tensor): Tensor =>
  record("bad_square", x.shape, mapUnary(x.data, (v) => v * v), [x], (g) => [mul(g, mul(x, 2.1))]);

describe("gradcheck", () => {
  const x = signedTensor([3, 4], seededUniform(1));

  it("accepts a correct gradient", () => {
    const report = assertGradcheck((a) => square(a), [x]);
    expect(report.checked).toBe(12);
    expect(report.worst).toBeLessThan(0.5);
  });

  it("rejects a gradient missing a factor of 2", () => {
    expect(gradcheck(squareMissingFactor2, [x]).mismatches.length).toBe(12);
    expect(() => assertGradcheck(squareMissingFactor2, [x])).toThrow(/gradcheck failed on 12 of 12 elements/);
  });

  it("rejects a gradient with the wrong sign", () => {
    expect(gradcheck(squareSignFlipped, [x]).mismatches.length).toBe(12);
  });

  it("rejects a gradient that ignores the upstream gradient, thanks to the random weights", () => {
    expect(gradcheck(squareIgnoringUpstream, [x]).mismatches.length).toBeGreaterThan(6);
  });

  it("rejects a gradient that is 5% off", () => {
    expect(gradcheck(squareSlightlyOff, [x]).mismatches.length).toBeGreaterThan(6);
  });

  it("rejects a gradient of the wrong shape", () => {
    const wrongShape = (a: Tensor): Tensor => record("bad_sum", [], Float32Array.of(a.data.reduce((s, v) => s + v, 0)), [a], (g) => [g]);
    expect(gradcheck(wrongShape, [x]).mismatches[0]).toMatch(/gradient shape \[\] ≠ input shape \[3, 4\]/);
  });

  it("names the input and element of each mismatch", () => {
    const report = gradcheck((a, b) => add(squareMissingFactor2(a), b), [x, uniformTensor([4], seededUniform(2))]);
    expect(report.mismatches[0]).toMatch(/^input 0\[3, 4\] at \[0, 0\]: analytic .*, numeric /);
    expect(report.mismatches.every((m) => m.startsWith("input 0"))).toBe(true);
  });

  it("checks only the requested inputs", () => {
    const report = gradcheck((a, b) => mul(squareMissingFactor2(a), b), [x, uniformTensor([4], seededUniform(3))], { check: [1] });
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBe(4);
  });

  it("weights the output with a fixed random tensor w: the analytic side is 2x ⊙ w for square", () => {
    const report = gradcheck((a) => square(a), [x], { seed: 7 });
    const w = signedTensor(x.shape, seededUniform(7), 0.5, 1.5);
    const expected = mul(mul(x, 2), w);
    report.analytic[0]!.data.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, 5));
    report.numeric[0]!.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, 3));
  });
});
