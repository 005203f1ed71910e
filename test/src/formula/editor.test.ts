// State-level behaviour of the CodeMirror pieces (no EditorView, so no DOM needed).
import { CompletionContext, insertBracket, type CompletionResult } from "@codemirror/autocomplete";
import { ensureSyntaxTree } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { highlightTree } from "@lezer/highlight";
import { describe, expect, it } from "vitest";
import {
  errorField, formulaCompletionSource, formulaHighlighter, formulaLanguage, setFormulaError, singleLine,
} from "../../../src/formula/editor.ts";

function classesOf(doc: string, names: string[]): [string, string][] {
  const state = EditorState.create({ doc, extensions: formulaLanguage(names) });
  const tree = ensureSyntaxTree(state, state.doc.length, 5000)!;
  const out: [string, string][] = [];
  highlightTree(tree, formulaHighlighter, (from, to, cls) => out.push([doc.slice(from, to), cls]));
  return out;
}

describe("formula language", () => {
  it("highlights functions, cell names, definitions, numbers, strings and operators", () => {
    const got = classesOf('loss = mse(y, relu(x)) * 1e-3 + A3 + mnist_images("test")', ["x", "y"]);
    expect(got).toContainEqual(["loss", "fb-tok-definition"]);
    expect(got).toContainEqual(["mse", "fb-tok-function"]);
    expect(got).toContainEqual(["relu", "fb-tok-function"]);
    expect(got).toContainEqual(["y", "fb-tok-variable"]);
    expect(got).toContainEqual(["x", "fb-tok-variable"]);
    expect(got).toContainEqual(["A3", "fb-tok-variable"]);
    expect(got).toContainEqual(["1e-3", "fb-tok-number"]);
    expect(got).toContainEqual(['"test"', "fb-tok-string"]);
    expect(got).toContainEqual(["*", "fb-tok-operator"]);
    expect(got).toContainEqual(["=", "fb-tok-assign"]);
  });

  it("colours an unknown identifier differently from a cell name", () => {
    expect(classesOf("a + b", ["a"])).toEqual([["a", "fb-tok-variable"], ["+", "fb-tok-operator"], ["b", "fb-tok-name"]]);
  });

  it("auto-closes brackets and double quotes, but not the transpose quote", () => {
    const at = (doc: string) => EditorState.create({ doc, selection: { anchor: doc.length }, extensions: formulaLanguage([]) });
    expect(insertBracket(at("x"), "(")!.state.doc.toString()).toBe("x()");
    expect(insertBracket(at("f("), "[")!.state.doc.toString()).toBe("f([]");
    expect(insertBracket(at("f("), '"')!.state.doc.toString()).toBe('f(""');
    expect(insertBracket(at("x"), "'")).toBeNull();
    expect(insertBracket(at("f("), "'")).toBeNull();
  });
});

describe("singleLine", () => {
  const create = (doc = "", ext: Extension = singleLine) => EditorState.create({ doc, extensions: ext });

  it("replaces line breaks in inserted text with spaces", () => {
    const s = create("x = ").update({ changes: { from: 4, insert: "sum(\n  a,\n  0\n)" } }).state;
    expect(s.doc.toString()).toBe("x = sum(   a,   0 )");
    expect(s.doc.lines).toBe(1);
  });

  it("keeps the selection and single-line edits as they are", () => {
    const s = create("ab").update({ changes: { from: 1, insert: "\n" }, selection: { anchor: 2 } }).state;
    expect(s.doc.toString()).toBe("a b");
    expect(s.selection.main.head).toBe(2);
    const t = create("ab").update({ changes: { from: 2, insert: "c" } }).state;
    expect(t.doc.toString()).toBe("abc");
  });

  it("handles several changes in one transaction", () => {
    const s = create("abc").update({ changes: [{ from: 0, insert: "1\n" }, { from: 3, insert: "\n2" }] }).state;
    expect(s.doc.toString()).toBe("1 abc 2");
  });
});

describe("errorField", () => {
  const create = (doc: string) => EditorState.create({ doc, extensions: errorField });
  const ranges = (s: EditorState) => {
    const out: [number, number, string | undefined][] = [];
    s.field(errorField).decorations.between(0, s.doc.length, (from, to, d) => {
      out.push([from, to, (d.spec as { attributes?: { title?: string } }).attributes?.title]);
    });
    return out;
  };

  it("underlines the span with the message as title", () => {
    const s = create("y = foo(x)").update({ effects: setFormulaError.of({ message: "unknown function foo", span: { start: 4, end: 7 } }) }).state;
    expect(ranges(s)).toEqual([[4, 7, "unknown function foo"]]);
    expect(s.field(errorField).error?.message).toBe("unknown function foo");
  });

  it("underlines everything without a span, and nothing once cleared", () => {
    let s = create("y = x").update({ effects: setFormulaError.of({ message: "depends on x, which failed", span: null }) }).state;
    expect(ranges(s)).toEqual([[0, 5, "depends on x, which failed"]]);
    s = s.update({ effects: setFormulaError.of(null) }).state;
    expect(ranges(s)).toEqual([]);
    expect(s.field(errorField).error).toBeNull();
  });

  it("follows the text as it is edited", () => {
    let s = create("y = foo(x)").update({ effects: setFormulaError.of({ message: "m", span: { start: 4, end: 7 } }) }).state;
    s = s.update({ changes: { from: 0, insert: "  " } }).state;
    expect(ranges(s)).toEqual([[6, 9, "m"]]);
  });
});

describe("formulaCompletionSource", () => {
  const source = (names: () => readonly string[]) => formulaCompletionSource(names);
  const query = (doc: string, pos = doc.length, explicit = false, names: readonly string[] = ["logits", "loss", "x"]) =>
    source(() => names)(new CompletionContext(EditorState.create({ doc }), pos, explicit)) as CompletionResult | null;

  it("completes names and functions from the word start", () => {
    const r = query("loss = lo")!;
    expect(r.from).toBe(7);
    const labels = r.options.map((o) => o.label);
    expect(labels).toEqual(["logits", "log", "log_softmax", "logsumexp"]); // not the cell's own name
    expect(r.options.find((o) => o.label === "log")).toMatchObject({ apply: "log(", detail: "log(x)", type: "function" });
  });

  it("reads the current names each time it runs", () => {
    let names: readonly string[] = ["alpha"];
    const src = source(() => names);
    const run = () => (src(new CompletionContext(EditorState.create({ doc: "y = al" }), 6, false)) as CompletionResult | null)?.options.map((o) => o.label);
    expect(run()).toEqual(["alpha"]);
    names = ["alpha", "alpine"];
    expect(run()).toEqual(["alpha", "alpine"]);
  });

  it("stays quiet after an operator unless asked, and inside strings", () => {
    expect(query("y = x + ")).toBeNull();
    expect(query("y = x + ", 8, true)!.options.length).toBeGreaterThan(40);
    expect(query('mnist_images("te')).toBeNull();
    expect(query("y = 1e")).toBeNull();
  });
});

describe("language compartment", () => {
  it("re-highlights when the cell names change", () => {
    const lang = new Compartment();
    let state = EditorState.create({ doc: "a + b", extensions: lang.of(formulaLanguage(["a"])) });
    const cls = (s: EditorState) => {
      const out: string[] = [];
      highlightTree(ensureSyntaxTree(s, s.doc.length, 5000)!, formulaHighlighter, (from, to, c) => out.push(`${s.sliceDoc(from, to)}:${c}`));
      return out;
    };
    expect(cls(state)).toContain("b:fb-tok-name");
    state = state.update({ effects: lang.reconfigure(formulaLanguage(["a", "b"])) }).state;
    expect(cls(state)).toContain("b:fb-tok-variable");
  });
});
