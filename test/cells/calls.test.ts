import { describe, expect, it } from "vitest";
import { Tensor } from "../../engine/index.ts";
import { usesMnist } from "../../cells/datasets.ts";
import { callsOf } from "../../cells/language/calls.ts";
import { parseCell } from "../../cells/language/parse.ts";
import { parseCellOnce } from "../../cells/language/parse-cache.ts";
import { StoredShapeError } from "../../cells/params.ts";
import { Sheet } from "../../cells/sheet.ts";

const calls = (source: string) => [...callsOf(parseCell(source).expr)].sort();

describe("static facts read from the AST", () => {
  it("lists every function a cell calls, however deeply nested, and nothing else", () => {
    expect(calls("y = sum(relu(W * x[1:3, mean(v)]) + [exp(a), -log(b)]')")).toEqual(["exp", "log", "mean", "relu", "sum"]);
    expect(calls('t = train(loss, {lr: clip(0.1), steps: 10})')).toEqual(["clip", "train"]);
    expect(calls('label = "mnist_images(1)"')).toEqual([]);
    expect(calls("dataset = 3")).toEqual([]);
    expect(callsOf(null).size).toBe(0);
  });

  it("finds the MNIST readers among sheet sources by parsing them", () => {
    expect(usesMnist(["a = 1", 'x = mnist_images("train") / 255'])).toBe(true);
    expect(usesMnist(['y = onehot(mnist_labels ("test"), 10)'])).toBe(true);
    expect(usesMnist(['s = "mnist_images("', "mnist = 2", "bad = ("])).toBe(false);
  });

  it("parses a source once for the dataset check and the sheet built after it", () => {
    const source = 'x = mnist_images("test")';
    expect(usesMnist([source])).toBe(true);
    expect(parseCellOnce(source)).toBe(parseCellOnce(source));
    expect(parseCellOnce(source)).toEqual(parseCell(source));
  });

  it("refreshes only the cells whose AST calls the function", () => {
    const s = new Sheet({
      cells: [{ address: "A1", source: 'p = sum(dataset("pts"))' }, { address: "A2", source: 'q = "dataset(pts)"' }],
      dataset: () => new Tensor([1], Float32Array.of(1)),
    });
    s.evaluate();
    s.refreshCellsCalling("dataset");
    expect(s.evaluate().evaluated).toEqual(["A1"]);
  });

  it("raises a stored param's shape mismatch as its own error class", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "W = param(zeros([2, 2]))" }], params: new Map([["W", new Tensor([3], new Float32Array(3))]]) });
    s.evaluate();
    const error = s.result("A1")!.error;
    expect(error).toBeInstanceOf(StoredShapeError);
    expect((error as StoredShapeError).param).toBe("W");
    expect((error as StoredShapeError).mismatch).toBe("the stored value of W has shape [3] but its initializer gives [2, 2]");
    expect(error!.kind).toBe("shape");
  });
});
