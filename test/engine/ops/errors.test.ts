import { describe, expect, it } from "vitest";
import { ArgumentError, EngineError, ShapeError, formatShape } from "../../../engine/errors.ts";
import { zeros } from "../../../engine/ops/creation.ts";
import { add, mul } from "../../../engine/ops/elementwise.ts";
import { dot, matmul } from "../../../engine/ops/products.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { tensor } from "../../../engine/tensor.ts";

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("error messages", () => {
  it("format shapes like [2, 3], and the scalar shape as []", () => {
    expect(formatShape([2, 3])).toBe("[2, 3]");
    expect(formatShape([])).toBe("[]");
  });

  it("mul of [128, 784] and [784, 512] names mul and both shapes and suggests dot", () => {
    const e = thrown(() => mul(zeros([128, 784]), zeros([784, 512])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toBeInstanceOf(EngineError);
    expect(e.name).toBe("ShapeError");
    expect((e as ShapeError).op).toBe("mul");
    expect((e as ShapeError).shapes).toEqual([[128, 784], [784, 512]]);
    expect(e.message).toBe(
      "mul: shapes [128, 784] and [784, 512] do not broadcast. For a matrix product use dot(a, b): [128, 784] · [784, 512] gives [128, 512].",
    );
  });

  it("add of shapes that do not broadcast explains the broadcasting rule instead", () => {
    const e = thrown(() => add(zeros([2, 3]), zeros([3, 2])));
    expect(e.message).toContain("add: shapes [2, 3] and [3, 2] do not broadcast.");
    expect(e.message).toContain("Trailing dimensions must be equal or 1");
    expect(e.message).not.toContain("dot(");
  });

  it("dot of [2, 3] and [2, 3] names dot and both shapes and suggests transposing b", () => {
    const e = thrown(() => dot(zeros([2, 3]), zeros([2, 3])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe(
      "dot: shapes [2, 3] and [2, 3] are not aligned: 3 (last axis of the first) ≠ 2 (second-to-last axis of the second). Did you mean dot(a, b') with b transposed?",
    );
  });

  it("matmul of [3, 2] and [3, 4] suggests transposing a", () => {
    expect(thrown(() => matmul(zeros([3, 2]), zeros([3, 4]))).message).toContain("Did you mean matmul(a', b) with a transposed?");
  });

  it("argument errors are prefixed with the op and are EngineErrors", () => {
    const e = thrown(() => sum(zeros([2]), 1));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e).toBeInstanceOf(EngineError);
    expect(e.name).toBe("ArgumentError");
    expect((e as ArgumentError).op).toBe("sum");
    expect(e.message).toMatch(/^sum: axis 1 is out of range/);
  });

  it("tensor construction reports ragged arrays and wrong value counts as ShapeErrors", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow("tensor: 3 values cannot fill shape [2, 2]");
  });
});
