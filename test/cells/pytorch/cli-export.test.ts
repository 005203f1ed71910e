import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.ts";
import { HAS_TORCH, runPython } from "./torch-env.ts";

const dir = mkdtempSync(join(tmpdir(), "tensorsheet-export-"));

function writeSheet(name: string, cells: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: "tensorsheet", version: 1, title: "t", seed: 5, cells: cells.map((source, i) => ({ address: `A${i + 1}`, source })) }));
  return path;
}

describe("tensorsheet export --to pytorch", () => {
  it("writes the script to -o and large params as .npy beside it", async () => {
    const file = writeSheet("big.tensorsheet.json", ["W = param(glorot_uniform([100, 50]))", "s = sum(W * W)"]);
    const out = join(dir, "out", "..", "model.py");
    const run = await runCli("export", file, "--to", "pytorch", "-o", out);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`wrote ${out} and W.npy beside it; run it with python3 ${out}\n`);
    expect(run.code).toBe(0);
    const script = readFileSync(join(dir, "model.py"), "utf8");
    expect(script).toContain('W = param(torch.from_numpy(load_array("W.npy")))');
    expect(existsSync(join(dir, "W.npy"))).toBe(true);
    if (HAS_TORCH) {
      const got = runPython(["-c", `import runpy; c = runpy.run_path(${JSON.stringify(join(dir, "model.py"))}); print(tuple(c["W"].shape), c["s"].item() > 0)`]);
      expect(got).toBe("(100, 50) True\n");
    }
  });

  it("names the script after the sheet without -o", async () => {
    const file = writeSheet("small.json", ["x = [1, 2]"]);
    const run = await runCli("export", file, "--to", "pytorch");
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "small.py"), "utf8")).toContain("x = torch.tensor([1.0, 2.0])\n");
  });

  it("refuses an unknown target and a sheet with an error, saying why", async () => {
    const file = writeSheet("bad.json", ["x = [1, 2]", "y = x + [1, 2, 3]"]);
    const target = await runCli("export", file, "--to", "onnx");
    expect(target.code).toBe(2);
    expect(target.stderr).toBe('tensorsheet export: cannot export to "onnx"; the one target is pytorch\nusage: tensorsheet export FILE --to pytorch [-o OUT.py]\n');
    const broken = await runCli("export", file, "--to", "pytorch");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^tensorsheet export: cannot write .*bad\.json as PyTorch: cell y \(A2\) has an error; fix it before exporting: /);
    expect(existsSync(join(dir, "bad.py"))).toBe(false);
  });
});
