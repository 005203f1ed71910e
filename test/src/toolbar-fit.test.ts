import { describe, expect, it } from "vitest";
import { INLINE, nextToolbarFit, titleNeed, type ToolbarMeasure } from "../../src/components/toolbar-fit.ts";

const measure = (m: Partial<ToolbarMeasure>): ToolbarMeasure => ({ barWidth: 1400, barOverflow: 0, titleWidth: 250, titleOverflow: 0, titleMax: 384, ...m });

describe("toolbar fit", () => {
  it("stays inline while nothing is cut", () => {
    expect(nextToolbarFit(INLINE, measure({}))).toBe(INLINE);
  });

  it("folds when the title is cut, remembering the width that would have sufficed", () => {
    // The title needs 270 px but got 230: 40 px short at 1300.
    const folded = nextToolbarFit(INLINE, measure({ barWidth: 1300, titleWidth: 230, titleOverflow: 40 }));
    expect(folded).toEqual({ compact: true, inlineNeed: 1340, titleAtFold: 270 });
    // Folded, the title is whole; still too narrow at 1339, unfolds at 1340.
    expect(nextToolbarFit(folded, measure({ barWidth: 1339, titleWidth: 270 }))).toBe(folded);
    expect(nextToolbarFit(folded, measure({ barWidth: 1340, titleWidth: 270 }))).toBe(INLINE);
  });

  it("folds when the children overflow the toolbar, and counts a title cut at its max width as no deficit", () => {
    expect(nextToolbarFit(INLINE, measure({ barWidth: 1000, barOverflow: 25 }))).toEqual({ compact: true, inlineNeed: 1025, titleAtFold: 250 });
    // A 600 px title in a 384 px field is cut at any width: that alone does not fold the toolbar.
    expect(titleNeed(measure({ titleWidth: 384, titleOverflow: 216 }))).toBe(384);
    expect(nextToolbarFit(INLINE, measure({ titleWidth: 384, titleOverflow: 216 }))).toBe(INLINE);
  });

  it("a title that grows while folded needs that much more width before unfolding", () => {
    const folded = { compact: true, inlineNeed: 1340, titleAtFold: 270 };
    expect(nextToolbarFit(folded, measure({ barWidth: 1360, titleWidth: 300 }))).toBe(folded);
    expect(nextToolbarFit(folded, measure({ barWidth: 1370, titleWidth: 300 }))).toBe(INLINE);
  });
});
