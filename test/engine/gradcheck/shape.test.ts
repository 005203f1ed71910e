import { describe, expect, it } from "vitest";
import { grad } from "../../../engine/grad.ts";
import { mul } from "../../../engine/ops/elementwise.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { take } from "../../../engine/ops/gather.ts";
import { ALL, index, type IndexSpec } from "../../../engine/ops/indexing.ts";
import { concat, stack } from "../../../engine/ops/join.ts";
import { broadcastTo, expand_dims, flatten, reshape, squeeze } from "../../../engine/ops/reshape.ts";
import { transpose } from "../../../engine/ops/transpose.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { assertGradcheck, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

const r = seededUniform(300);
const x234 = uniformTensor([2, 3, 4], r);

describe("gradients of reshaping ops match finite differences", () => {
  it("reshape, including an inferred -1 dimension", () => {
    assertGradcheck((x) => reshape(x, [6, 4]), [x234]);
    assertGradcheck((x) => reshape(x, [4, -1, 2]), [x234]);
    assertGradcheck((x) => reshape(x, [-1]), [x234]);
  });

  it("transpose without perm reverses the axes", () => {
    assertGradcheck((x) => transpose(x), [x234]);
  });

  for (const perm of [[1, 0, 2], [2, 0, 1], [1, 2, 0], [0, 2, 1], [-1, 0, 1]]) {
    it(`transpose with perm ${JSON.stringify(perm)}`, () => {
      assertGradcheck((x) => transpose(x, perm), [x234]);
    });
  }

  it("transpose of a large 2-D matrix (the tiled path)", () => {
    assertGradcheck((x) => transpose(x), [uniformTensor([3, 40], seededUniform(301))]);
  });

  it("flatten", () => {
    assertGradcheck((x) => flatten(x), [x234]);
  });

  for (const axis of [0, 1, 3, -1, -4]) {
    it(`expand_dims at axis ${axis}`, () => {
      assertGradcheck((x) => expand_dims(x, axis), [x234]);
    });
  }

  it("squeeze of all length-1 axes and of named ones", () => {
    const x = uniformTensor([1, 3, 1, 2], seededUniform(302));
    assertGradcheck((t) => squeeze(t), [x]);
    assertGradcheck((t) => squeeze(t, 0), [x]);
    assertGradcheck((t) => squeeze(t, [-2, 0]), [x]);
  });

  for (const [from, to] of [[[3], [2, 3]], [[1], [2, 3]], [[2, 1], [2, 3]], [[1, 3], [4, 2, 3]], [[], [2, 2]], [[2, 1, 3], [2, 4, 3]]]) {
    // Fails for from = []: engine bug, see test/engine/ops/shape.test.ts ("broadcastTo repeats a scalar").
    it(`broadcastTo from [${from}] to [${to}]`, () => {
      assertGradcheck((x) => broadcastTo(x, to!), [uniformTensor(from!, seededUniform(303))]);
    });
  }
});

describe("gradients of joining ops match finite differences", () => {
  const a = uniformTensor([2, 3], r);
  const b = uniformTensor([2, 1], r);
  const c = uniformTensor([2, 2], r);

  it("concat along the last axis, with pieces of different lengths", () => {
    assertGradcheck((p, q, s) => concat([p, q, s], 1), [a, b, c]);
    assertGradcheck((p, q, s) => concat([p, q, s], -1), [a, b, c]);
  });

  it("concat along axis 0", () => {
    assertGradcheck((p, q) => concat([p, q], 0), [uniformTensor([1, 3], r), a]);
  });

  it("concat of a tensor with itself accumulates both gradients", () => {
    assertGradcheck((p) => concat([p, p, p], 0), [a]);
  });

  it("concat of 1-D tensors", () => {
    assertGradcheck((p, q) => concat([p, q]), [uniformTensor([3], r), uniformTensor([2], r)]);
  });

  for (const axis of [0, 1, 2, -1, -3]) {
    it(`stack along axis ${axis}`, () => {
      assertGradcheck((p, q) => stack([p, q], axis), [a, uniformTensor([2, 3], r)]);
    });
  }

  it("stack of scalars", () => {
    assertGradcheck((p, q) => stack([p, q, p]), [uniformTensor([], r), uniformTensor([], r)]);
  });
});

describe("gradients of indexing match finite differences", () => {
  const x = uniformTensor([4, 5, 3], seededUniform(304));
  const specs: [string, IndexSpec[]][] = [
    ["an integer", [1]],
    ["a negative integer", [-1]],
    ["integers on every axis", [2, -2, 0]],
    ["an integer on an inner axis", [ALL, 3]],
    ["a slice", [{ start: 1, stop: 3 }]],
    ["a slice with a step", [{ step: 2 }, { start: 1, step: 3 }]],
    ["a slice with a negative step", [{ step: -1 }]],
    ["a negative-step slice with bounds", [ALL, { start: 4, stop: 0, step: -2 }]],
    ["negative slice bounds", [{ start: -3, stop: -1 }, ALL, { start: -2 }]],
    ["out-of-range slice bounds", [{ start: -10, stop: 10 }, { start: 2, stop: 99 }]],
    ["mixed integers and slices", [{ step: -2 }, 1, { start: 0, stop: 2 }]],
    ["no specs at all", []],
  ];
  for (const [name, spec] of specs) {
    it(`with ${name}`, () => {
      assertGradcheck((t) => index(t, spec), [x]);
    });
  }

  it("with an empty slice: the gradient is all zeros of the input's shape", () => {
    const y = index(x, [{ start: 3, stop: 1 }]);
    expect(y.shape).toEqual([0, 5, 3]);
    const [g] = grad(sum(y), [x]);
    expect(g!.shape).toEqual([4, 5, 3]);
    expect(g!.toFlatArray().every((v) => v === 0)).toBe(true);
  });

  it("with overlapping reads of the same tensor", () => {
    assertGradcheck((t) => mul(index(t, [{ start: 0, stop: 3 }]), index(t, [{ start: 1 }])), [x]);
  });
});

describe("gradients of take match finite differences", () => {
  const x = uniformTensor([4, 3], seededUniform(305));

  it("with distinct row indices", () => {
    assertGradcheck((t) => take(t, [2, 0, 3]), [x]);
  });

  it("with repeated and negative row indices, which accumulate", () => {
    assertGradcheck((t) => take(t, [1, -1, 1, 3, 1]), [x]);
  });

  it("with a 2-D index tensor on a 1-D input", () => {
    const idx = new Tensor([2, 2], Float32Array.of(0, 2, 2, 1));
    assertGradcheck((t) => take(t, idx), [uniformTensor([3], seededUniform(306))]);
  });

  it("with a 3-D input", () => {
    assertGradcheck((t) => take(t, [1, 0, 1]), [uniformTensor([2, 2, 3], seededUniform(307))]);
  });
});
