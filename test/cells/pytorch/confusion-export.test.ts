import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { HAS_TORCH, PYTHON, runPython, writeExport } from "./torch-env.ts";

const CELLS = ["labels = [0, 1, 1, 2]", "scores = [[0.9, 0.1, 0], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]]", "m = confusion_matrix(labels, scores)", "n = confusion_matrix(labels, [0, 2, 1, 4])"];

function exported(): string {
  const sheet = new Sheet({ title: "Confusion", seed: 1, cells: CELLS.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return pytorchScript(sheet).script;
}

describe("confusion_matrix exported to PyTorch", () => {
  it("becomes a bincount of true × k + predicted, the argmax of scores or the indices themselves, as valid Python", () => {
    const lines = exported().split("\n");
    const m = lines[lines.indexOf("# A3: m = confusion_matrix(labels, scores)") + 1];
    expect(m).toBe(
      "m = (lambda y, p: (lambda q, k: torch.bincount(y * k + q, minlength=k * k).reshape(k, k).float())" +
        "(p.argmax(-1) if p.dim() == 2 else p.long(), p.shape[-1] if p.dim() == 2 else int(torch.cat([y, p.long()]).max()) + 1))(labels.long(), scores)",
    );
    const parsed = spawnSync(PYTHON, ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: `${m}\n`, encoding: "utf8" });
    expect(parsed.stderr).toBe("");
    expect(parsed.status).toBe(0);
  });

  it.skipIf(!HAS_TORCH)("gives the sheet's counts for scores and for indices", () => {
    const script = writeExport({ script: exported(), files: [] });
    const out = runPython(["-c", `import runpy, sys\ng = runpy.run_path(sys.argv[1])\nprint(g["m"].tolist(), g["n"].tolist())`, script]);
    expect(out).toBe("[[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 0.0]] " +
      "[[1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0]]\n");
  }, 60_000);
});
