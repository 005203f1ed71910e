import { afterEach, describe, expect, it } from "vitest";
import {
  add, arange, concat, DEFAULT_MAX_ELEMENTS, eye, full, linspace, matmul, maxElements, neg, one_hot, ones, rand, randn,
  Rng, setMaxElements, SizeError, tensor, zeros,
} from "../../engine/index.ts";
import { MAX_ELEMENTS } from "../../engine/datasets/decode.ts";

const LIMIT = "the limit is 268,435,456 (2^28)";

function sizeError(f: () => unknown): SizeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SizeError);
    return e as SizeError;
  }
  return expect.fail("expected a SizeError");
}

describe("the element limit", () => {
  afterEach(() => setMaxElements(DEFAULT_MAX_ELEMENTS));

  it("is 2^28 by default, the same number the dataset readers use", () => {
    expect(maxElements()).toBe(2 ** 28);
    expect(MAX_ELEMENTS).toBe(DEFAULT_MAX_ELEMENTS);
  });

  it("refuses creation ops past it with a message naming the call, before allocating", () => {
    expect(sizeError(() => ones([1e9])).message).toBe(`ones([1000000000]) would have 1,000,000,000 elements; ${LIMIT}`);
    // 2^40 floats: a typed array that big would throw a RangeError, so this shows the check came first.
    expect(sizeError(() => zeros([2 ** 20, 2 ** 20])).message).toBe(`zeros([1048576, 1048576]) would have 1,099,511,627,776 elements; ${LIMIT}`);
    expect(sizeError(() => full([2 ** 14, 2 ** 14, 2], 0)).message).toBe(`full([16384, 16384, 2]) would have 536,870,912 elements; ${LIMIT}`);
    expect(sizeError(() => eye(100_000)).message).toBe(`eye([100000, 100000]) would have 10,000,000,000 elements; ${LIMIT}`);
    expect(sizeError(() => arange(3e8)).message).toBe(`arange(0, 300000000, 1) would have 300,000,000 elements; ${LIMIT}`);
    expect(sizeError(() => linspace(0, 1, 3e8)).message).toBe(`linspace(0, 1, 300000000) would have 300,000,000 elements; ${LIMIT}`);
    expect(sizeError(() => rand([1e5, 1e5], new Rng({ seed: 1 }))).message).toBe(`rand([100000, 100000]) would have 10,000,000,000 elements; ${LIMIT}`);
    expect(sizeError(() => randn([1e5, 1e5], new Rng({ seed: 1 }))).op).toBe("randn");
  });

  it("refuses results that grow past it: broadcasting, matrix products, concatenation, one_hot", () => {
    const column = zeros([20_000, 1]);
    const row = zeros([1, 20_000]);
    expect(sizeError(() => add(column, zeros([20_000]))).message)
      .toBe(`add: the result [20000, 20000] would have 400,000,000 elements; ${LIMIT}`);
    expect(sizeError(() => matmul(column, row)).message)
      .toBe(`matmul: the result [20000, 20000] would have 400,000,000 elements; ${LIMIT}`);
    setMaxElements(30);
    expect(sizeError(() => concat([zeros([4, 4]), zeros([4, 4])])).message)
      .toBe("concat: the result [8, 4] would have 32 elements; the limit is 30");
    expect(sizeError(() => one_hot(zeros([4]), 8)).message)
      .toBe("one_hot: the result [4, 8] would have 32 elements; the limit is 30");
  });

  it("is configurable: 100 admits ones([100]) and refuses ones([101])", () => {
    expect(setMaxElements(100)).toBe(DEFAULT_MAX_ELEMENTS);
    expect(ones([100]).size).toBe(100);
    expect(sizeError(() => ones([101])).message).toBe("ones([101]) would have 101 elements; the limit is 100");
    expect(sizeError(() => tensor(new Float32Array(101))).message).toBe("tensor([101]) would have 101 elements; the limit is 100");
    expect(() => setMaxElements(0)).toThrow("setMaxElements: the element limit must be a whole number ≥ 1, got 0");
    expect(() => setMaxElements(1.5)).toThrow(/whole number/);
  });

  it("backs every op's output buffer, for ops that don't check their result shape themselves", () => {
    const x = zeros([11, 11]);
    setMaxElements(100);
    expect(sizeError(() => neg(x)).message).toBe("this result would have 121 elements; the limit is 100");
  });
});
