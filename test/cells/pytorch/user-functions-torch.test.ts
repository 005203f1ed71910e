import { describe, expect, it } from "vitest";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { HAS_TORCH, reportSkip, runPython, writeExport } from "./torch-env.ts";

const READ = `
import json, runpy, sys
value = runpy.run_path(sys.argv[1])["h"]
print(json.dumps(value.detach().reshape(-1).tolist()))
`;

describe("a sheet with a function a cell defines, exported to PyTorch", () => {
  reportSkip("a user function exported and run with torch");
  it.skipIf(!HAS_TORCH)("gives the sheet's value", () => {
    const cells = [
      "dense(x, W, b) = relu(dot(x, W) + b)", "x = [[1, -2], [3, 0.5]]", "W1 = param([[0.5, -1, 2], [1.5, 0.25, -0.5]])",
      "b1 = param([0.1, -0.2, 0.3])", "h = dense(x, W1, b1) * dense(x * 2, W1, 1)",
    ];
    const sheet = new Sheet({ title: "functions", seed: 2, cells: cells.map((source, i) => ({ address: `A${i + 1}`, source })) });
    sheet.evaluate();
    const torchValues = JSON.parse(runPython(["-c", READ, writeExport(pytorchScript(sheet))])) as number[];
    const sheetValues = sheet.result("A5")!.value!.toFlatArray();
    expect(torchValues.length).toBe(sheetValues.length);
    torchValues.forEach((v, i) => expect(v).toBeCloseTo(sheetValues[i]!, 5));
  });
});
