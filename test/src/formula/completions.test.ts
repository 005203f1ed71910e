import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../../cells/language/functions.ts";
import { completionOptions, completionRequest } from "../../../src/formula/completions.ts";

describe("completionOptions", () => {
  it("offers functions with their signature as detail and summary and example as info, inserting name(", () => {
    const sum = completionOptions("sum", []).find((c) => c.label === "sum")!;
    expect(sum).toMatchObject({ type: "function", detail: FUNCTIONS.get("sum")!.signature, apply: "sum(" });
    expect(sum.detail).toBe("sum(x, axis?, keepdims?)");
    expect(sum.info).toBe("sum over all values or along axis. Example: sum([[1, 2], [3, 4]], 0)");
  });

  it("offers every function of the language's table and nothing else", () => {
    const offered = completionOptions("", []).map((c) => c.label);
    expect(offered).toEqual([...FUNCTIONS.keys()].sort());
  });

  it("offers cell names before functions, each alphabetically, matching the prefix case-insensitively", () => {
    const got = completionOptions("s", ["x", "scores", "Step", "s1"]);
    const labels = got.map((c) => c.label);
    expect(labels.slice(0, 3)).toEqual(["Step", "s1", "scores"]);
    expect(got.slice(0, 3).every((c) => c.type === "variable" && c.apply === c.label && c.detail === "cell")).toBe(true);
    const fns = labels.slice(3);
    expect(fns).toContain("softmax");
    expect(fns).toContain("sqrt");
    expect(fns).toEqual([...fns].sort());
    expect(fns.every((l) => l.toLowerCase().startsWith("s"))).toBe(true);
    expect(labels).not.toContain("x");
  });

  it("lists everything for an empty prefix, without duplicate names", () => {
    const got = completionOptions("", ["b", "a", "b"]);
    expect(got.filter((c) => c.type === "variable").map((c) => c.label)).toEqual(["a", "b"]);
    expect(got.filter((c) => c.type === "function")).toHaveLength(FUNCTIONS.size);
  });

  it("returns nothing when nothing matches", () => {
    expect(completionOptions("zzz", ["abc"])).toEqual([]);
  });

  it("leaves out the cell's own name and skips the ( when one follows", () => {
    expect(completionOptions("lo", ["loss", "logits"], { exclude: "loss" }).map((c) => c.label)).toEqual(["logits", "log", "log_softmax", "logsumexp"]);
    expect(completionOptions("relu", [], { callFollows: true })[0]!.apply).toBe("relu");
  });

  it("accepts another function table", () => {
    const functions = new Map([["foo", { signature: "foo(a)", summary: "does foo" }]]);
    expect(completionOptions("f", ["fx"], { functions })).toEqual([
      { label: "fx", type: "variable", detail: "cell", info: undefined, apply: "fx", boost: 1 },
      { label: "foo", type: "function", detail: "foo(a)", info: "does foo", apply: "foo(", boost: 0 },
    ]);
  });
});

describe("completionRequest", () => {
  it("completes the identifier before the cursor", () => {
    expect(completionRequest("y = so", 6)).toEqual({ from: 4, prefix: "so", callFollows: false, defines: "y" });
    expect(completionRequest("y = relu(x) + so", 16)).toMatchObject({ from: 14, prefix: "so" });
    // Mid-line, with a call after the cursor.
    expect(completionRequest("y = rel(x)", 7)).toEqual({ from: 4, prefix: "rel", callFollows: true, defines: "y" });
  });

  it("has an empty prefix after operators, brackets and spaces", () => {
    expect(completionRequest("y = ", 4)).toEqual({ from: 4, prefix: "", callFollows: false, defines: "y" });
    expect(completionRequest("f(", 2)).toMatchObject({ from: 2, prefix: "" });
    expect(completionRequest("", 0)).toMatchObject({ from: 0, prefix: "", defines: null });
  });

  it("does not complete inside strings or numbers", () => {
    expect(completionRequest('mnist_images("tr', 16)).toBeNull();
    expect(completionRequest("x = 1e", 6)).toBeNull();
    expect(completionRequest("x = 12", 6)).toBeNull();
  });

  it("completes after a closed string", () => {
    expect(completionRequest('f("a", b', 8)).toMatchObject({ from: 7, prefix: "b" });
  });
});
