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

  it("reads a function definition's name", () => {
    expect(definedName("dense(x, W, b) = relu(dot(x, W) + b)")).toBe("dense");
    expect(definedName("one() = 1")).toBe("one");
    expect(definedName("dense(x, W, b) + 1")).toBeNull();
  });
});

describe("renaming a function a cell defines", () => {
  it("rewrites its calls in other cells, and leaves a definition's parameters alone", () => {
    expect(renameReference("h = dense(x_train, W1, b1) + dense (x, W, b)", "dense", "layer")).toBe("h = layer(x_train, W1, b1) + layer (x, W, b)");
    expect(renameReference("deep(x, W) = dense(x, W, 0)", "dense", "layer")).toBe("deep(x, W) = layer(x, W, 0)");
    expect(renameReference("deep(x, W) = dense(x, W, 0)", "x", "input")).toBe("deep(x, W) = dense(x, W, 0)");
  });
});

describe("renameReference", () => {
  it("rewrites every reference and keeps spacing", () => {
    expect(renameReference("W1 = W0 - lr * grad(loss, W0)", "lr", "rate")).toBe("W1 = W0 - rate * grad(loss, W0)");
    expect(renameReference("lr+lr *  lr", "lr", "rate")).toBe("rate+rate *  rate");
  });

  it("leaves strings, longer names, built-in calls, option keys and properties alone", () => {
    expect(renameReference('dataset("lr") + lr2 + _lr', "lr", "rate")).toBe('dataset("lr") + lr2 + _lr');
    expect(renameReference("relu(x) + relu (y)", "relu", "rate")).toBe("relu(x) + relu (y)");
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
