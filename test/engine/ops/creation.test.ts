import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { arange, eye, full, linspace, ones, ones_like, zeros, zeros_like } from "../../../engine/ops/creation.ts";
import { tensor } from "../../../engine/tensor.ts";

const f32 = (xs: number[]) => xs.map(Math.fround);

describe("zeros, ones and full", () => {
  it("fill a tensor of the given shape", () => {
    expect(zeros([2, 3]).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(ones([3]).toFlatArray()).toEqual([1, 1, 1]);
    expect(full([2, 1], 2.5).toArray()).toEqual([[2.5], [2.5]]);
    expect(full([1], NaN).item()).toBeNaN();
  });

  it("make a scalar from the empty shape and an empty tensor from a zero dimension", () => {
    expect(zeros([]).shape).toEqual([]);
    expect(ones([]).item()).toBe(1);
    expect(zeros([2, 0]).size).toBe(0);
  });

  it("round the fill value to float32", () => {
    expect(full([1], 0.1).item()).toBe(Math.fround(0.1));
  });

  it("reject negative or fractional dimensions with an ArgumentError", () => {
    expect(() => zeros([-1])).toThrow(ArgumentError);
    expect(() => full([1.5], 0)).toThrow(/shape \[1.5\] must hold non-negative integers/);
    expect(() => ones([2, -3])).toThrow(ArgumentError);
  });

  it("zeros_like and ones_like copy the shape", () => {
    const x = tensor([[1, 2, 3]]);
    expect(zeros_like(x).toArray()).toEqual([[0, 0, 0]]);
    expect(ones_like(x).toArray()).toEqual([[1, 1, 1]]);
  });
});

describe("eye", () => {
  it("is the n × n identity", () => {
    expect(eye(3).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it("is rectangular with a second size (np.eye(n, m))", () => {
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(eye(3, 2).toArray()).toEqual([[1, 0], [0, 1], [0, 0]]);
    expect(eye(0).shape).toEqual([0, 0]);
  });

  it("rejects a negative size", () => {
    expect(() => eye(-1)).toThrow(ArgumentError);
  });
});

describe("arange", () => {
  it("counts from 0 with one argument", () => {
    expect(arange(5).toFlatArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(0).shape).toEqual([0]);
  });

  it("excludes the stop value and takes a step", () => {
    expect(arange(2, 8, 2).toFlatArray()).toEqual([2, 4, 6]);
    expect(arange(-3, 3, 2.5).toFlatArray()).toEqual([-3, -0.5, 2]);
    expect(arange(0.5, 3).toFlatArray()).toEqual([0.5, 1.5, 2.5]);
  });

  it("has NumPy's length ceil((stop − start) / step) for fractional steps", () => {
    expect(arange(0, 1, 0.1).toFlatArray()).toEqual(f32([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9]));
    expect(arange(1, 2, 0.3).toFlatArray()).toEqual(f32([1, 1.3, 1.6, 1.9]));
  });

  it("counts down with a negative step", () => {
    expect(arange(1, 0, -0.25).toFlatArray()).toEqual([1, 0.75, 0.5, 0.25]);
    expect(arange(5, 0, -2).toFlatArray()).toEqual([5, 3, 1]);
  });

  it("is empty when the step points away from stop", () => {
    expect(arange(0, -2, 0.5).shape).toEqual([0]);
    expect(arange(3, 3).shape).toEqual([0]);
  });

  it("rejects a zero or non-finite step and absurd lengths", () => {
    expect(() => arange(0, 1, 0)).toThrow(ArgumentError);
    expect(() => arange(0, 1, Infinity)).toThrow(ArgumentError);
    expect(() => arange(0, Infinity)).toThrow(ArgumentError);
    expect(() => arange(0, 2 ** 30)).toThrow("arange(0, 1073741824, 1) would have 1,073,741,824 elements; the limit is 268,435,456 (2^28)");
  });
});

describe("linspace", () => {
  it("includes both ends", () => {
    expect(linspace(0, 1, 5).toFlatArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(-1, 1, 4).toFlatArray()).toEqual(f32([-1, -1 / 3, 1 / 3, 1]));
    expect(linspace(1, 0, 3).toFlatArray()).toEqual([1, 0.5, 0]);
  });

  it("hits stop exactly even when the step does not divide evenly", () => {
    const x = linspace(0, 0.7, 7);
    expect(x.data[6]).toBe(Math.fround(0.7));
  });

  it("defaults to 50 values", () => {
    expect(linspace(0, 49).toFlatArray()).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("gives start alone for num = 1 and nothing for num = 0", () => {
    expect(linspace(2, 3, 1).toFlatArray()).toEqual([2]);
    expect(linspace(2, 3, 0).shape).toEqual([0]);
  });

  it("rejects a negative or fractional num", () => {
    expect(() => linspace(0, 1, -1)).toThrow(ArgumentError);
    expect(() => linspace(0, 1, 2.5)).toThrow(ArgumentError);
  });
});
