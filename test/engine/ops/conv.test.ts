import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../engine/errors.ts";
import { conv2d, type Pair } from "../../../engine/ops/conv.ts";
import { avg_pool2d, max_pool2d } from "../../../engine/ops/pool.ts";
import { grad } from "../../../engine/grad.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { zeros } from "../../../engine/ops/creation.ts";
import { distinctTensor, seededUniform, uniformTensor, type Uniform } from "../../support/gradcheck.ts";
import { maxRelativeError, naiveConv2d, naivePool2d } from "../../support/conv-naive.ts";

const int = (r: Uniform, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const asPair = (s: Pair): [number, number] => (typeof s === "number" ? [s, s] : [s[0], s[1]]);

describe("conv2d forward equals a direct loop over every window", () => {
  for (let seed = 0; seed < 40; seed++) {
    const r = seededUniform(2000 + seed);
    const N = int(r, 1, 3), C = int(r, 1, 4), F = int(r, 1, 5);
    const kh = int(r, 1, 4), kw = int(r, 1, 4);
    const H = int(r, kh, 9), W = int(r, kw, 9);
    const strides: Pair = r() < 0.5 ? int(r, 1, 3) : [int(r, 1, 3), int(r, 1, 3)];
    const padding = r() < 0.5 ? "valid" : "same";
    it(`seed ${seed}: [${N}, ${H}, ${W}, ${C}] ⊛ [${kh}, ${kw}, ${C}, ${F}], strides ${JSON.stringify(strides)}, ${padding}`, () => {
      const x = uniformTensor([N, H, W, C], r);
      const k = uniformTensor([kh, kw, C, F], r);
      const got = conv2d(x, k, { strides, padding });
      expect(maxRelativeError(got, naiveConv2d(x, k, { strides: asPair(strides), padding }))).toBeLessThanOrEqual(1e-5);
    });
  }

  it("gives TensorFlow's \"same\" shapes: ceil(H / s) × ceil(W / s)", () => {
    const x = zeros([2, 7, 8, 3]);
    expect(conv2d(x, zeros([3, 3, 3, 5]), { strides: 2, padding: "same" }).shape).toEqual([2, 4, 4, 5]);
    expect(conv2d(x, zeros([3, 3, 3, 5]), { padding: "same" }).shape).toEqual([2, 7, 8, 5]);
    expect(conv2d(x, zeros([3, 2, 3, 5]), { strides: [2, 3] }).shape).toEqual([2, 3, 3, 5]);
  });

  it("pads 0 before and 1 after when the total padding is odd (6 wide, 3×3, stride 2)", () => {
    // Column sums of a ones kernel: the first window starts at column 0, the last covers 4, 5 and the pad.
    const x = new Tensor([1, 1, 6, 1], Float32Array.from([1, 2, 3, 4, 5, 6]));
    const k = new Tensor([1, 3, 1, 1], Float32Array.from([1, 1, 1]));
    expect(Array.from(conv2d(x, k, { strides: 2, padding: "same" }).data)).toEqual([6, 12, 11]);
  });
});

describe("pooling forward equals a direct loop", () => {
  const cases: [number[], Pair, Pair | undefined][] = [
    [[2, 7, 6, 3], 2, undefined], [[1, 9, 9, 2], 3, 2], [[3, 5, 8, 1], [2, 3], [1, 2]], [[1, 4, 4, 5], 4, undefined],
  ];
  cases.forEach(([shape, size, strides], n) => {
    it(`${JSON.stringify(shape)}, size ${JSON.stringify(size)}, strides ${JSON.stringify(strides ?? size)}`, () => {
      const x = uniformTensor(shape, seededUniform(2100 + n));
      const s = asPair(size), st = asPair(strides ?? size);
      expect(maxRelativeError(max_pool2d(x, size, strides), naivePool2d("max", x, s, st))).toBe(0);
      expect(maxRelativeError(avg_pool2d(x, size, strides), naivePool2d("avg", x, s, st))).toBeLessThanOrEqual(1e-6);
    });
  });

  it("max_pool2d sends each window's gradient to one maximum, the first on a tie", () => {
    const x = new Tensor([1, 2, 2, 1], Float32Array.from([3, 3, 1, 3]));
    const [gx] = grad(max_pool2d(x, 2), [x]);
    expect(Array.from(gx!.data)).toEqual([1, 0, 0, 0]);
  });

  it("avg_pool2d's gradient spreads evenly, overlapping windows adding", () => {
    const x = distinctTensor([1, 3, 3, 1], seededUniform(2150));
    const [gx] = grad(avg_pool2d(x, 2, 1), [x]);
    expect(Array.from(gx!.data)).toEqual([0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25]);
  });
});

describe("conv2d and pooling refuse bad operands with messages that name them", () => {
  const expectError = (f: () => unknown, type: typeof ShapeError | typeof ArgumentError, message: string) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  };

  it("conv2d", () => {
    expectError(() => conv2d(zeros([28, 28]), zeros([3, 3, 1, 8])), ShapeError,
      "conv2d: x must be [N, H, W, C] (a batch of images with channels last), got [28, 28]; reshape it, e.g. reshape(x, [1, 28, 28, 1])");
    expectError(() => conv2d(zeros([1, 28, 28, 1]), zeros([3, 3, 8])), ShapeError, "conv2d: kernel must be [kh, kw, C, F], got [3, 3, 8]");
    expectError(() => conv2d(zeros([1, 28, 28, 1]), zeros([3, 3, 3, 8])), ShapeError,
      "conv2d: kernel [3, 3, 3, 8] has 3 input channels but x [1, 28, 28, 1] has 1");
    expectError(() => conv2d(zeros([1, 2, 2, 1]), zeros([3, 3, 1, 1])), ShapeError,
      "conv2d: the 3×3 kernel is larger than the 2×2 images of x [1, 2, 2, 1]; use padding: \"same\"");
    expectError(() => conv2d(zeros([1, 4, 4, 1]), zeros([3, 3, 1, 1]), { strides: 0 }), ArgumentError,
      "conv2d: strides must be a whole number ≥ 1 or a pair of them such as [2, 2], got 0");
    expectError(() => conv2d(zeros([1, 4, 4, 1]), zeros([3, 3, 1, 1]), { padding: "full" as "same" }), ArgumentError,
      "conv2d: padding must be \"valid\" or \"same\", got \"full\"");
  });

  it("pools", () => {
    expectError(() => max_pool2d(zeros([4, 4, 1]), 2), ShapeError, "max_pool2d: x must be [N, H, W, C]");
    expectError(() => avg_pool2d(zeros([1, 2, 4, 1]), 3), ShapeError, "avg_pool2d: the 3×3 window is larger than the 2×4 images of x [1, 2, 4, 1]");
    expectError(() => max_pool2d(zeros([1, 4, 4, 1]), [2, 2], 1.5), ArgumentError,
      "max_pool2d: strides must be a whole number ≥ 1 or a pair of them such as [2, 2], got 1.5");
    expectError(() => avg_pool2d(zeros([1, 4, 4, 1]), [2, 2, 2] as unknown as Pair), ArgumentError, "avg_pool2d: size must be");
  });

  it("an empty batch gives an empty result and a zero kernel gradient", () => {
    const x = zeros([0, 5, 5, 2]);
    const k = uniformTensor([2, 2, 2, 3], seededUniform(2190));
    const y = conv2d(x, k);
    expect(y.shape).toEqual([0, 4, 4, 3]);
    const [gk] = grad(y, [k]);
    expect(Array.from(gk!.data)).toEqual(new Array(24).fill(0));
  });
});
