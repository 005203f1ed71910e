import { describe, it } from "vitest";
import { div, exp } from "../../../engine/ops/elementwise.ts";
import { binary_crossentropy, categorical_crossentropy, log_softmax, mse, softmax, sparse_categorical_crossentropy } from "../../../engine/ops/nn.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { assertGradcheck, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

const r = seededUniform(400);
const logits = uniformTensor([3, 4], r, -2, 2);

/** Rows of positive probabilities summing to 1, well inside the (1e-7, 1 − 1e-7) clip range. */
function probabilities(shape: number[], seed: number): Tensor {
  const e = exp(uniformTensor(shape, seededUniform(seed), -1, 1));
  return div(e, sum(e, -1, true));
}

describe("gradients of softmax and log_softmax match finite differences", () => {
  for (const axis of [0, 1, -1]) {
    it(`softmax over axis ${axis}`, () => {
      assertGradcheck((x) => softmax(x, axis), [logits]);
    });
    it(`log_softmax over axis ${axis}`, () => {
      assertGradcheck((x) => log_softmax(x, axis), [logits]);
    });
  }

  it("softmax and log_softmax of a 3-D tensor over the middle axis", () => {
    const x = uniformTensor([2, 3, 2], r, -2, 2);
    assertGradcheck((t) => softmax(t, 1), [x]);
    assertGradcheck((t) => log_softmax(t, -2), [x]);
  });

  it("softmax of a 1-D tensor with a large offset (the max shift keeps exp finite)", () => {
    assertGradcheck((t) => softmax(t), [uniformTensor([4], r, 100, 102)], { h: 3e-2 });
  });
});

describe("gradients of the losses match finite differences", () => {
  const yOneHot = new Tensor([3, 4], Float32Array.of(0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1));
  const ySoft = probabilities([3, 4], 401);

  it("categorical_crossentropy w.r.t. normalized predictions", () => {
    assertGradcheck((p) => categorical_crossentropy(yOneHot, p), [probabilities([3, 4], 402)]);
  });

  it("categorical_crossentropy w.r.t. unnormalized predictions (renormalized by the loss)", () => {
    assertGradcheck((p) => categorical_crossentropy(yOneHot, p), [uniformTensor([3, 4], r, 0.2, 2)]);
  });

  it("categorical_crossentropy w.r.t. soft labels and predictions", () => {
    assertGradcheck((y, p) => categorical_crossentropy(y, p), [ySoft, probabilities([3, 4], 403)]);
  });

  it("categorical_crossentropy composed with softmax, w.r.t. the logits", () => {
    assertGradcheck((z) => categorical_crossentropy(yOneHot, softmax(z)), [logits]);
  });

  it("sparse_categorical_crossentropy w.r.t. the predictions", () => {
    const labels = new Tensor([3], Float32Array.of(1, 0, 3));
    assertGradcheck((p) => sparse_categorical_crossentropy(labels, p), [probabilities([3, 4], 404)]);
  });

  it("sparse_categorical_crossentropy with a batch of 2-D labels", () => {
    const labels = new Tensor([2, 2], Float32Array.of(2, 0, 1, 1));
    assertGradcheck((p) => sparse_categorical_crossentropy(labels, p), [probabilities([2, 2, 3], 405)]);
  });

  it("binary_crossentropy w.r.t. both targets and predictions", () => {
    const y = uniformTensor([3, 2], r, 0, 1);
    const p = uniformTensor([3, 2], r, 0.1, 0.9);
    assertGradcheck((t, q) => binary_crossentropy(t, q), [y, p]);
  });

  it("mse w.r.t. both targets and predictions", () => {
    assertGradcheck((t, q) => mse(t, q), [uniformTensor([3, 2], r), uniformTensor([3, 2], r)]);
    assertGradcheck((t, q) => mse(t, q), [uniformTensor([5], r), uniformTensor([5], r)]);
  });
});
