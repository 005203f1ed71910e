import { describe, expect, it } from "vitest";
import { CLASS_LIMIT } from "../../cells/preview-meaning.ts";
import { availableViews, buildPreview, defaultView, FULL_LIMIT, MATRIX_SIDE, VALUES_LIMIT } from "../../cells/preview.ts";
import { arange, fromBuffer, ones, randn, reshape, Rng, scalar, tensor, zeros } from "../../engine/index.ts";

describe("previews", () => {
  it("shows the numbers of scalars and of tensors small enough to read", () => {
    expect(defaultView(buildPreview(scalar(2)))).toBe("number");
    expect(defaultView(buildPreview(tensor([7])))).toBe("number");
    expect(defaultView(buildPreview(tensor([1, 2, 3])))).toBe("values");
    expect(defaultView(buildPreview(tensor([2, 3, 4])))).toBe("values");
    expect(defaultView(buildPreview(zeros([5, 7])))).toBe("values");
    expect(defaultView(buildPreview(zeros([2, 3, 4])))).toBe("values");
    expect(defaultView(buildPreview(zeros([VALUES_LIMIT])))).toBe("values");
    // A 2 × 2 matrix may be data or a gradient: its numbers first, the map of the plane offered.
    const rotation = buildPreview(tensor([[0, -1], [1, 0]]));
    expect(defaultView(rotation)).toBe("values");
    expect(availableViews(rotation)).toEqual(["values", "heatmap", "geometric", "scatter", "summary"]);
  });

  it("chooses larger tensors' views by what they mean", () => {
    expect(defaultView(buildPreview(zeros([30, 28, 28])))).toBe("images");
    expect(defaultView(buildPreview(zeros([30, 784])))).toBe("images");
    expect(defaultView(buildPreview(zeros([28, 28])))).toBe("images");
    expect(defaultView(buildPreview(zeros([784])))).toBe("images");
    expect(defaultView(buildPreview(zeros([50, 2])))).toBe("scatter");
    expect(defaultView(buildPreview(zeros([5, 20])))).toBe("heatmap");
    expect(defaultView(buildPreview(arange(100)))).toBe("bars");
    expect(defaultView(buildPreview(zeros([10])), true)).toBe("line");
    expect(defaultView(buildPreview(zeros([5, 5, 5])))).toBe("summary");
    const labels = fromBuffer([8000], Float32Array.from({ length: 8000 }, (_, k) => (k * 7) % 10));
    expect(defaultView(buildPreview(labels))).toBe("classes");
    const weights = buildPreview(zeros([784, 32]));
    expect(defaultView(weights)).toBe("heatmap");
    expect(availableViews(weights)).toEqual(["heatmap", "columns", "summary"]);
  });

  it("counts classes exactly, over every element", () => {
    const labels = fromBuffer([8003], Float32Array.from({ length: 8003 }, (_, k) => (k < 3 ? [NaN, Infinity, 4][k]! : k % 3 === 0 ? 9 : k % 3 === 1 ? 0 : 4)));
    const p = buildPreview(labels);
    expect(Array.from(p.classes!.values)).toEqual([0, 4, 9]);
    // k = 3..8002: 2667 zeros (k % 3 = 1), 2666 fours (k % 3 = 2) plus the 4 at k = 2, 2667 nines.
    expect(Array.from(p.classes!.counts)).toEqual([2667, 2666 + 1, 2667]);
    expect(p.summary.nanCount).toBe(1);
    expect(p.summary.posInfCount).toBe(1);
  });

  it("reads only whole numbers with few distinct values as classes", () => {
    expect(buildPreview(arange(100)).classes).toBeNull();
    expect(buildPreview(tensor([0.5, 1, 1, 0.5])).classes).toBeNull();
    expect(buildPreview(zeros([4, 4])).classes).toBeNull();
    // A constant vector (a bias of zeros) is not a set of labels.
    expect(buildPreview(zeros([512])).classes).toBeNull();
    expect(defaultView(buildPreview(zeros([512])))).toBe("bars");
    const many = buildPreview(fromBuffer([200], Float32Array.from({ length: 200 }, (_, k) => k % (CLASS_LIMIT + 1))));
    expect(many.classes).toBeNull();
    const most = buildPreview(fromBuffer([200], Float32Array.from({ length: 200 }, (_, k) => k % CLASS_LIMIT)));
    expect(most.classes!.values).toHaveLength(CLASS_LIMIT);
  });

  it("carries one image alone, and a first layer's columns as images", () => {
    const digit = buildPreview(reshape(arange(784), [28, 28]));
    expect(digit.images!.count).toBe(1);
    expect(digit.images!.data[29]).toBe(29);
    const w = reshape(arange(784 * 20), [784, 20]);
    const p = buildPreview(w);
    expect(p.columns!.count).toBe(16);
    expect(p.columns!.side).toBe(28);
    // Column 3's pixel 5 is W[5, 3] = 5 * 20 + 3.
    expect(p.columns!.data[3 * 784 + 5]).toBe(103);
    expect(buildPreview(zeros([783, 20])).columns).toBeNull();
  });

  it("counts NaN, +Inf and −Inf separately", () => {
    const s = buildPreview(tensor([NaN, -Infinity, -Infinity, Infinity, 1])).summary;
    expect([s.nanCount, s.posInfCount, s.negInfCount, s.infCount]).toEqual([1, 1, 2, 3]);
  });

  it("never carries a large tensor's full values", () => {
    const big = randn([784, 512], new Rng({ seed: 1 }));
    const p = buildPreview(big);
    expect(p.values).toBeNull();
    expect(p.matrix!.rows).toBe(MATRIX_SIDE);
    expect(p.matrix!.data.length).toBe(MATRIX_SIDE * MATRIX_SIDE);
    expect(p.histogram.reduce((a, b) => a + b, 0)).toBe(big.size);
    expect(buildPreview(ones([FULL_LIMIT])).values).toHaveLength(FULL_LIMIT);
  });

  it("keeps block means faithful to the matrix", () => {
    const m = reshape(arange(200 * 100), [200, 100]);
    const p = buildPreview(m);
    expect(p.matrix!.rows).toBe(MATRIX_SIDE);
    // Block (0, 0) covers rows 0–1 (200 rows into 96) and column 0 (100 columns into 96).
    expect(p.matrix!.data[0]).toBe((0 + 100) / 2);
    // The last block covers rows 197–199 and columns 98–99.
    expect(p.matrix!.data[MATRIX_SIDE * MATRIX_SIDE - 1]).toBe((19798 + 19799 + 19898 + 19899 + 19998 + 19999) / 6);
  });

  it("lists each view once", () => {
    const views = availableViews(buildPreview(zeros([10])), true);
    expect(new Set(views).size).toBe(views.length);
  });
});
