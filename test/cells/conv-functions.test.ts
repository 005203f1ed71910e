import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";

/** Evaluates the cells (A1, A2, …) and returns the last cell's value or error. */
function last(...sources: string[]): { value: number[] | null; shape: number[] | null; error: string | null; kind: string | null } {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  const r = sheet.result(`A${sources.length}`)!;
  return {
    value: r.value ? Array.from(r.value.data) : null,
    shape: r.value ? [...r.value.shape] : null,
    error: r.error?.message ?? null,
    kind: r.error?.kind ?? null,
  };
}

describe("conv2d, max_pool2d and avg_pool2d in cells", () => {
  it("conv2d with a ones kernel sums each 3×3 window; \"same\" pads the border with zeros", () => {
    expect(last('conv2d(ones([1, 3, 3, 1]), ones([3, 3, 1, 1]), {padding: "same"})')).toEqual({
      value: [4, 6, 4, 6, 9, 6, 4, 6, 4], shape: [1, 3, 3, 1], error: null, kind: null,
    });
    expect(last("conv2d(ones([1, 3, 3, 1]), ones([3, 3, 1, 1]))").value).toEqual([9]);
    expect(last('conv2d(ones([1, 5, 4, 1]), ones([1, 1, 1, 2]), {strides: [2, 3]})').shape).toEqual([1, 3, 2, 2]);
  });

  it("pools take an integer or a pair for size and strides", () => {
    const x = "x = reshape(arange(16), [1, 4, 4, 1])";
    expect(last(x, "max_pool2d(x, 2)").value).toEqual([5, 7, 13, 15]);
    expect(last(x, "avg_pool2d(x, [2, 4])").value).toEqual([3.5, 11.5]);
    expect(last(x, "max_pool2d(x, [3, 3], 1)").value).toEqual([10, 11, 14, 15]);
  });

  it("gradients flow through them to params", () => {
    expect(last("k = param(ones([2, 2, 1, 1]))", "y = max_pool2d(conv2d(ones([1, 3, 3, 1]), k), 2, 1)", "grad(y, k)").value).toEqual([1, 1, 1, 1]);
  });

  it("errors name the function and the argument", () => {
    expect(last("conv2d(ones([28, 28]), ones([3, 3, 1, 8]))")).toMatchObject({
      kind: "shape", error: "conv2d: x must be [N, H, W, C] (a batch of images with channels last), got [28, 28]; reshape it, e.g. reshape(x, [1, 28, 28, 1])",
    });
    expect(last("conv2d(ones([1, 28, 28, 1]), ones([3, 3, 3, 8]))").error).toBe("conv2d: kernel [3, 3, 3, 8] has 3 input channels but x [1, 28, 28, 1] has 1");
    expect(last('conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), {padding: "full"})')).toMatchObject({
      kind: "value", error: 'conv2d: padding must be "valid" or "same", got the string "full"',
    });
    expect(last("conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), {padding: 1})").error).toBe('conv2d: padding must be "valid" or "same", got a scalar');
    expect(last("conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), {stride: 2})").error).toBe("conv2d: unknown option stride; the options are strides, padding");
    expect(last("conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), 2)").error).toBe('conv2d: options must be an object such as {strides: 2, padding: "same"}, got a scalar');
    expect(last("conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), {strides: [1, 2, 3]})").error).toBe("conv2d: strides must be one integer or a pair such as [2, 2], got [1, 2, 3]");
    expect(last("conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 1]), {strides: 0})").error).toBe("conv2d: strides must be a whole number ≥ 1 or a pair of them such as [2, 2], got 0");
    expect(last('conv2d("x", ones([3, 3, 1, 1]))').error).toBe('conv2d: x must be a tensor, got the string "x"');
    expect(last("max_pool2d(ones([1, 4, 4, 1]), 2.5)").error).toBe("max_pool2d: size must be an integer, got 2.5");
    expect(last("avg_pool2d(ones([1, 4, 4, 1]), 2, [1, 1, 1])").error).toBe("avg_pool2d: strides must be one integer or a pair such as [2, 2], got [1, 1, 1]");
    expect(last("max_pool2d(ones([1, 2, 2, 1]), 3)").error).toBe("max_pool2d: the 3×3 window is larger than the 2×2 images of x [1, 2, 2, 1]");
    expect(last("max_pool2d(ones([1, 4, 4, 1]))")).toMatchObject({ kind: "function", error: "max_pool2d takes 2 to 3 arguments, got 1: max_pool2d(x, size, strides?)" });
  });
});
