import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { encodeNpy, parseCsv, Sheet } from "../../../cells/index.ts";
import { parseNpy } from "../../../engine/datasets/index.ts";
import { readDatasetFile } from "../../../src/worker/dataset-files.ts";
import { answerValues } from "../../../src/worker/values-answer.ts";

function sheetOf(sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes!);

describe("values answers", () => {
  it("writes all of a cell's values as .npy and as CSV", () => {
    const sheet = sheetOf(["M = [[1, 2.5, 3], [4, 5, 0.1]]"]);
    const npy = answerValues(sheet, { type: "values", id: 3, address: "A1", format: "npy" });
    expect(npy.id).toBe(3);
    const back = parseNpy(npy.bytes!, "M.npy");
    expect(back.shape).toEqual([2, 3]);
    expect([...back.data]).toEqual([1, 2.5, 3, 4, 5, Math.fround(0.1)]);
    expect(text(answerValues(sheet, { type: "values", id: 4, address: "A1", format: "csv" }).bytes)).toBe("1,2.5,3\n4,5,0.1\n");
  });

  it("writes the gradient twin with `gradient`", () => {
    const sheet = sheetOf(["x = [1, 2, 3]", "loss = sum(x * x)"]);
    sheet.setObjective("loss");
    expect(text(answerValues(sheet, { type: "values", id: 1, address: "A1", format: "csv", gradient: true }).bytes)).toBe("2\n4\n6\n");
  });

  it("says why there is no file, naming the cell", () => {
    const sheet = sheetOf(["T = zeros([2, 2, 2])", "bad = nosuch(1)"]);
    expect(answerValues(sheet, { type: "values", id: 5, address: "A1", format: "csv" })).toEqual({
      type: "values",
      id: 5,
      bytes: null,
      error: "T: CSV holds tables of up to 2 axes; this tensor has 3 (shape [2, 2, 2]). Download .npy instead.",
    });
    expect(answerValues(sheet, { type: "values", id: 6, address: "A2", format: "npy" }).error).toMatch(/^bad has no value: /);
    expect(answerValues(sheet, { type: "values", id: 7, address: "C9", format: "npy" }).error).toBe("C9 is empty");
  });
});

describe("data files loaded as datasets", () => {
  const W = encodeNpy({ shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) });
  const b = encodeNpy({ shape: [2], data: Float32Array.of(-1, 1) });

  it("names each array of an .npz <name>_<array>", async () => {
    const loaded = await readDatasetFile("model", "model.npz", zipSync({ "W.npy": W, "b.npy": [b, { level: 0 }] }));
    expect(loaded.map((d) => [d.name, [...d.tensor.shape], [...d.tensor.data]])).toEqual([
      ["model_W", [2, 2], [1, 2, 3, 4]],
      ["model_b", [2], [-1, 1]],
    ]);
  });

  it("reads a .npy and a CSV as one dataset under the chosen name", async () => {
    const [npy] = await readDatasetFile("w", "W.npy", W);
    expect([npy!.name, [...npy!.tensor.data]]).toEqual(["w", [1, 2, 3, 4]]);
    const [csv] = await readDatasetFile("t", "t.csv", new TextEncoder().encode("1,2\n3,4\n"));
    expect([csv!.name, [...csv!.tensor.shape], [...csv!.tensor.data]]).toEqual(["t", [2, 2], [1, 2, 3, 4]]);
    expect(parseCsv("5\n", "x.csv").shape).toEqual([1]);
  });

  it("says which file is wrong and where", async () => {
    await expect(readDatasetFile("t", "t.csv", new TextEncoder().encode("1,2\n3,x\n"))).rejects.toThrow('t.csv: line 2, column 2: "x" is not a number');
    await expect(readDatasetFile("m", "m.npz", W)).rejects.toThrow("m.npz: not an .npz file");
  });
});
