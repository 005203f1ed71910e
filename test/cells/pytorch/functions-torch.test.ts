import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../../cells/language/functions.ts";
import { parseCell } from "../../../cells/language/parse.ts";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { npyBytes } from "../../../cells/pytorch/tensors.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { mismatches } from "../../support/refcases.ts";
import { HAS_TORCH, reportSkip, runPython, writeExport } from "./torch-env.ts";

// Every function's reference example, evaluated by the sheet and by its exported script with torch.
// train has no value, and the datasets need files (MNIST is covered by the training tests).
const NO_VALUE = new Set(["train", "mnist_images", "mnist_labels", "dataset"]);

const READ = `
import json, runpy, sys
out = {}
for name, path, cell in json.load(open(sys.argv[1])):
    value = runpy.run_path(path)[cell]
    out[name] = {"shape": list(value.shape), "data": value.detach().reshape(-1).tolist()}
print(json.dumps(out))
`;

describe("every sheet function's example, exported to PyTorch", () => {
  reportSkip("the function examples exported and run with torch");
  it.skipIf(!HAS_TORCH)("gives the sheet's value within the refcase tolerance", () => {
    const jobs: [string, string, string, Tensor][] = [];
    for (const [name, f] of FUNCTIONS) {
      if (NO_VALUE.has(name)) continue;
      const own = parseCell(f.example).name;
      const sources = [...(f.exampleGiven ?? []), own === null ? `out = ${f.example}` : f.example];
      const sheet = new Sheet({ title: name, seed: 11, cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
      sheet.evaluate();
      const cell = own ?? "out";
      jobs.push([name, writeExport(pytorchScript(sheet), `${name}.py`), cell, sheet.result(sheet.resolve(cell)!)!.value!]);
    }
    const list = join(dirname(jobs[0]![1]), "functions.json");
    writeFileSync(list, JSON.stringify(jobs.map(([n, p, c]) => [n, p, c])));
    const got = JSON.parse(runPython(["-c", READ, list])) as Record<string, { shape: number[]; data: number[] }>;
    const problems = jobs.flatMap(([name, , , want]) =>
      mismatches(new Tensor(got[name]!.shape, Float32Array.from(got[name]!.data)), { shape: [...want.shape], data: Array.from(want.data) }).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
    expect(jobs.length).toBe(FUNCTIONS.size - NO_VALUE.size);
  }, 120_000);

  it.skipIf(!HAS_TORCH)('reads dataset("name") from name.npy beside the script, and says which file it needs when it is missing', () => {
    const points = new Tensor([2, 2], Float32Array.of(1.5, -2, 0.25, 4));
    const sheet = new Sheet({ title: "data", seed: 1, cells: [{ address: "A1", source: 'p = dataset("points") * 2' }], dataset: () => points });
    sheet.evaluate();
    const script = writeExport(pytorchScript(sheet));
    const read = `import runpy, sys\ntry:\n    print(runpy.run_path(sys.argv[1])["p"].tolist())\nexcept FileNotFoundError as e:\n    print(e)`;
    expect(runPython(["-c", read, script])).toBe(`this sheet reads dataset("points"): put points.npy (the file you loaded in Tensorsheet) in ${dirname(script)}\n`);
    writeFileSync(join(dirname(script), "points.npy"), npyBytes([2, 2], points.data as Float32Array));
    expect(runPython(["-c", read, script])).toBe("[[3.0, -4.0], [0.5, 8.0]]\n");
  }, 60_000);
});
