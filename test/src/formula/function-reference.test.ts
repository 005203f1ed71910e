import { describe, expect, it } from "vitest";
import { FUNCTION_GROUPS, FUNCTIONS } from "../../../cells/language/functions.ts";
import { callTemplate, referenceSections } from "../../../src/formula/function-reference.ts";

describe("referenceSections", () => {
  it("lists every function of the table once, in section order", () => {
    const sections = referenceSections("");
    expect(sections.map((s) => s.group)).toEqual([...FUNCTION_GROUPS]);
    const names = sections.flatMap((s) => s.entries.map((e) => e.name));
    expect([...names].sort()).toEqual([...FUNCTIONS.keys()].sort());
    expect(sections[0]!.entries[0]).toEqual({ name: "zeros", signature: "zeros(shape)", summary: "a tensor of zeros", example: "zeros([2, 3])", given: [], minArgs: 1 });
  });

  it("filters by name or summary, case-insensitively, name hits first", () => {
    const soft = referenceSections("SOFT");
    expect(soft.map((s) => [s.group, s.entries.map((e) => e.name)])).toEqual([["Neural networks & losses", ["softmax", "log_softmax"]]]);
    const keras = referenceSections("keras");
    expect(keras.flatMap((s) => s.entries.map((e) => e.name))).toEqual([
      "glorot_uniform", "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy", "dropout",
    ]);
    // "max" names max/argmax/maximum, while softmax only says "max" in its name too; relu only in its summary.
    expect(referenceSections("max(x").flatMap((s) => s.entries.map((e) => e.name))).toEqual(["relu"]);
    expect(referenceSections("nothing like this")).toEqual([]);
  });

  it("carries the cells an example reads", () => {
    const grad = referenceSections("grad").flatMap((s) => s.entries).find((e) => e.name === "grad")!;
    expect(grad.example).toBe("grad(loss, w)");
    expect(grad.given).toContain("loss = mse(y, dot(x, w))");
  });
});

describe("callTemplate", () => {
  it("writes the required arguments and selects the first", () => {
    expect(callTemplate("softmax", { signature: "softmax(x, axis?)", minArgs: 1 })).toEqual({ text: "softmax(x)", selectFrom: 8, selectTo: 9 });
    expect(callTemplate("where", { signature: "where(condition, x, y)", minArgs: 3 })).toEqual({ text: "where(condition, x, y)", selectFrom: 6, selectTo: 15 });
  });

  it("keeps bracketed arguments whole and takes the first of several choices", () => {
    expect(callTemplate("train", FUNCTIONS.get("train")!).text).toBe("train(loss, [params])");
    expect(callTemplate("mnist_images", FUNCTIONS.get("mnist_images")!)).toEqual({ text: 'mnist_images("train")', selectFrom: 13, selectTo: 20 });
  });

  it("leaves the parentheses empty when nothing is required", () => {
    expect(callTemplate("f", { signature: "f(a?)", minArgs: 0 })).toEqual({ text: "f()", selectFrom: 2, selectTo: 2 });
  });
});
