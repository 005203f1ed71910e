import { describe, expect, it } from "vitest";
import { definedName, renameReference, renameReferences } from "../../cells/language/rename.ts";

describe("definedName", () => {
  it("reads the name left of =, and only a single =", () => {
    expect(definedName("lr = 0.1")).toBe("lr");
    expect(definedName("  rate=2")).toBe("rate");
    expect(definedName("lr == 0.1")).toBeNull();
    expect(definedName("lr * 2")).toBeNull();
    expect(definedName("")).toBeNull();
  });
});

describe("renameReference", () => {
  it("rewrites every reference and keeps spacing", () => {
    expect(renameReference("W1 = W0 - lr * grad(loss, W0)", "lr", "rate")).toBe("W1 = W0 - rate * grad(loss, W0)");
    expect(renameReference("lr+lr *  lr", "lr", "rate")).toBe("rate+rate *  rate");
  });

  it("leaves strings, longer names, calls, option keys and properties alone", () => {
    expect(renameReference('dataset("lr") + lr2 + _lr', "lr", "rate")).toBe('dataset("lr") + lr2 + _lr');
    expect(renameReference("lr(x) + lr (y)", "lr", "rate")).toBe("lr(x) + lr (y)");
    expect(renameReference("fit(loss, {lr: lr, epochs: 5})", "lr", "rate")).toBe("fit(loss, {lr: rate, epochs: 5})");
    expect(renameReference("x.lr", "lr", "rate")).toBe("x.lr");
  });

  it("renames inside slices, whose colon is not an option's", () => {
    expect(renameReference("x[lr:n, 0]", "n", "count")).toBe("x[lr:count, 0]");
    expect(renameReference("x[lr:n]", "lr", "a")).toBe("x[a:n]");
  });

  it("keeps the name the cell defines: that is not a reference", () => {
    expect(renameReference("lr = lr * 2", "lr", "rate")).toBe("lr = rate * 2");
  });

  it("rewrites half-typed sources that do not parse", () => {
    expect(renameReference("y = (lr * ", "lr", "rate")).toBe("y = (rate * ");
  });
});

describe("renameReferences", () => {
  it("renames several names at once, without chaining", () => {
    const names = new Map([["a", "b"], ["b", "c"]]);
    expect(renameReferences("z = a + b", names)).toBe("z = b + c");
  });
});
