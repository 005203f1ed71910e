import { describe, expect, it } from "vitest";
import { ShapeError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { mul, sub } from "../../../engine/ops/elementwise.ts";
import {
  EPSILON,
  accuracy,
  binary_crossentropy,
  categorical_crossentropy,
  log_softmax,
  mse,
  softmax,
  sparse_categorical_crossentropy,
} from "../../../engine/ops/nn.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { Tensor, tensor } from "../../../engine/tensor.ts";

const closeTo = (got: Tensor, want: number[], digits = 6) => {
  expect(got.size).toBe(want.length);
  got.data.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(want[i]!, digits));
};

const z = tensor([[1, 2, 3], [1, 1, 1]]);

describe("softmax", () => {
  it("normalizes exp over the last axis by default", () => {
    closeTo(softmax(z), [0.09003057, 0.24472847, 0.66524096, 1 / 3, 1 / 3, 1 / 3]);
    closeTo(softmax(z, -1), softmax(z).toFlatArray());
  });

  it("normalizes over axis 0 when asked", () => {
    closeTo(softmax(z, 0), [0.5, 0.73105858, 0.88079708, 0.5, 0.26894142, 0.11920292]);
  });

  it("rows sum to 1 and stay finite for huge logits", () => {
    const s = softmax(tensor([[1000, 1000, -1000], [-1e30, 0, 1e30]]));
    closeTo(s, [0.5, 0.5, 0, 0, 0, 1]);
    closeTo(sum(s, -1), [1, 1]);
  });

  it("gives zero probability to -Inf logits", () => {
    expect(softmax(tensor([-Infinity, 0])).toFlatArray()).toEqual([0, 1]);
  });
});

describe("log_softmax", () => {
  it("is x − logsumexp(x) over the last axis", () => {
    closeTo(log_softmax(z), [-2.40760596, -1.40760596, -0.40760596, -1.09861229, -1.09861229, -1.09861229]);
  });

  it("over axis 0", () => {
    closeTo(log_softmax(z, 0), [0.5, 0.73105858, 0.88079708, 0.5, 0.26894142, 0.11920292].map(Math.log));
  });

  it("stays finite where log(softmax) would underflow to -Inf", () => {
    closeTo(log_softmax(tensor([1000, 0])), [0, -1000], 3);
  });
});

describe("categorical_crossentropy", () => {
  const y = tensor([[0, 0, 1], [1, 0, 0]]);

  it("is the batch mean of −Σ y·log p", () => {
    closeTo(categorical_crossentropy(y, tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]])), [0.52491106]);
  });

  it("renormalizes predictions that do not sum to 1 (Keras)", () => {
    closeTo(categorical_crossentropy(y, tensor([[0.2, 0.4, 1.4], [1, 0.5, 0.5]])), [0.52491106]);
  });

  it("clips a zero probability to 1e-7 instead of returning Inf (Keras)", () => {
    expect(EPSILON).toBe(1e-7);
    closeTo(categorical_crossentropy(tensor([[1, 0, 0]]), tensor([[0, 0.5, 0.5]])), [-Math.log(Math.fround(1e-7))], 4);
  });

  it("is a scalar", () => {
    expect(categorical_crossentropy(y, softmax(z)).shape).toEqual([]);
  });

  it("composed with softmax has gradient (softmax − y) / batch w.r.t. the logits", () => {
    const [g] = grad(categorical_crossentropy(y, softmax(z)), [z]);
    closeTo(g!, mul(sub(softmax(z), y), 0.5).toFlatArray());
  });

  it("rejects labels of a different shape with a ShapeError", () => {
    expect(() => categorical_crossentropy(tensor([0, 2]), z)).toThrow(ShapeError);
    expect(() => categorical_crossentropy(tensor([0, 2]), z)).toThrow("categorical_crossentropy: one-hot labels [2] and predictions [2, 3] must have the same shape");
  });
});

describe("sparse_categorical_crossentropy", () => {
  it("equals categorical_crossentropy on the one-hot labels", () => {
    const p = tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]);
    closeTo(sparse_categorical_crossentropy(tensor([2, 0]), p), [0.52491106]);
  });

  it("accepts a batch of label arrays", () => {
    const p = softmax(tensor([[[1, 2], [3, 1]], [[0, 0], [2, 2]]]));
    const loss = sparse_categorical_crossentropy(tensor([[1, 0], [0, 1]]), p);
    const want = -(Math.log(p.data[1]!) + Math.log(p.data[2]!) + Math.log(p.data[4]!) + Math.log(p.data[7]!)) / 4;
    closeTo(loss, [want]);
  });

  it("suggests categorical_crossentropy for one-hot labels", () => {
    expect(() => sparse_categorical_crossentropy(tensor([[0, 1, 0]]), tensor([[0.2, 0.5, 0.3]]))).toThrow(ShapeError);
    expect(() => sparse_categorical_crossentropy(tensor([[0, 1, 0]]), tensor([[0.2, 0.5, 0.3]]))).toThrow(
      /labels \[1, 3\] must match the predictions \[1, 3\] without their last \(class\) axis; these look one-hot, use categorical_crossentropy/,
    );
  });

  it("rejects a label that is not a class index", () => {
    expect(() => sparse_categorical_crossentropy(tensor([3]), tensor([[0.2, 0.5, 0.3]]))).toThrow(/out of range/);
    expect(() => sparse_categorical_crossentropy(tensor([-1]), tensor([[0.2, 0.5, 0.3]]))).toThrow(/out of range/);
  });
});

describe("binary_crossentropy", () => {
  it("is the mean of −(y·log p + (1 − y)·log(1 − p))", () => {
    closeTo(binary_crossentropy(tensor([[1, 0], [0, 1]]), tensor([[0.9, 0.2], [0.3, 0.6]])), [0.29900116]);
  });

  it("stays finite for predictions of exactly 0 and 1", () => {
    // Clipped to [1e-7, 1 − 1e-7] in float32, where 1 − 1e-7 rounds to 1 − 2⁻²³.
    const loss = binary_crossentropy(tensor([1, 0]), tensor([0, 1])).item();
    expect(loss).toBeCloseTo((-Math.log(Math.fround(1e-7)) - Math.log(2 ** -23)) / 2, 3);
  });

  it("rejects shapes that differ with a ShapeError", () => {
    expect(() => binary_crossentropy(tensor([1, 0]), tensor([[0.5, 0.5]]))).toThrow(ShapeError);
  });
});

describe("mse", () => {
  it("is the mean of squared differences", () => {
    expect(mse(tensor([[1, 2], [3, 4]]), tensor([[1.5, 2], [2, 5]])).item()).toBe(0.5625);
  });

  it("has gradient 2(p − y)/n w.r.t. the predictions", () => {
    const y = tensor([1, 2]);
    const p = tensor([2, 0]);
    expect(grad(mse(y, p), [p])[0]!.toFlatArray()).toEqual([1, -2]);
  });

  it("rejects shapes that differ, rather than broadcasting them", () => {
    expect(() => mse(tensor([1, 2]), tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => mse(tensor([1, 2]), tensor([[1, 2]]))).toThrow("mse: targets [2] and predictions [1, 2] must have the same shape");
  });
});

describe("accuracy", () => {
  it("is the fraction of rows whose argmax is the label", () => {
    const scores = tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]);
    expect(accuracy(tensor([1, 0, 0, 1]), scores).item()).toBe(0.5);
    expect(accuracy(tensor([1, 0, 1, 0]), scores).item()).toBe(1);
  });

  it("breaks ties toward the first class, as argmax does", () => {
    expect(accuracy(tensor([0, 1]), tensor([[0.5, 0.5], [0.5, 0.5]])).item()).toBe(0.5);
  });

  it("has no gradient", () => {
    const scores = tensor([[0.1, 0.9]]);
    expect(accuracy(tensor([1]), scores).node).toBeNull();
  });

  it("rejects one-hot labels with a ShapeError", () => {
    expect(() => accuracy(tensor([[0, 1]]), tensor([[0.1, 0.9]]))).toThrow(ShapeError);
  });
});
