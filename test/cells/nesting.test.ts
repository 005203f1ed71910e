import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, parseCell } from "../../cells/language/parse.ts";
import { Sheet } from "../../cells/sheet.ts";
import { runCli } from "../support/cli.ts";

const tooDeep = (levels: string) =>
  `the expression is nested too deeply: ${levels} levels of operators and brackets; the limit is 1,000. Split it over several cells`;

/** Long chains that fit in the 10,000-character limit but would each exhaust the call stack somewhere. */
const overflowing: Record<string, [source: string, levels: string]> = {
  "4,990 additions": ["1" + "+1".repeat(4989), "4,990"],
  "4,990 transposes": ["m" + "'".repeat(4990), "4,991"],
  "9,000 unary minuses": ["-".repeat(9000) + "1", "9,001"],
  "a 5,000-long power tower": ["2" + "^2".repeat(4999), "5,000"],
  "2,000 chained indexings": ["m" + "[0]".repeat(2000), "2,003"],
};

function sheetWith(...sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

describe("deeply nested expressions", () => {
  for (const [what, [source, levels]] of Object.entries(overflowing)) {
    it(`refuses ${what} with a parse error on the cell, keeping its text`, () => {
      expect(parseCell(source).error?.message).toBe(tooDeep(levels));
      const sheet = sheetWith("m = [[1, 2], [3, 4]]", source, "z = m * 2");
      expect(sheet.source("A2")).toBe(source);
      expect(sheet.result("A2")!.error!.kind).toBe("parse");
      expect(sheet.result("A3")!.value!.toArray()).toEqual([[2, 4], [6, 8]]);
    });
  }

  it("evaluates chains right up to the limit", () => {
    const sheet = sheetWith(
      "x = 3",
      "x" + "+1".repeat(MAX_DEPTH - 1),
      "-".repeat(MAX_DEPTH - 101) + "(".repeat(100) + "x" + ")".repeat(100),
      "r = [[1, 2]]",
      "r" + "'".repeat(MAX_DEPTH - 1),
      "1" + "^-1".repeat((MAX_DEPTH - 2) / 2),
      "grad(A2 * 2, x)",
    );
    expect(sheet.result("A2")!.value!.toArray()).toBe(3 + MAX_DEPTH - 1);
    expect(sheet.result("A3")!.value!.toArray()).toBe(-3);
    expect(sheet.result("A5")!.value!.toArray()).toEqual([[1], [2]]);
    expect(sheet.result("A6")!.value!.toArray()).toBe(1);
    expect(sheet.result("A7")!.value!.toArray()).toBe(2);
    expect(parseCell("x" + "+1".repeat(MAX_DEPTH)).error?.message).toBe(tooDeep("1,001"));
  });

  it("does not count siblings: a literal of 1,200 negative numbers is two levels deep", () => {
    const items = Array.from({ length: 1200 }, (_, i) => -i);
    const sheet = sheetWith(`v = [${items.join(", ")}]`, "s = sum(v)");
    expect(sheet.result("A2")!.value!.toArray()).toBe(-(1199 * 1200) / 2);
  });

  it("still points at the first bracket past 100 levels", () => {
    const e = parseCell("x + " + "(".repeat(150) + "1" + ")".repeat(150)).error!;
    expect(e.message).toBe("brackets are nested more than 100 deep");
    expect(e.span).toEqual({ start: 104, end: 105 });
  });

  it("tensorsheet eval --json reports them as cell errors and still prints every cell", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tensorsheet-nesting-"));
    const sources = ["m = [[1, 2], [3, 4]]", ...Object.values(overflowing).map(([s]) => s), "z = m * 2"];
    const path = join(dir, "deep.json");
    writeFileSync(path, JSON.stringify({
      format: "tensorsheet", version: 1, title: "deep", seed: 0,
      cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })),
    }));
    const run = await runCli("eval", path, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { cells: { address: string; value: unknown; error: { kind: string; message: string } | null }[] };
    expect(out.cells.map((c) => c.error?.message ?? null)).toEqual([
      null, ...Object.values(overflowing).map(([, levels]) => tooDeep(levels)), null,
    ]);
    expect(out.cells.at(-1)!.value).toEqual([[2, 4], [6, 8]]);
  });
});
