import { describe, expect, it } from "vitest";
import { parseCell } from "../../cells/language/parse.ts";
import { renameReference } from "../../cells/language/rename.ts";
import { describeGraph } from "../../cells/graph-description.ts";
import { Sheet } from "../../cells/sheet.ts";
import { planTraining } from "../../cells/training/plan.ts";
import { TrainingRun } from "../../cells/training/run.ts";

function sheetOf(cells: Record<string, string>, seed = 3): Sheet {
  const sheet = new Sheet({ seed, cells: Object.entries(cells).map(([address, source]) => ({ address, source })) });
  sheet.evaluate();
  return sheet;
}

const values = (sheet: Sheet, address: string): number[] => sheet.result(address)!.value!.toFlatArray();
const errorOf = (sheet: Sheet, address: string): string | undefined => sheet.result(address)!.error?.message;

const DENSE = {
  A1: "x = [[1, -2], [3, 0.5]]",
  A2: "W = [[0.5, -1, 2], [1.5, 0.25, -0.5]]",
  A3: "b = [0.1, -0.2, 0.3]",
  A4: "dense(x, W, b) = relu(dot(x, W) + b)",
};

describe("user functions", () => {
  it("parses a definition into a name, its parameters and its body", () => {
    const p = parseCell("dense(x, W, b) = relu(dot(x, W) + b)");
    expect(p.error).toBeNull();
    expect(p.name).toBe("dense");
    expect(p.params).toEqual(["x", "W", "b"]);
    expect(p.nameSpan).toEqual({ start: 0, end: 5 });
    expect(p.expr!.kind).toBe("call");
  });

  it("a call gives the same values as the body written out; the definition shows as a function", () => {
    const sheet = sheetOf({ ...DENSE, B1: "h = dense(x, W, b)", B2: "h_inline = relu(dot(x, W) + b)" });
    expect(values(sheet, "B1")).toEqual(values(sheet, "B2"));
    expect(values(sheet, "B1")).toEqual([0, 0, 3.3, 2.35, 0, 6.05].map(Math.fround));
    const def = sheet.result("A4")!;
    expect(def.error).toBeNull();
    expect(def.value).toBeNull();
    expect(def.definesFunction).toBe("dense(x, W, b)");
    expect(def.notes).toEqual(["function dense(x, W, b): call it from another cell, e.g. dense(…)"]);
    expect(sheet.userFunctions()).toEqual([{ name: "dense", signature: "dense(x, W, b)", address: "A4" }]);
  });

  it("grad through a call equals grad of the inlined expression", () => {
    const sheet = sheetOf({
      ...DENSE,
      B1: "loss = sum(dense(x, W, b) * dense(x, W, b))",
      B2: "loss_inline = sum(relu(dot(x, W) + b) * relu(dot(x, W) + b))",
      C1: "g = grad(loss, W)",
      C2: "g_inline = grad(loss_inline, W)",
    });
    expect(values(sheet, "B1")).toEqual(values(sheet, "B2"));
    expect(values(sheet, "C1")).toEqual(values(sheet, "C2"));
    expect(values(sheet, "C1").some((v) => v !== 0)).toBe(true);
  });

  it("the objective's adjoints flow through a call; the definition cell has none", () => {
    const sheet = sheetOf({ ...DENSE, B1: "loss = sum(dense(x, W, b))", C1: "g = grad(loss, W)" });
    sheet.setObjective("loss");
    expect(sheet.adjoint("A2")!.toFlatArray()).toEqual(values(sheet, "C1"));
    expect(sheet.hasAdjoint("A4")).toBe(false);
    expect(sheet.adjoint("A4")).toBeNull();
  });

  it("the computation graph of a call shows the body's ops, as if written out", () => {
    const sheet = sheetOf({ ...DENSE, B1: "h = dense(x, W, b)", B2: "h_inline = relu(dot(x, W) + b)" });
    const ops = (address: string) => describeGraph(sheet, address)!.nodes.map((n) => [n.op, n.cell, n.inputs]);
    expect(ops("B1")).toEqual(ops("B2").map(([op, cell, inputs]) => [op, cell === "h_inline" ? "h" : cell, inputs]));
    expect(ops("B1").map(([op]) => op)).toEqual(["input", "input", "matmul", "input", "add", "relu"]);
  });

  it("parameters shadow cell names; free names in the body read cells and are dependencies", () => {
    const sheet = sheetOf({ A1: "x = [100]", A2: "k = [2]", A3: "scale(x) = x * k", B1: "y = scale([3])" });
    expect(values(sheet, "B1")).toEqual([6]);
    expect(sheet.dependencies("A3")).toEqual(["A2"]);
    expect(sheet.dependencies("B1")).toEqual(["A3"]);
    sheet.setCell("A2", "k = [10]");
    expect(sheet.evaluate().evaluated).toEqual(["A2", "A3", "B1"]);
    expect(values(sheet, "B1")).toEqual([30]);
  });

  it("editing the definition re-evaluates its callers, once each", () => {
    const sheet = sheetOf({ A1: "f(a) = a + 1", B1: "p = f([1])", B2: "q = f([2])", B3: "r = [5]" });
    const before = ["B1", "B2", "B3"].map((a) => sheet.result(a)!.evaluations);
    sheet.setCell("A1", "f(a) = a * 10");
    sheet.evaluate();
    expect(["B1", "B2", "B3"].map((a) => sheet.result(a)!.evaluations - before[["B1", "B2", "B3"].indexOf(a)]!)).toEqual([1, 1, 0]);
    expect(values(sheet, "B1")).toEqual([10]);
    expect(values(sheet, "B2")).toEqual([20]);
  });

  it("functions call other functions", () => {
    const sheet = sheetOf({ A1: "double(a) = 2 * a", A2: "quad(a) = double(double(a))", B1: "y = quad([1.5])" });
    expect(values(sheet, "B1")).toEqual([6]);
  });

  it("reports wrong argument counts with the function's parameters", () => {
    const sheet = sheetOf({ ...DENSE, B1: "h = dense(x, W)" });
    expect(errorOf(sheet, "B1")).toBe("dense takes 3 arguments (x, W, b), got 2");
    expect(sheet.result("B1")!.error!.span).toEqual({ start: 4, end: 9 });
  });

  it("reports direct and mutual recursion", () => {
    const direct = sheetOf({ A1: "f(a) = f(a) + 1", B1: "y = f([1])" });
    expect(errorOf(direct, "A1")).toBe("f calls itself; recursion is not supported (functions are inlined into the graph)");
    const mutual = sheetOf({ A1: "f(a) = g(a)", A2: "g(a) = f(a)", B1: "y = f([1])" });
    expect(errorOf(mutual, "A1")).toBe("f calls itself through f → g → f; recursion is not supported (functions are inlined into the graph)");
    expect(errorOf(mutual, "B1")).toBe("depends on f, which failed: f calls itself through f → g → f; recursion is not supported (functions are inlined into the graph)");
  });

  it("reports a clash with a built-in and duplicate parameters", () => {
    const sheet = sheetOf({ A1: "relu(a) = a", A2: "f(a, b, a) = a + b" });
    expect(errorOf(sheet, "A1")).toBe("relu is a built-in function; pick another name for your function");
    expect(errorOf(sheet, "A2")).toBe("f lists the parameter a twice; each parameter needs its own name");
  });

  it("reports unknown functions, a value called as a function and a function used as a value", () => {
    const sheet = sheetOf({ A1: "x = [1]", A2: "f(a) = a", B1: "y = rleu(x)", B2: "z = x(1)", B3: "w = f + 1", B4: "v = nothing_here(x)" });
    expect(errorOf(sheet, "B1")).toBe("unknown function rleu(…); did you mean relu?");
    expect(errorOf(sheet, "B2")).toBe("x is a cell holding a value, not a function; only cells such as x(x) = … can be called");
    expect(errorOf(sheet, "B3")).toBe("f is a function: call it, as in f(a)");
    expect(errorOf(sheet, "B4")).toBe("unknown function nothing_here(…); define it in a cell, e.g. f(x) = 2 * x");
  });

  it("an error inside the body names the function and points at the call", () => {
    const sheet = sheetOf({ A1: "f(a) = dot(a, [1, 2, 3])", B1: "y = 1 + f([1, 2])" });
    expect(errorOf(sheet, "B1")).toMatch(/^in f: /);
    expect(sheet.result("B1")!.error!.span).toEqual({ start: 8, end: 9 });
  });

  it("a training cell that names a function as its loss, a feed or a metric says so", () => {
    const cells = (fit: string) => ({ A1: "x = [[1], [2], [3], [4]]", A2: "W = param(ones([1, 1]))", A3: "f(a) = dot(a, W)", A4: "loss = mean(f(x))", A5: fit });
    const options = (extra: string) => `{optimizer: "sgd", lr: 0.1, batch: 2, epochs: 1, feed: [${extra}]}`;
    const planError = (fit: string) => {
      try {
        planTraining(sheetOf(cells(fit)), "A5");
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(planError(`fit = train(f, [W], ${options("x")})`)).toBe("fit: the loss f is a function, f(a); name a cell that holds a value, such as one that calls it");
    expect(planError(`fit = train(loss, [W], ${options("f")})`)).toBe("fit: a feed f is a function, f(a); name a cell that holds a value, such as one that calls it");
    expect(planError(`fit = train(loss, [W], ${options("x")})`)).toBeNull();
  });

  it("trains through a user function: the loss falls", () => {
    const sheet = sheetOf({
      A1: "x = randn([64, 3])",
      A2: "y = dot(x, [[1.5], [-2], [0.5]]) + 0.25",
      A3: "W = param(zeros([3, 1]))",
      A4: "b = param(zeros([1]))",
      A5: "linear(inputs, weights) = dot(inputs, weights) + b",
      A6: "loss = mse(y, linear(x, W))",
      A7: 'fit = train(loss, [W, b], {optimizer: "adam", lr: 0.1, batch: 16, epochs: 8, feed: [x, y]})',
    }, 5);
    expect(errorOf(sheet, "A6")).toBeUndefined();
    const run = TrainingRun.start(sheet, "A7");
    while (!run.done) run.runStep();
    const history = run.lossHistory();
    expect(history[history.length - 1]!).toBeLessThan(history[0]! / 100);
  });
});

describe("renaming a cell that a function's parameter shadows", () => {
  it("keeps the parameters and the function's name, and renames the body's free names", () => {
    expect(renameReference("dense(x, W, b) = relu(dot(x, W) + b) * k", "x", "inputs")).toBe("dense(x, W, b) = relu(dot(x, W) + b) * k");
    expect(renameReference("dense(x, W, b) = relu(dot(x, W) + b) * k", "k", "scale")).toBe("dense(x, W, b) = relu(dot(x, W) + b) * scale");
    expect(renameReference("f() = k", "k", "c")).toBe("f() = c");
    expect(renameReference("f(x) == x", "x", "y")).toBe("f(y) == y");
  });
});
