import { describe, expect, it } from "vitest";
import { Tensor } from "../../engine/index.ts";
import { compileCell } from "../../cells/language/compile.ts";
import { FUNCTION_GROUPS, FUNCTIONS } from "../../cells/language/functions.ts";
import { parseCellOnce } from "../../cells/language/parse-cache.ts";
import { Sheet } from "../../cells/sheet.ts";
import { planTraining } from "../../cells/training/plan.ts";

// Small stand-ins for the datasets the data functions read.
function datasets(fn: string, name: string): Tensor {
  if (fn === "mnist_images") return new Tensor([2, 28, 28], new Float32Array(2 * 28 * 28).fill(255));
  if (fn === "mnist_labels") return new Tensor([2], Float32Array.of(3, 7));
  if (fn === "dataset" && name === "points") return new Tensor([2, 2], Float32Array.of(1, 2, 3, 4));
  throw new Error(`no dataset ${fn}("${name}")`);
}

/** The example in a sheet of its own, after the cells it reads; its address is the last. */
function sheetOfExample(example: string, given: readonly string[] = []): { sheet: Sheet; address: string } {
  const sources = [...given, example];
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })), dataset: datasets });
  sheet.evaluate();
  return { sheet, address: `A${sources.length}` };
}

describe("the function table", () => {
  it("documents every function the compiler accepts with a signature, summary, example and section", () => {
    expect(FUNCTIONS.size).toBe(78);
    for (const [name, f] of FUNCTIONS) {
      expect(f.signature.startsWith(`${name}(`), name).toBe(true);
      expect(f.signature.endsWith(")"), name).toBe(true);
      expect(f.summary.trim(), name).not.toBe("");
      expect(f.example.trim(), name).not.toBe("");
      expect(f.example, name).toContain(`${name}(`);
      expect(FUNCTION_GROUPS, name).toContain(f.group);
    }
  });

  it("accepts exactly the table's names and suggests the closest for others", () => {
    for (const name of FUNCTIONS.keys()) {
      const f = FUNCTIONS.get(name)!;
      const args = Array.from({ length: f.minArgs }, () => "1").join(", ");
      const parsed = parseCellOnce(`${name}(${args})`);
      // Compiling may fail on argument kinds (grad wants cell names), never on the name itself.
      try { compileCell(parsed); } catch (e) { expect(String(e), name).not.toContain("unknown function"); }
    }
    // Any other name may be a function a cell defines, so the sheet, not the compiler, reports it.
    const sheet = new Sheet({ cells: [{ address: "A1", source: "softmaxx([1])" }] });
    sheet.evaluate();
    expect(sheet.result("A1")!.error!.message).toBe("unknown function softmaxx(…); did you mean softmax?");
  });

  it("gives no section without a function, in the order of FUNCTION_GROUPS", () => {
    const used = new Set([...FUNCTIONS.values()].map((f) => f.group));
    expect([...used].sort()).toEqual([...FUNCTION_GROUPS].sort());
  });

  for (const [name, f] of FUNCTIONS) {
    it(`${name}: the example "${f.example}" evaluates without error`, () => {
      const { sheet, address } = sheetOfExample(f.example, f.exampleGiven);
      for (const a of sheet.addresses()) expect(sheet.result(a)!.error?.message ?? null, `${name} at ${a}`).toBeNull();
      if (name === "train") expect(planTraining(sheet, address).params.map((p) => p.name)).toEqual(["w"]);
      else expect(sheet.result(address)!.value, name).not.toBeNull();
    });
  }
});
