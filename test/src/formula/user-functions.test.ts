import { describe, expect, it } from "vitest";
import { completionOptions } from "../../../src/formula/completions.ts";
import { referenceSections } from "../../../src/formula/function-reference.ts";
import { tokenizeFormula } from "../../../src/formula/highlight.ts";
import { userFunctionsOf } from "../../../src/formula/user-functions.ts";

const CELLS = [
  { address: "A1", source: "x = [[1, 2]]" },
  { address: "A3", source: "dense(x, W, b) = relu(dot(x, W) + b)" },
  { address: "B2", source: "h = dense(x, W1, b1)" },
  { address: "B3", source: "broken(a, a) = a" },
  { address: "B4", source: "y = f(1) == 2" },
];

describe("the functions the sheet's cells define, in autocomplete and the function reference", () => {
  it("reads each definition's signature and cell", () => {
    expect([...userFunctionsOf(CELLS).values()]).toEqual([
      { name: "dense", signature: "dense(x, W, b)", summary: "defined in A3", address: "A3", minArgs: 3 },
    ]);
  });

  it("autocomplete offers a user function as a function, not as a cell", () => {
    const options = completionOptions("de", ["x", "dense", "h", "delta"], { userFunctions: userFunctionsOf(CELLS) });
    expect(options.map((o) => [o.label, o.type, o.detail, o.info, o.apply])).toEqual([
      ["delta", "variable", "cell", undefined, "delta"],
      ["dense", "function", "dense(x, W, b)", "defined in A3", "dense("],
    ]);
  });

  it("the reference lists user functions first, under their own section, and filters them", () => {
    const own = userFunctionsOf(CELLS);
    const sections = referenceSections("", undefined, own);
    expect(sections[0]).toEqual({
      group: "Your functions",
      entries: [{ name: "dense", signature: "dense(x, W, b)", summary: "defined in A3", example: "dense(x, W, b)", given: [], minArgs: 3 }],
    });
    expect(referenceSections("defined in a3", undefined, own).map((s) => [s.group, s.entries.map((e) => e.name)])).toEqual([["Your functions", ["dense"]]]);
    expect(referenceSections("relu", undefined, own).some((s) => s.group === "Your functions")).toBe(false);
    expect(referenceSections("").some((s) => s.group === "Your functions")).toBe(false);
  });

  it("highlights the name a definition gives its function as a definition, not a call", () => {
    const types = (line: string) => tokenizeFormula(line, { names: new Set(["x"]), isFunction: () => false }).slice(0, 2).map((t) => [t.text, t.type]);
    expect(types("dense(x, W, b) = relu(x)")).toEqual([["dense", "definition"], ["(", "paren"]]);
    expect(types("f() = 1")).toEqual([["f", "definition"], ["(", "paren"]]);
    expect(types("f(x) == 1")).toEqual([["f", "name"], ["(", "paren"]]);
  });
});
