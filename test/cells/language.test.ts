import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";
import { parseCell } from "../../cells/language/parse.ts";

function evalOne(source: string, ...setup: string[]) {
  const cells = [...setup, source].map((s, i) => ({ address: `A${i + 1}`, source: s }));
  const sheet = new Sheet({ cells });
  sheet.evaluate();
  return sheet.result(`A${cells.length}`)!;
}

const valueOf = (source: string, ...setup: string[]) => {
  const r = evalOne(source, ...setup);
  if (r.error) throw r.error;
  return r.value!.toArray();
};

describe("NumPy semantics in mathjs syntax", () => {
  const m = "m = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]";

  it("indexes from 0, excludes slice ends and counts negatives from the end", () => {
    expect(valueOf("m[0]", m)).toEqual([0, 1, 2, 3]);
    expect(valueOf("m[1:3]", m)).toEqual([[4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(valueOf("m[:, 0]", m)).toEqual([0, 4, 8]);
    expect(valueOf("m[-1, -2]", m)).toEqual(10);
    expect(valueOf("m[:2, 1:]", m)).toEqual([[1, 2, 3], [5, 6, 7]]);
    expect(valueOf("m[0, ::2]", m)).toEqual([0, 2]);
    expect(valueOf("m[0, ::-1]", m)).toEqual([3, 2, 1, 0]);
    expect(valueOf("m[0, 1:4:2]", m)).toEqual([1, 3]);
    expect(valueOf("m[::-1, 0]", m)).toEqual([8, 4, 0]);
  });

  it("reads matrix literals in both notations", () => {
    expect(valueOf("[1, 2; 3, 4]")).toEqual([[1, 2], [3, 4]]);
    expect(valueOf("[[1, 2], [3, 4]]")).toEqual([[1, 2], [3, 4]]);
  });

  it("makes + - * / ^ and the dotted operators element-wise with broadcasting", () => {
    expect(valueOf("[[1], [2]] * [10, 20]")).toEqual([[10, 20], [20, 40]]);
    expect(valueOf("[2, 4] ./ 2")).toEqual([1, 2]);
    expect(valueOf("[1, 2] .* [3, 4]")).toEqual([3, 8]);
    expect(valueOf("[1, 2] .^ 2")).toEqual([1, 4]);
    expect(valueOf("2 ^ [1, 2]")).toEqual([2, 4]);
    expect(valueOf("-[1, 2] + 1")).toEqual([0, -1]);
  });

  it("gives 0/1 from comparisons", () => {
    expect(valueOf("[1, 2, 3] > 2")).toEqual([0, 0, 1]);
    expect(valueOf("[1, 2, 3] == [1, 0, 3]")).toEqual([1, 0, 1]);
    expect(valueOf("[1, 2] != 1")).toEqual([0, 1]);
  });

  it("transposes with x' and multiplies with dot and matmul", () => {
    expect(valueOf("[[1, 2, 3]]'")).toEqual([[1], [2], [3]]);
    expect(valueOf("dot([[1, 2], [3, 4]], [1, 1])")).toEqual([3, 7]);
    expect(valueOf("matmul(ones([2, 2, 3]), ones([3, 1]))")).toEqual([[[3], [3]], [[3], [3]]]);
  });

  it("calls engine ops by their snake_case names with axes and options", () => {
    expect(valueOf("sum([[1, 2], [3, 4]], 0)")).toEqual([4, 6]);
    expect(valueOf("mean([[1, 2], [3, 4]], -1, true)")).toEqual([[1.5], [3.5]]);
    expect(valueOf("reshape(arange(6), [3, -1])")).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(valueOf("concat([[1, 2], [3]], 0)")).toEqual([1, 2, 3]);
    expect(valueOf("concat([a, a], 0)", "a = [1]")).toEqual([1, 1]);
    expect(valueOf("shape(zeros([2, 5]))")).toEqual([2, 5]);
    expect(valueOf("one_hot([0, 2], 3)")).toEqual([[1, 0, 0], [0, 0, 1]]);
  });

  it("stacks a list of tensor cells into one differentiable tensor", () => {
    expect(valueOf("[a, b]", "a = [1, 2]", "b = [3, 4]")).toEqual([[1, 2], [3, 4]]);
  });

  it("draws the same random numbers for the same seed, cell and call site", () => {
    const a = valueOf("r = randn([4])");
    const b = valueOf("r = randn([4])");
    expect(a).toEqual(b);
    const [first, second] = [valueOf("r = [randn([2]), randn([2])]")] as number[][][];
    expect(first![0]).not.toEqual(first![1]);
    expect(second).toBeUndefined();
  });
});

describe("hostile and malformed input", () => {
  const rejects = (source: string, pattern: RegExp) => {
    const r = evalOne(source, "x = [1, 2]");
    expect(r.error, source).not.toBeNull();
    expect(r.error!.message, source).toMatch(pattern);
    expect(r.value).toBeNull();
  };

  it("refuses property access, including constructor and prototype", () => {
    rejects("x.constructor", /property access/);
    rejects("x.__proto__", /property access/);
    rejects('x["constructor"]', /index must be a number/);
    rejects("constructor", /unknown name constructor/);
    rejects("__proto__", /unknown name __proto__/);
    rejects("toString", /unknown name toString/);
  });

  it("never reaches mathjs evaluate, import or createUnit", () => {
    rejects('evaluate("1 + 1")', /unknown function evaluate/);
    rejects('import({a: 1})', /unknown function import/);
    rejects('createUnit("foo")', /unknown function createUnit/);
    rejects("5 cm", /implicit multiplication/);
  });

  it("refuses function definitions, blocks and conditionals", () => {
    rejects("1 + (f(y) = y + 1)", /function definition must be the whole cell/);
    rejects("x; x", /one expression/);
    rejects("x > 1 ? x : 0", /conditional/);
    rejects("x!", /operator ! is not supported/);
    rejects("f(1)(2)", /implicit multiplication|named functions/);
  });

  it("refuses a cell value that is not a tensor", () => {
    rejects('"hello"', /must be a tensor/);
  });

  it("stops very long and deeply nested input with a clear message", () => {
    rejects("1 + ".repeat(3000) + "1", /characters long; the limit/);
    rejects("(".repeat(2000) + "1" + ")".repeat(2000), /nested more than/);
    expect(parseCell("[".repeat(101) + "1" + "]".repeat(101)).error!.kind).toBe("parse");
  });

  it("handles an empty cell", () => {
    rejects("   ", /empty/);
  });
});
