import { describe, expect, it } from "vitest";
import type { ConfusionPreview } from "../../../cells/index.ts";
import { countScale, inkOn, listHeading, movedSquare, squareColours, squareLabel, squareList, unitOf } from "../../../src/views/confusion.ts";

// 3 classes; squares (1, 0) and (2, 1) list examples 7 and 2, 5.
const PREVIEW: ConfusionPreview = {
  classes: 3,
  offsets: Uint32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 3, 3),
  examples: Int32Array.of(7, 2, 5),
  perSquare: 2,
  images: null,
  side: 28,
  imageSource: 'mnist_images("test")',
  missing: null,
};

describe("the confusion view's texts and lists", () => {
  it("names each square by its true and predicted class and count", () => {
    expect(squareLabel({ truth: 4, predicted: 9 }, 7, "digit")).toBe("true 4, predicted 9: 7 digits");
    expect(squareLabel({ truth: 4, predicted: 9 }, 1, "digit")).toBe("true 4, predicted 9: 1 digit");
    expect(listHeading({ truth: 2, predicted: 1 }, 3, "digit")).toBe("True 2, predicted 1: 3 digits");
    expect(listHeading({ truth: 1, predicted: 1 }, 180, "example")).toBe("True 1, predicted 1: 180 examples, classified correctly");
    expect(unitOf(PREVIEW)).toBe("digit");
    expect(unitOf({ imageSource: null })).toBe("example");
  });

  it("lists a square's examples and how many more it holds", () => {
    expect(squareList(PREVIEW, { truth: 2, predicted: 1 }, 5)).toEqual({ indices: [2, 5], slots: [1, 2], more: 3 });
    expect(squareList(PREVIEW, { truth: 1, predicted: 0 }, 1)).toEqual({ indices: [7], slots: [0], more: 0 });
    expect(squareList(PREVIEW, { truth: 1, predicted: 1 }, 40)).toEqual({ indices: [], slots: [], more: 0 });
  });

  it("colours counts on a log scale, with ink that reads on the fill", () => {
    const scale = countScale(999);
    expect(scale.kind).toBe("sequential");
    expect(squareColours(scale, 0)).toEqual({ fill: "transparent", ink: "var(--tv-muted)" });
    expect(squareColours(scale, 1).ink).toBe("#ffffff");
    expect(squareColours(scale, 999)).toEqual({ fill: "rgb(253, 231, 37)", ink: "#000000" });
    // Viridis' teal middle takes black ink (5.7:1 where white would give 3.7:1), its purple end white.
    expect(inkOn([33, 149, 139])).toBe("#000000");
    expect(inkOn([72, 40, 120])).toBe("#ffffff");
    // 9 errors beside 999 correct answers sit a third of the way up, not at 1 %.
    expect(scale.position(Math.log1p(9))).toBeCloseTo(1 / 3, 6);
  });

  it("moves between squares with the arrow keys, Home and End, staying inside", () => {
    expect(movedSquare({ truth: 0, predicted: 0 }, "ArrowLeft", 10)).toEqual({ truth: 0, predicted: 0 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "ArrowDown", 10)).toEqual({ truth: 4, predicted: 4 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "ArrowUp", 10)).toEqual({ truth: 2, predicted: 4 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "ArrowRight", 10)).toEqual({ truth: 3, predicted: 5 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "End", 10)).toEqual({ truth: 3, predicted: 9 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "Home", 10)).toEqual({ truth: 3, predicted: 0 });
    expect(movedSquare({ truth: 3, predicted: 4 }, "Enter", 10)).toBeNull();
  });
});
