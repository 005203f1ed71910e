import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";
import { Tensor } from "../../engine/index.ts";

function sheetOf(...sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

const value = (s: Sheet, name: string) => s.result(s.resolve(name)!)!.value!.toArray();
const error = (s: Sheet, address: string) => s.result(address)!.error;
const counts = (s: Sheet) => Object.fromEntries(s.addresses().map((a) => [a, s.result(a)!.evaluations]));

describe("reactive evaluation", () => {
  it("re-evaluates exactly the edited cell and its downstream cells, once each", () => {
    const s = sheetOf("a = 1", "b = a + 1", "c = b * 2", "d = 10", "e = d + c", "f = d - 1");
    expect(counts(s)).toEqual({ A1: 1, A2: 1, A3: 1, A4: 1, A5: 1, A6: 1 });
    s.setCell("A2", "b = a + 5");
    const report = s.evaluate();
    expect(report.evaluated).toEqual(["A2", "A3", "A5"]);
    expect(counts(s)).toEqual({ A1: 1, A2: 2, A3: 2, A4: 1, A5: 2, A6: 1 });
    expect(value(s, "e")).toBe(22);
  });

  it("evaluates a diamond's join once, after both branches", () => {
    const s = sheetOf("x = 2", "l = x * 3", "r = x + 1", "j = l + r");
    s.setCell("A1", "x = 3");
    const order = s.evaluate().evaluated;
    expect(order).toHaveLength(4);
    expect(order[0]).toBe("A1");
    expect(order[3]).toBe("A4");
    expect(s.result("A4")!.evaluations).toBe(2);
    expect(value(s, "j")).toBe(13);
  });

  it("keeps untouched cells' values without re-running them", () => {
    const s = sheetOf("a = [1, 2, 3]", "b = sum(a)", "c = 5");
    const before = s.result("A3")!.value;
    s.setCell("A1", "a = [4, 5, 6]");
    s.evaluate();
    expect(s.result("A3")!.value).toBe(before);
    expect(value(s, "b")).toBe(15);
  });

  it("records each cell's shape and evaluation time", () => {
    const s = sheetOf("m = zeros([2, 3])");
    const r = s.result("A1")!;
    expect(r.shape).toEqual([2, 3]);
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it("can be cancelled between cells, leaving the rest dirty for the next pass", async () => {
    const s = new Sheet({ cells: Array.from({ length: 50 }, (_, i) => ({ address: `A${i + 1}`, source: i === 0 ? "v0 = 1" : `v${i} = v${i - 1} + 1` })) });
    const controller = new AbortController();
    controller.abort();
    const report = await s.evaluateAsync(controller.signal);
    expect(report.cancelled).toBe(true);
    expect(report.evaluated).toEqual([]);
    expect(s.isDirty("A50")).toBe(true);
    const done = await s.evaluateAsync();
    expect(done.cancelled).toBe(false);
    expect(done.evaluated).toHaveLength(50);
    expect(value(s, "v49")).toBe(50);
  });
});

describe("errors are values", () => {
  it("shows an error on the failing cell and 'depends on X, which failed' downstream, while siblings work", () => {
    const s = sheetOf("a = [1, 2, 3]", "b = a * [1, 2]", "c = b + 1", "d = a + 1");
    expect(error(s, "A2")!.kind).toBe("shape");
    expect(error(s, "A2")!.message).toContain("[3]");
    expect(error(s, "A3")!.kind).toBe("upstream");
    expect(error(s, "A3")!.message).toMatch(/^depends on b, which failed/);
    expect(error(s, "A4")).toBeNull();
    s.setCell("A2", "b = a * [1, 2, 3]");
    s.evaluate();
    expect(error(s, "A3")).toBeNull();
    expect(value(s, "c")).toEqual([2, 5, 10]);
  });

  it("reports a parse error with its position", () => {
    const s = sheetOf("a = (1 + ");
    const e = error(s, "A1")!;
    expect(e.kind).toBe("parse");
    expect(e.span).not.toBeNull();
  });

  it("rejects implicit multiplication with a hint and points at it", () => {
    const s = sheetOf("x = 3", "y = 2x");
    const e = error(s, "A2")!;
    expect(e.kind).toBe("syntax");
    expect(e.message).toContain("2 * x");
    expect(e.span).toEqual({ start: 5, end: 6 });
  });

  it("names unknown functions and suggests close ones", () => {
    const s = sheetOf("x = [1, 2]", "y = rleu(x)");
    expect(error(s, "A2")!.kind).toBe("function");
    expect(error(s, "A2")!.message).toContain("relu");
    expect(error(s, "A2")!.span).toEqual({ start: 4, end: 8 });
  });

  it("names unknown references", () => {
    const s = sheetOf("y = x + 1");
    expect(error(s, "A1")!.kind).toBe("name");
    expect(error(s, "A1")!.message).toContain("unknown name x");
  });

  it("checks argument counts against the signature", () => {
    const s = sheetOf("y = relu(1, 2)");
    expect(error(s, "A1")!.message).toContain("relu takes 1 argument, got 2");
  });

  it("points a runtime shape error at the failing call", () => {
    const s = sheetOf("a = ones([128, 784])", "b = ones([784, 512])", "c = relu(a * b)");
    const e = error(s, "A3")!;
    expect(e.kind).toBe("shape");
    expect(e.message).toContain("dot");
    expect(e.span).toEqual({ start: 11, end: 12 });
  });
});

describe("names, cycles and structure", () => {
  it("marks every cell of a cycle and shows the path", () => {
    const s = sheetOf("a = c + 1", "b = a * 2", "c = b - 1", "d = 1");
    for (const addr of ["A1", "A2", "A3"]) {
      expect(error(s, addr)!.kind).toBe("cycle");
    }
    expect(error(s, "A1")!.message).toBe("circular reference: a → c → b → a");
    expect(error(s, "A2")!.message).toBe("circular reference: b → a → c → b");
    expect(error(s, "A4")).toBeNull();
    s.setCell("A1", "a = 1");
    s.evaluate();
    expect(value(s, "c")).toBe(1);
  });

  it("marks a self-reference as a cycle", () => {
    expect(error(sheetOf("a = a + 1"), "A1")!.message).toBe("circular reference: a → a");
  });

  it("reports a duplicate definition on every cell that defines the name", () => {
    const s = sheetOf("x = 1", "x = 2", "y = x + 1");
    expect(error(s, "A1")!.kind).toBe("duplicate");
    expect(error(s, "A2")!.kind).toBe("duplicate");
    expect(error(s, "A1")!.message).toContain("A1 and A2");
    expect(error(s, "A3")!.message).toContain("defined more than once");
    s.deleteCell("A2");
    s.evaluate();
    expect(error(s, "A1")).toBeNull();
    expect(value(s, "y")).toBe(2);
  });

  it("turns references to a deleted cell into clear errors and touches nothing else", () => {
    const s = sheetOf("a = 1", "b = a + 1", "c = 7");
    s.deleteCell("A1");
    const report = s.evaluate();
    expect(report.evaluated).toEqual(["A2"]);
    expect(error(s, "A2")!.message).toContain("unknown name a");
    expect(s.result("A3")!.evaluations).toBe(1);
  });

  it("turns references to a renamed cell into errors, and fixes them when the name comes back", () => {
    const s = sheetOf("a = 1", "b = a + 1");
    s.setCell("A1", "z = 1");
    s.evaluate();
    expect(error(s, "A2")!.message).toContain("unknown name a");
    s.setCell("A1", "a = 4");
    s.evaluate();
    expect(value(s, "b")).toBe(5);
  });

  it("refers to an anonymous cell by its address, and a name wins over an address", () => {
    const s = sheetOf("[1, 2]", "y = A1 * 10", "W1 = 3", "z = W1 + 1");
    expect(value(s, "y")).toEqual([10, 20]);
    expect(value(s, "z")).toBe(4);
  });

  it("keeps references by name when a cell moves", () => {
    const s = sheetOf("a = 2", "b = a * a");
    s.moveCell("A1", "C5");
    const report = s.evaluate();
    expect(report.evaluated).toEqual(["C5", "A2"]);
    expect(value(s, "b")).toBe(4);
  });

  it("refuses cell names that are function names", () => {
    expect(error(sheetOf("sum = 1"), "A1")!.message).toContain("name of a function");
  });
});

describe("params and gradients", () => {
  it("initializes a param once, from the sheet seed and the cell name, whatever the evaluation order", () => {
    const one = new Sheet({ seed: 7, cells: [{ address: "A1", source: "W = param(randn([3]))" }, { address: "A2", source: "V = param(randn([3]))" }] });
    const two = new Sheet({ seed: 7, cells: [{ address: "B9", source: "V = param(randn([3]))" }, { address: "A1", source: "W = param(randn([3]))" }] });
    one.evaluate();
    two.evaluate();
    expect(value(one, "W")).toEqual(value(two, "W"));
    expect(value(one, "V")).toEqual(value(two, "V"));
    expect(value(one, "W")).not.toEqual(value(one, "V"));
  });

  it("keeps a param's value when downstream cells change, and re-initializes only when asked", () => {
    const s = new Sheet({ seed: 1, cells: [{ address: "A1", source: "W = param(randn([2]))" }, { address: "A2", source: "y = W * 2" }] });
    s.evaluate();
    const w = s.result("A1")!.value;
    s.setCell("A2", "y = W * 3");
    s.evaluate();
    expect(s.result("A1")!.value).toBe(w);
    s.reinitialize("W");
    s.evaluate();
    expect(s.result("A1")!.evaluations).toBe(2);
  });

  it("reports a stored param whose shape differs from its initializer", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "W = param(zeros([2, 2]))" }], params: new Map([["W", new Tensor([3], new Float32Array(3))]]) });
    s.evaluate();
    expect(error(s, "A1")!.message).toContain("[3]");
    expect(error(s, "A1")!.message).toContain("[2, 2]");
  });

  it("computes grad of any upstream cell, and zeros for an unrelated one", () => {
    const s = sheetOf("x = param([1, 2, 3])", "h = x * x", "y = sum(h * 2)", "u = param([5, 5])", "gx = grad(y, x)", "gh = grad(y, h)", "gu = grad(y, u)");
    expect(value(s, "gx")).toEqual([4, 8, 12]);
    expect(value(s, "gh")).toEqual([2, 2, 2]);
    expect(value(s, "gu")).toEqual([0, 0]);
  });

  it("shares one backward pass among the grad cells of one y", () => {
    const s = sheetOf("x = param([1, 2])", "w = param([3, 4])", "y = sum(x * w)", "gx = grad(y, x)", "gw = grad(y, w)");
    expect(s.backwardPasses).toBe(1);
    expect(value(s, "gx")).toEqual([3, 4]);
    s.setCell("A1", "x = param([2, 2])");
    s.evaluate();
    expect(s.backwardPasses).toBe(2);
    expect(value(s, "gw")).toEqual([2, 2]);
  });

  it("exposes ∂objective/∂cell for every upstream cell from one pass", () => {
    const s = sheetOf("x = param([1, 2])", "h = x * 3", "loss = sum(h * h)", "other = 4");
    s.setObjective("loss");
    const passes = s.backwardPasses;
    const adjoints = s.adjoints(["A1", "A2", "A4"]);
    expect(adjoints.get("A2")!.toArray()).toEqual([6, 12]);
    expect(adjoints.get("A1")!.toArray()).toEqual([18, 36]);
    expect(adjoints.has("A4")).toBe(false);
    expect(s.hasAdjoint("A4")).toBe(false);
    expect(s.backwardPasses).toBe(passes + 1);
    // Cached: asking again runs no new pass.
    expect(s.adjoint("A1")!.toArray()).toEqual([18, 36]);
    expect(s.backwardPasses).toBe(passes + 1);
  });

  it("reads datasets by name through the sheet's provider, and re-runs their readers on request", () => {
    let points = new Tensor([2, 2], Float32Array.of(1, 2, 3, 4));
    const s = new Sheet({
      cells: [{ address: "A1", source: 'p = dataset("pts") * 2' }, { address: "A2", source: 'q = dataset("nope")' }, { address: "A3", source: "k = 1" }],
      dataset: (fn, name) => {
        if (fn === "dataset" && name === "pts") return points;
        throw new Error(`no dataset named "${name}"`);
      },
    });
    s.evaluate();
    expect(s.result("A1")!.value!.toArray()).toEqual([[2, 4], [6, 8]]);
    expect(s.result("A2")!.error!.message).toContain('no dataset named "nope"');
    points = new Tensor([1], Float32Array.of(5));
    s.refreshCellsCalling("dataset");
    expect([...s.evaluate().evaluated].sort()).toEqual(["A1", "A2"]);
    expect(s.result("A1")!.value!.toArray()).toEqual([10]);
  });
});

describe("renaming a param cell", () => {
  it("keeps its stored (trained) value when only the name changes, and gives it back on the way back", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "W1 = param(zeros([2]))" }, { address: "A2", source: "y = sum(W1)" }] });
    s.evaluate();
    s.setParam("W1", new Tensor([2], Float32Array.of(3, 4)));
    s.evaluate();
    s.setCell("A1", "kernel = param(zeros([2]))");
    s.setCell("A2", "y = sum(kernel)");
    s.evaluate();
    expect(value(s, "kernel")).toEqual([3, 4]);
    expect(value(s, "y")).toBe(7);
    s.setCell("A1", "W1 = param(zeros([2]))");
    s.evaluate();
    expect(value(s, "W1")).toEqual([3, 4]);
  });

  it("re-initializes when the initializer changes along with the name", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "W1 = param(zeros([2]))" }] });
    s.evaluate();
    s.setParam("W1", new Tensor([2], Float32Array.of(3, 4)));
    s.setCell("A1", "kernel = param(ones([2]))");
    s.evaluate();
    expect(value(s, "kernel")).toEqual([1, 1]);
  });
});
