// Incremental evaluation inside a cell: sub-expressions whose inputs did not change give the value
// they gave last time, and everything computed from them (values, grad cells, adjoints) is what a
// sheet evaluated from scratch gives.
import { describe, expect, it } from "vitest";
import type { Expr } from "../../cells/language/ast.ts";
import { memoPlan, SubexpressionMemo } from "../../cells/language/memo.ts";
import { parseCell } from "../../cells/language/parse.ts";
import { Sheet } from "../../cells/sheet.ts";
import { noGrad, Tensor } from "../../engine/index.ts";

const OPS: Record<string, string> = { add: "+", sub: "-", mul: "*", div: "/" };

/** An expression written back as text, enough to name the nodes these tests use. */
function text(e: Expr): string {
  switch (e.kind) {
    case "ref": return e.name;
    case "number": return String(e.value);
    case "string": return JSON.stringify(e.value);
    case "call": return `${e.fn}(${e.args.map(text).join(", ")})`;
    case "binary": return `(${text(e.left)} ${OPS[e.op] ?? e.op} ${text(e.right)})`;
    case "array": return `[${e.items.map(text).join(", ")}]`;
    default: return e.kind;
  }
}

/** The remembered nodes, each with the names it reads. */
function chosen(source: string): string[] {
  return [...memoPlan(parseCell(source).expr!).entries()].map(([e, names]) => `${text(e)} ← ${names.join(",")}`);
}

describe("which sub-expressions are remembered", () => {
  it("those that read a strict subset of the cell's names, not covered by a remembered ancestor", () => {
    expect(chosen("h = relu(dot(x, W) + b)")).toEqual(["dot(x, W) ← W,x"]);
    expect(chosen("p = softmax(dot(relu(dot(x, W1) + b1), W2) + b2)")).toEqual([
      "dot(relu((dot(x, W1) + b1)), W2) ← W1,W2,b1,x",
      "relu((dot(x, W1) + b1)) ← W1,b1,x",
      "dot(x, W1) ← W1,x",
    ]);
  });

  it("constant parts too, but nothing random, no dataset reads and no grad()", () => {
    expect(chosen("y = x * (ones([3]) + 1)")).toEqual(["(ones([3]) + 1) ← "]);
    expect(chosen("y = x + rand([3])")).toEqual([]);
    expect(chosen('y = x + sum(mnist_labels("test"))')).toEqual([]);
    // grad() itself is never remembered; its y, which reads w alone, is (its graph still reaches w).
    expect(chosen("y = grad(sum(w * w), w) + b")).toEqual(["sum((w * w)) ← w"]);
    expect(chosen("y = sum(grad(loss, w) * 2) + dot(a, b)")).toEqual(["dot(a, b) ← a,b"]);
  });

  it("nothing in a cell that reads one name or none", () => {
    expect(chosen("h = relu(dot(x, x) + 1)")).toEqual([]);
    expect(chosen("c = dot(ones([2, 2]), ones([2]))")).toEqual([]);
  });
});

const SOURCES = [
  "x = reshape(linspace(-1, 1, 24), [6, 4])",
  "W = param(reshape(linspace(-0.5, 0.5, 12), [4, 3]))",
  "b = param(zeros([3]) + 0.1)",
  "h = relu(dot(x, W) + b)",
  "loss = mean(h * h) + sum(dot(x, W)) * 0.01",
  "gW = grad(loss, W)",
  "gb = grad(loss, b)",
];

function sheetOf(sources: readonly string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })), objective: "loss" });
  sheet.evaluate();
  return sheet;
}

const valueOf = (s: Sheet, name: string) => s.result(s.resolve(name)!)!.value!.toArray();
const reusedBy = (s: Sheet, name: string) => s.result(s.resolve(name)!)!.reused;

/** Every cell's value, ∂loss/∂cell, and grad cell, in a sheet that was edited and in one evaluated from scratch. */
function expectSameAsFresh(edited: Sheet, sources: readonly string[]): void {
  const fresh = sheetOf(sources);
  for (const name of ["x", "W", "b", "h", "loss", "gW", "gb"]) expect(valueOf(edited, name), name).toEqual(valueOf(fresh, name));
  const addresses = edited.addresses();
  const adjoints = edited.adjoints(addresses);
  const freshAdjoints = fresh.adjoints(addresses);
  expect([...adjoints.keys()].sort()).toEqual([...freshAdjoints.keys()].sort());
  for (const [a, g] of adjoints) expect(g.toArray(), `∂loss/∂${a}`).toEqual(freshAdjoints.get(a)!.toArray());
}

describe("an edit re-runs only what reads the changed cell", () => {
  it("an edit of b reuses dot(x, W) in h and gives exactly the values and gradients of a fresh sheet", () => {
    const s = sheetOf(SOURCES);
    expect(reusedBy(s, "h")).toBe(0);
    const edited = SOURCES.map((src) => (src.startsWith("b =") ? "b = param(zeros([3]) - 0.3)" : src));
    s.setCell("A3", edited[2]!);
    s.evaluate();
    expect(reusedBy(s, "h")).toBe(1);
    // loss reads h and x, W: its dot(x, W) is its own sub-expression, also unchanged.
    expect(reusedBy(s, "loss")).toBe(1);
    expectSameAsFresh(s, edited);
  });

  it("a new value of W (an edit or a training update) reuses nothing that reads W", () => {
    const s = sheetOf(SOURCES);
    const W = s.result(s.resolve("W")!)!.value!;
    s.setParam("W", new Tensor(W.shape, W.data.map((v) => v * 2)));
    s.evaluate();
    expect(reusedBy(s, "h")).toBe(0);
    const doubled = SOURCES.map((src) => (src.startsWith("W =") ? "W = param(reshape(linspace(-1, 1, 12), [4, 3]))" : src));
    expectSameAsFresh(s, doubled);
  });

  it("an edit of the cell itself starts with nothing remembered", () => {
    const s = sheetOf(SOURCES);
    s.setCell("A4", "h = relu(dot(x, W) + b) * 1");
    s.evaluate();
    expect(reusedBy(s, "h")).toBe(0);
  });
});

describe("SubexpressionMemo", () => {
  const node = parseCell("y = dot(a, b)").expr!;
  const a = new Tensor([2], Float32Array.of(1, 2));

  it("reuses a value only for the same input tensors", () => {
    const memo = new SubexpressionMemo();
    let runs = 0;
    const compute = () => (runs++, a);
    memo.valueOf(node, [a], compute);
    memo.valueOf(node, [a], compute);
    memo.valueOf(node, [new Tensor([2], Float32Array.of(1, 2))], compute);
    expect(runs).toBe(2);
    expect(memo.reused).toBe(1);
  });

  it("never gives a value computed without autodiff recording to a run that records", () => {
    const memo = new SubexpressionMemo();
    let runs = 0;
    const compute = () => (runs++, a);
    noGrad(() => memo.valueOf(node, [a], compute));
    memo.valueOf(node, [a], compute);
    expect(runs).toBe(2);
  });
});
