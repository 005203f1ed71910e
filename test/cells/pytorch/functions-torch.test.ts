import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../../cells/language/functions.ts";
import { parseCell } from "../../../cells/language/parse.ts";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
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
});
