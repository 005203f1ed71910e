import { describe, expect, it } from "vitest";
import { confusionPreview, IMAGE_BUDGET, SQUARE_LIST_CAP } from "../../cells/preview-confusion.ts";
import { availableViews, buildPreview, defaultView } from "../../cells/preview.ts";
import { Sheet } from "../../cells/sheet.ts";
import { Tensor } from "../../engine/tensor.ts";

// Six 28 × 28 "images", image i filled with the value 10 · i, and their labels.
const LABELS = Float32Array.of(0, 1, 2, 1, 2, 2);
const IMAGES = new Tensor([6, 28, 28], Float32Array.from({ length: 6 * 784 }, (_, p) => 10 * Math.floor(p / 784)));
const dataset = (fn: string, split: string) => {
  if (split !== "test") throw new Error(`no split ${split}`);
  return fn === "mnist_images" ? IMAGES : new Tensor([6], LABELS);
};

function sheetOf(...sources: string[]): Sheet {
  const sheet = new Sheet({ title: "c", seed: 1, cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })), dataset });
  sheet.evaluate();
  return sheet;
}

function previewAt(sheet: Sheet, address: string) {
  const value = sheet.result(address)!.value!;
  return { value, confusion: confusionPreview(sheet, address, value) };
}

describe("the preview of a confusion_matrix cell", () => {
  // Predictions 0, 2, 2, 0, 1, 2: examples 1 (1→2), 3 (1→0) and 4 (2→1) are wrong.
  const sources = ['labels = mnist_labels("test")', "guesses = [0, 2, 2, 0, 1, 2]", "m = confusion_matrix(labels, guesses)"];

  it("lists each misclassified square's examples with their images from the same split", () => {
    const { value, confusion } = previewAt(sheetOf(...sources), "A3");
    expect(value.toFlatArray()).toEqual([1, 0, 0, 1, 0, 1, 0, 1, 2]);
    expect(confusion!.classes).toBe(3);
    expect(confusion!.imageSource).toBe('mnist_images("test")');
    expect(confusion!.missing).toBeNull();
    expect([...confusion!.examples]).toEqual([3, 1, 4]);
    // Squares (1, 0), (1, 2) and (2, 1) list one example each; the diagonal lists none.
    expect([...confusion!.offsets]).toEqual([0, 0, 0, 0, 1, 1, 2, 2, 3, 3]);
    expect(confusion!.perSquare).toBe(SQUARE_LIST_CAP);
    expect([...confusion!.images!.subarray(0, 2)]).toEqual([30, 30]);
    expect(confusion!.images![784]).toBe(10);
    expect(confusion!.images![2 * 784 + 783]).toBe(40);
    expect(confusion!.images!.length).toBe(3 * 784);
  });

  it("makes the confusion view the default, recognised from the formula rather than the shape", () => {
    const sheet = sheetOf(...sources, "same = m + 0");
    const { value, confusion } = previewAt(sheet, "A3");
    const p = buildPreview(value, confusion);
    expect(defaultView(p)).toBe("confusion");
    expect(availableViews(p)[0]).toBe("confusion");
    expect(confusionPreview(sheet, "A4", sheet.result("A4")!.value!)).toBeNull();
    expect(defaultView(buildPreview(sheet.result("A4")!.value!))).toBe("values");
  });

  it("reads dataset calls written inline too", () => {
    const { confusion } = previewAt(sheetOf('m = confusion_matrix(mnist_labels("test"), [0, 2, 2, 0, 1, 2])'), "A1");
    expect(confusion!.missing).toBe("The examples cannot be listed: write confusion_matrix with cell names or mnist_labels(…) as its arguments");
    expect(confusion!.examples.length).toBe(0);
    const named = previewAt(sheetOf("g = [0, 2, 2, 0, 1, 2]", 'm = confusion_matrix(mnist_labels("test"), g)'), "A2").confusion!;
    expect([...named.examples]).toEqual([3, 1, 4]);
    expect(named.imageSource).toBe('mnist_images("test")');
  });

  it("says so when the labels do not come from MNIST, and still lists the indices", () => {
    const { confusion } = previewAt(sheetOf("labels = [0, 1, 1]", "g = [0, 1, 0]", "m = confusion_matrix(labels, g)"), "A3");
    expect([...confusion!.examples]).toEqual([2]);
    expect(confusion!.images).toBeNull();
    expect(confusion!.missing).toBe("No images shown: labels does not come from mnist_labels(…), so which images go with it is unknown");
  });

  it("follows cells that only rename the labels", () => {
    const { confusion } = previewAt(sheetOf('raw = mnist_labels("test")', "labels = raw", "g = [0, 2, 2, 0, 1, 2]", "m = confusion_matrix(labels, g)"), "A4");
    expect(confusion!.imageSource).toBe('mnist_images("test")');
    expect([...confusion!.examples]).toEqual([3, 1, 4]);
  });

  it("keeps at most the image budget over all squares, 4 or more per square", () => {
    // 60 classes, 59 examples per class, each wrong in a square of its own: 3,540 squares to list.
    const sheet = sheetOf(
      "l = reshape(broadcast_to(reshape(arange(60), [60, 1]), [60, 59]), [-1])",
      "j = reshape(broadcast_to(arange(59), [60, 59]), [-1])",
      "g = j + (j >= l)",
      "m = confusion_matrix(l, g)",
    );
    const { value, confusion } = previewAt(sheet, "A4");
    expect(value.shape).toEqual([60, 60]);
    expect(value.toFlatArray().slice(0, 3)).toEqual([0, 1, 1]);
    expect(confusion!.perSquare).toBe(4);
    // The first IMAGE_BUDGET squares in example order list theirs; the rest say "and 1 more".
    expect(confusion!.examples.length).toBe(IMAGE_BUDGET);
    expect([...confusion!.examples.subarray(0, 3)]).toEqual([0, 1, 2]);
    expect(confusion!.offsets[60 * 60]).toBe(IMAGE_BUDGET);
  });
});
