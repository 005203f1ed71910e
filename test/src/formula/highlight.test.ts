import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../../cells/language/functions.ts";
import { readToken, startState, tokenizeFormula, type FormulaTokenType, type TokenizerContext } from "../../../src/formula/highlight.ts";

const ctx = (names: string[] = []): TokenizerContext => ({ names: new Set(names), isFunction: (n) => FUNCTIONS.has(n) });

/** [text, type] pairs, whitespace dropped. */
function toks(text: string, names: string[] = []): [string, FormulaTokenType][] {
  return tokenizeFormula(text, ctx(names)).map((t) => [t.text, t.type]);
}

describe("tokenizeFormula", () => {
  it("reads a definition, a function call, a cell name and numbers", () => {
    expect(toks("h = relu(dot(x, W1) + 1e-3)", ["x", "W1"])).toEqual([
      ["h", "definition"],
      ["=", "assign"],
      ["relu", "function"],
      ["(", "paren"],
      ["dot", "function"],
      ["(", "paren"],
      ["x", "variable"],
      [",", "separator"],
      ["W1", "variable"],
      [")", "paren"],
      ["+", "operator"],
      ["1e-3", "number"],
      [")", "paren"],
    ]);
  });

  it("gives exact offsets into the source", () => {
    const t = tokenizeFormula("  y = x'", ctx(["x"]));
    expect(t.map((k) => [k.from, k.to])).toEqual([[2, 3], [4, 5], [6, 7], [7, 8]]);
  });

  it("reads number forms", () => {
    for (const n of ["0", "42", "3.14", ".5", "1.", "1e3", "1E+3", "2.5e-10", "0x1F", "0b101"]) {
      expect(toks(n), n).toEqual([[n, "number"]]);
    }
  });

  it("reads the element-wise operators, not a number followed by garbage", () => {
    expect(toks("2.*x .^ 2 ./ y", ["x", "y"])).toEqual([
      ["2", "number"], [".*", "operator"], ["x", "variable"], [".^", "operator"], ["2", "number"], ["./", "operator"], ["y", "variable"],
    ]);
  });

  it("reads comparisons and tells == from the assignment", () => {
    expect(toks("m = a == b != c <= d >= e < f > g").map(([, type]) => type)).toEqual([
      "definition", "assign", "name", "compare", "name", "compare", "name", "compare", "name", "compare", "name", "compare", "name", "compare", "name",
    ]);
    // A bare comparison starting with a name is not a definition.
    expect(toks("a == b")[0]).toEqual(["a", "name"]);
  });

  it("reads strings with escapes, and an unterminated string to the end", () => {
    expect(toks('mnist_images("train")')).toEqual([["mnist_images", "function"], ["(", "paren"], ['"train"', "string"], [")", "paren"]]);
    expect(toks('"a \\" b" + 1')).toEqual([['"a \\" b"', "string"], ["+", "operator"], ["1", "number"]]);
    expect(toks('f("abc')).toEqual([["f", "name"], ["(", "paren"], ['"abc', "string"]]);
  });

  it("tells the transpose quote from a single-quoted string", () => {
    expect(toks("W' + x''", ["W", "x"])).toEqual([["W", "variable"], ["'", "operator"], ["+", "operator"], ["x", "variable"], ["'", "operator"], ["'", "operator"]]);
    expect(toks("(a)'")).toContainEqual(["'", "operator"]);
    expect(toks("f('train')")).toEqual([["f", "name"], ["(", "paren"], ["'train'", "string"], [")", "paren"]]);
  });

  it("reads slices: the colon inside brackets is a slice, inside braces an option separator", () => {
    expect(toks("x[1:3, ::2]", ["x"])).toEqual([
      ["x", "variable"], ["[", "bracket"], ["1", "number"], [":", "slice"], ["3", "number"], [",", "separator"],
      [":", "slice"], [":", "slice"], ["2", "number"], ["]", "bracket"],
    ]);
    expect(toks('train(loss, [w], {optimizer: "adam", lr: 0.01})', ["loss", "w"])).toEqual([
      ["train", "function"], ["(", "paren"], ["loss", "variable"], [",", "separator"], ["[", "bracket"], ["w", "variable"], ["]", "bracket"], [",", "separator"],
      ["{", "brace"], ["optimizer", "property"], [":", "separator"], ['"adam"', "string"], [",", "separator"],
      ["lr", "property"], [":", "separator"], ["0.01", "number"], ["}", "brace"], [")", "paren"],
    ]);
  });

  it("reads booleans, matrix rows and addresses", () => {
    expect(toks("sum(x, 0, true)", ["x"]).map(([, t]) => t)).toContain("bool");
    expect(toks("[1, 2; 3, 4]").map(([, t]) => t)).toEqual(["bracket", "number", "separator", "number", "separator", "number", "separator", "number", "bracket"]);
    expect(toks("A3 + AB12")).toEqual([["A3", "variable"], ["+", "operator"], ["AB12", "variable"]]);
  });

  it("prefers a cell name over a function name unless it is called", () => {
    expect(toks("shape + shape(x)", ["shape", "x"]).map(([, t]) => t)).toEqual(["variable", "operator", "function", "paren", "variable", "paren"]);
    // A function name used without a call is still coloured as a function.
    expect(toks("sum")).toEqual([["sum", "function"]]);
  });

  it("marks characters outside the language as invalid and always advances", () => {
    expect(toks("a % b & c").map(([, t]) => t)).toEqual(["name", "invalid", "name", "invalid", "name"]);
    expect(toks("x.y")).toEqual([["x", "name"], [".", "invalid"], ["y", "name"]]);
    expect(toks("😀")).toEqual([["😀", "invalid"]]);
  });

  it("never stalls or throws on arbitrary input", () => {
    const alphabet = "ab1._'\"[](){}:;,=+-*/^<>!% \te0";
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      let s = "";
      const len = (seed = (seed * 1103515245 + 12345) >>> 0) % 24;
      for (let i = 0; i < len; i++) s += alphabet[(seed = (seed * 1103515245 + 12345) >>> 0) % alphabet.length];
      const state = startState();
      let pos = 0;
      while (pos < s.length) {
        const { end } = readToken(s, pos, state, ctx());
        expect(end).toBeGreaterThan(pos);
        pos = end;
      }
      const tokens = tokenizeFormula(s, ctx());
      // Tokens cover the text in order; only whitespace lies between them.
      let at = 0;
      for (const t of tokens) {
        expect(s.slice(at, t.from)).toMatch(/^\s*$/);
        expect(t.text).toBe(s.slice(t.from, t.to));
        at = t.to;
      }
      expect(s.slice(at)).toMatch(/^\s*$/);
    }
  });
});
