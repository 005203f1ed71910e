import { describe, expect, it } from "vitest";
import { featureMapsOf, MAPS_BUDGET } from "../../cells/preview-maps.ts";
import { availableViews, buildPreview, defaultView } from "../../cells/preview.ts";
import { Tensor } from "../../engine/tensor.ts";

/** [N, H, W, C] whose value at (n, r, c, ch) is n·1000 + ch·100 + r·10 + c. */
function activations(n: number, side: number, channels: number): Tensor {
  const data = new Float32Array(n * side * side * channels);
  let i = 0;
  for (let s = 0; s < n; s++) for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) for (let ch = 0; ch < channels; ch++) data[i++] = s * 1000 + ch * 100 + r * 10 + c;
  return new Tensor([n, side, side, channels], data);
}

describe("feature maps of rank-4 tensors", () => {
  it("cuts sample 0's channels out of NHWC activations, map after map, on one shared range", () => {
    const m = featureMapsOf(activations(2, 2, 3), false)!;
    expect(m).toMatchObject({ kind: "activations", sample: 0, samples: 2, side: 2, count: 3, total: 3, min: 0, max: 211 });
    expect([...m.data]).toEqual([0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211]);
  });

  it("shows a conv kernel [k, k, 1, out] param as its filters", () => {
    // kernel[r, c, 0, o] = o·10 + r·3 + c
    const k = new Tensor([3, 3, 1, 2], Float32Array.from({ length: 18 }, (_, i) => { const o = i % 2; const p = Math.floor(i / 2); return o * 10 + p; }));
    const m = featureMapsOf(k, true)!;
    expect(m).toMatchObject({ kind: "filters", samples: 1, side: 3, count: 2, total: 2, min: 0, max: 18 });
    expect([...m.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    // A kernel over several input channels, and non-square maps, are not tiled.
    expect(featureMapsOf(new Tensor([3, 3, 2, 4], new Float32Array(72)), true)).toBeNull();
    expect(featureMapsOf(new Tensor([2, 3, 4, 5], new Float32Array(120)), false)).toBeNull();
    expect(featureMapsOf(new Tensor([3, 4], new Float32Array(12)), false)).toBeNull();
  });

  it("keeps what fits the budget and says how many there are", () => {
    const m = featureMapsOf(activations(1, 26, 64), false)!;
    expect(m.count).toBe(Math.floor(MAPS_BUDGET / (26 * 26)));
    expect(m.total).toBe(64);
    expect(m.data.length).toBe(m.count * 26 * 26);
  });

  it("leaves NaN and ±Inf out of the shared range", () => {
    const t = new Tensor([1, 1, 1, 3], Float32Array.of(NaN, 2, Infinity));
    expect(featureMapsOf(t, false)).toMatchObject({ min: 2, max: 2 });
  });

  it("is the default view of activations and of a first conv kernel", () => {
    const conv = buildPreview(activations(2, 5, 4));
    expect(defaultView(conv)).toBe("maps");
    expect(availableViews(conv)).toContain("summary");
    const kernel = new Tensor([3, 3, 1, 8], new Float32Array(72).fill(0.5));
    expect(defaultView(buildPreview(kernel, null, true))).toBe("maps");
    expect(buildPreview(kernel).maps).toBeNull();
  });

  it("shows one-channel digits [N, 28, 28, 1] as digits, with their one map a view away", () => {
    const digits = activations(3, 28, 1);
    const p = buildPreview(digits);
    expect(defaultView(p)).toBe("images");
    expect(p.images).toMatchObject({ count: 3, side: 28 });
    // Image n is sample n's pixels, row by row: the NHWC layout with C = 1 is the same order.
    expect([...p.images!.data.subarray(784, 787)]).toEqual([1000, 1001, 1002]);
    expect(availableViews(p)).toContain("maps");
  });
});
