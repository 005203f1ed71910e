import { describe, expect, it } from "vitest";
import { datasetNameQuestion, suggestedDatasetName } from "../../../src/state/dataset-name.ts";

describe("Load data… names", () => {
  it("suggests a cell-name-safe name from the file name", () => {
    expect(suggestedDatasetName("train-images-idx3-ubyte.gz")).toBe("train_images");
    expect(suggestedDatasetName("points.npy")).toBe("points");
    expect(suggestedDatasetName("2024 data.csv")).toBe("_2024_data");
    expect(suggestedDatasetName("t10k-labels.idx1-ubyte")).toBe("t10k_labels");
    expect(suggestedDatasetName(".npz")).toBe("data");
  });

  it("says how cells will read the data, one name per array for an .npz", () => {
    expect(datasetNameQuestion("xy.npz")).toBe('Name for xy.npz? Cells read each array as dataset("name_array").');
    expect(datasetNameQuestion("xy.csv")).toBe('Name for xy.csv? Cells read it as dataset("name").');
  });
});
