import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../engine/index.ts";
import { runCli } from "../support/cli.ts";
import { loadRefCases, mismatches } from "../support/refcases.ts";

const dir = mkdtempSync(join(tmpdir(), "tensorsheet-cli-"));

function writeSheet(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === "string" ? doc : JSON.stringify(doc));
  return path;
}

const sheet = (cells: string[]) => ({
  format: "tensorsheet", version: 1, title: "t", seed: 0,
  cells: cells.map((source, i) => ({ address: `A${i + 1}`, source })),
});

describe("tensorsheet eval --json", () => {
  for (const c of [...loadRefCases(), ...loadRefCases("conv/")]) {
    it(`matches the PyTorch reference for ${c.name}`, async () => {
      const run = await runCli("eval", writeSheet(`${c.name.replace("/", "-")}.json`, c.sheet), "--json");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as { cells: { name: string | null; shape: number[]; value: unknown; error: unknown }[] };
      for (const [name, want] of Object.entries(c.expect)) {
        const cell = out.cells.find((x) => x.name === name)!;
        expect(cell.error).toBeNull();
        const got = new Tensor(cell.shape, Float32Array.from([cell.value].flat(Infinity) as number[]));
        expect(mismatches(got, want), name).toEqual([]);
      }
    });
  }

  it("reports each cell's address, name, shape, value and error", async () => {
    const run = await runCli("eval", writeSheet("mixed.json", sheet(["x = [1, 2]", "y = x + [1, 2, 3]", "3"])), "--json");
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.cells[0]).toEqual({ address: "A1", name: "x", shape: [2], value: [1, 2], error: null });
    expect(out.cells[1].error.kind).toBe("shape");
    expect(out.cells[1].value).toBeNull();
    expect(out.cells[2]).toEqual({ address: "A3", name: null, shape: [], value: 3, error: null });
  });

  it("gives null for values over 100,000 elements", async () => {
    const run = await runCli("eval", writeSheet("big.json", sheet(["big = zeros([400, 300])"])), "--json");
    expect(JSON.parse(run.stdout).cells[0]).toMatchObject({ shape: [400, 300], value: null });
  });
});

describe("tensorsheet eval", () => {
  it("prints a readable table with summaries and errors", async () => {
    const run = await runCli("eval", writeSheet("table.json", sheet(["x = [1, 2]", "m = zeros([100, 100])", "bad = x * [1, 2, 3]"])));
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^cell\s+name\s+shape\s+value$/);
    expect(lines[1]).toMatch(/^A1\s+x\s+\[2\]\s+\[1, 2\]$/);
    expect(lines[2]).toMatch(/^A2\s+m\s+\[100, 100\]\s+min 0 · mean 0 · max 0$/);
    expect(lines[3]).toMatch(/^A3\s+bad\s+error \(shape\): mul: shapes \[2\] and \[3\]/);
  });

  it("shows a cell that defines a function as the function, and its caller's value", async () => {
    const run = await runCli("eval", writeSheet("function.json", sheet(["twice(v) = 2 * v", "y = twice([1, 2])"])));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^A1\s+twice\s+function twice\(v\)$/);
    expect(lines[2]).toMatch(/^A2\s+y\s+\[2\]\s+\[2, 4\]$/);
  });

  it("exits 2 with a message on stderr for an unreadable or invalid file", async () => {
    const missing = await runCli("eval", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const notJson = await runCli("eval", writeSheet("broken.json", "{ not json"));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("not a valid sheet");
    const wrongFormat = await runCli("eval", writeSheet("wrong.json", { format: "other", version: 1 }));
    expect(wrongFormat.code).toBe(2);
    expect(wrongFormat.stderr).toContain("$.format");
  });

  it("exits 2 on bad usage", async () => {
    expect((await runCli("eval")).code).toBe(2);
    expect((await runCli("frobnicate")).code).toBe(2);
  });

  it("runs as the installed bin", { timeout: 60_000 }, () => {
    const out = execFileSync("node", ["bin/tensorsheet.js", "eval", writeSheet("bin.json", sheet(["x = 2 * 21"])), "--json"], { encoding: "utf8" });
    expect(JSON.parse(out).cells[0].value).toBe(42);
  });
});

describe("tensorsheet --max-elements", () => {
  it("gives ones([1e9]) a cell error under the default limit and still prints JSON, exit 1", async () => {
    const run = await runCli("eval", writeSheet("huge.json", sheet(["x = ones([1e9])", "y = 2"])), "--json");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out.cells[0]).toEqual({
      address: "A1", name: "x", shape: null, value: null,
      error: { kind: "value", message: "ones([1000000000]) would have 1,000,000,000 elements; the limit is 268,435,456 (2^28)" },
    });
    expect(out.cells[1]).toMatchObject({ name: "y", value: 2, error: null });
  });

  it("--max-elements 100 admits ones([100]), refuses ones([101]), and lasts only for that run", async () => {
    const path = writeSheet("hundred.json", sheet(["a = ones([100])", "b = ones([101])"]));
    const run = await runCli("eval", path, "--max-elements", "100", "--json");
    expect(run.code).toBe(1);
    const cells = JSON.parse(run.stdout).cells;
    expect(cells[0].error).toBeNull();
    expect(cells[1].error).toEqual({ kind: "value", message: "ones([101]) would have 101 elements; the limit is 100" });
    expect((await runCli("eval", path, "--json")).code).toBe(0);
  });

  it("exits 2 on a missing or bad value, for eval and train", async () => {
    const path = writeSheet("small.json", sheet(["a = 1"]));
    const missing = await runCli("eval", path, "--max-elements");
    expect(missing).toMatchObject({ code: 2, stderr: "tensorsheet eval: --max-elements needs a value\n" });
    const bad = await runCli("train", path, "--max-elements=0");
    expect(bad).toMatchObject({ code: 2, stderr: "tensorsheet train: --max-elements must be a whole number ≥ 1, got 0\n" });
  });
});
