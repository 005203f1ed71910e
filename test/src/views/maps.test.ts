import { describe, expect, it } from "vitest";
import { buildPreview } from "../../../cells/preview.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { mapsPhrase, viewAriaLabel, viewFits, VIEW_NAMES } from "../../../src/views/describe.ts";

describe("the feature-maps view's texts", () => {
  it("says which sample, how many maps of which size, and when only the first fit", () => {
    const base = { sample: 0, side: 26, data: new Float32Array(0), min: 0, max: 1 };
    expect(mapsPhrase({ ...base, kind: "activations", samples: 64, count: 32, total: 32 })).toBe("sample 0 of 64: 32 maps of 26 × 26");
    expect(mapsPhrase({ ...base, kind: "activations", samples: 1, count: 48, total: 64 })).toBe("sample 0 of 1: first 48 of 64 maps of 26 × 26");
    expect(mapsPhrase({ ...base, kind: "filters", samples: 1, side: 3, count: 32, total: 32 })).toBe("32 filters of 3 × 3");
  });

  it("labels the view and fits only previews that carry maps", () => {
    const p = buildPreview(new Tensor([2, 3, 3, 4], new Float32Array(72)));
    expect(VIEW_NAMES.maps).toBe("Maps");
    expect(viewAriaLabel("maps", p, "conv1")).toBe("conv1: feature maps of a 2 × 3 × 3 × 4 tensor, sample 0 of 2: 4 maps of 3 × 3");
    expect(viewFits("maps", p)).toBe(true);
    expect(viewFits("maps", buildPreview(new Tensor([2, 3, 4, 4], new Float32Array(96))))).toBe(false);
  });
});
