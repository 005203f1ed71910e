import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

describe("tensorsheet eval of a sketch cell", () => {
  it("evaluates the drawing the file stores", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tensorsheet-sketch-")), "sketch.json");
    const doc = {
      format: "tensorsheet", version: 1, title: "t", seed: 0,
      cells: [
        { address: "A1", source: "d = sketch([4, 4])", drawing: [[0.5, 0.5]] },
        { address: "A2", source: "rows = sum(d, 1) * 64" },
      ],
    };
    writeFileSync(path, JSON.stringify(doc));
    const run = await runCli("eval", path, "--json");
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout) as { cells: { name: string | null; value: unknown }[] };
    // A dot of MNIST's 3 px brush, at a 4-px pad's scale: 3 of 64 subsamples of each middle pixel.
    expect(out.cells.find((c) => c.name === "rows")!.value).toEqual([0, 6, 6, 0]);
  });
});
