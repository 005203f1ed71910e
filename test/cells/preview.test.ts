import { describe, expect, it } from "vitest";
import { availableViews, buildPreview, defaultView, FULL_LIMIT, MATRIX_SIDE } from "../../cells/preview.ts";
import { arange, ones, randn, reshape, Rng, scalar, tensor, zeros } from "../../engine/index.ts";

describe("previews", () => {
  it("chooses the view from the shape", () => {
    expect(defaultView(buildPreview(scalar(2)))).toBe("number");
    expect(defaultView(buildPreview(tensor([1, 2, 3])))).toBe("bars");
    expect(defaultView(buildPreview(zeros([5, 7])))).toBe("heatmap");
    expect(defaultView(buildPreview(zeros([30, 28, 28])))).toBe("images");
    expect(defaultView(buildPreview(zeros([30, 784])))).toBe("images");
    expect(defaultView(buildPreview(zeros([50, 2])))).toBe("scatter");
    expect(defaultView(buildPreview(tensor([[0, -1], [1, 0]])))).toBe("geometric");
    expect(defaultView(buildPreview(zeros([10])), true)).toBe("line");
    expect(defaultView(buildPreview(zeros([2, 3, 4])))).toBe("summary");
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
