import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { loadRefCases, mismatches, refTensors } from "../../support/refcases.ts";
import { HAS_TORCH, reportSkip, runPython, writeExport } from "./torch-env.ts";

// Every shared refcase exported and run by torch in one Python process; each expected cell is read
// by name from the module runpy returns and compared within the refcases' tolerance.
const READ_CELLS = `
import json, runpy, sys
out = {}
for path, names in json.load(open(sys.argv[1])):
    cells = runpy.run_path(path)
    out[path] = {n: {"shape": list(cells[n].shape), "data": cells[n].detach().reshape(-1).tolist()} for n in names}
print(json.dumps(out))
`;

describe("refcases exported to PyTorch", () => {
  reportSkip("refcases exported to PyTorch and run with torch");
  it.skipIf(!HAS_TORCH)("every refcase's cell values and gradients match within the refcase tolerance", () => {
    const cases = [...loadRefCases(), ...loadRefCases("conv/")];
    const jobs = cases.map((c) => {
      const sheet = new Sheet({ title: c.sheet.title, seed: c.sheet.seed, cells: c.sheet.cells, params: new Map(Object.entries(refTensors(c))) });
      sheet.evaluate();
      return [writeExport(pytorchScript(sheet), `${c.name.replace("/", "_")}.py`), Object.keys(c.expect)] as const;
    });
    const list = join(dirname(jobs[0]![0]), "cases.json");
    writeFileSync(list, JSON.stringify(jobs));
    const got = JSON.parse(runPython(["-c", READ_CELLS, list])) as Record<string, Record<string, { shape: number[]; data: number[] }>>;
    const problems: string[] = [];
    cases.forEach((c, i) => {
      for (const [name, want] of Object.entries(c.expect)) {
        const cell = got[jobs[i]![0]]![name]!;
        for (const p of mismatches(new Tensor(cell.shape, Float32Array.from(cell.data)), want)) problems.push(`${c.name}.${name}: ${p}`);
      }
    });
    expect(problems).toEqual([]);
    expect(cases.length).toBe(13);
  }, 120_000);
});
