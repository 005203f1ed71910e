import { describe, expect, it } from "vitest";
import { editForSet, planRename, renameNotice } from "../../../src/state/rename-plan.ts";

const sheet = [
  { address: "A4", source: "lr = 0.1" },
  { address: "C1", source: "W1 = W0 - lr * grad(loss, W0)" },
  { address: "C2", source: 'note = dataset("lr")' },
  { address: "D1", source: "step = 2 * lr" },
];

describe("planRename", () => {
  it("rewrites every reference to the old name in other cells", () => {
    const plan = planRename(sheet, "A4", "lr = 0.1", "rate = 0.1");
    expect(plan).toEqual({
      from: "lr",
      to: "rate",
      references: [
        { kind: "set", address: "C1", before: "W1 = W0 - lr * grad(loss, W0)", after: "W1 = W0 - rate * grad(loss, W0)" },
        { kind: "set", address: "D1", before: "step = 2 * lr", after: "step = 2 * rate" },
      ],
    });
    expect(renameNotice(plan!)).toBe("Renamed lr to rate in 3 cells");
  });

  it("renames a function a cell defines, rewriting its calls", () => {
    const cells = [
      { address: "A1", source: "dense(x, W, b) = relu(dot(x, W) + b)" },
      { address: "B1", source: "h = dense(x_train, W1, b1)" },
    ];
    const plan = planRename(cells, "A1", cells[0]!.source, "layer(x, W, b) = relu(dot(x, W) + b)");
    expect(plan).toEqual({
      from: "dense",
      to: "layer",
      references: [{ kind: "set", address: "B1", before: "h = dense(x_train, W1, b1)", after: "h = layer(x_train, W1, b1)" }],
    });
  });

  it("is no rename when the new name is taken, the old one still defined, or the name unchanged", () => {
    expect(planRename(sheet, "A4", "lr = 0.1", "step = 0.1")).toBeNull();
    expect(planRename([...sheet, { address: "E1", source: "lr = 3" }], "A4", "lr = 0.1", "rate = 0.1")).toBeNull();
    expect(planRename(sheet, "A4", "lr = 0.1", "lr = 0.2")).toBeNull();
    expect(planRename(sheet, "A4", "lr = 0.1", "0.1")).toBeNull();
    expect(planRename(sheet, "A4", null, "rate = 0.1")).toBeNull();
  });

  it("renames a name nothing refers to in one cell", () => {
    const plan = planRename(sheet, "C2", 'note = dataset("lr")', 'label = dataset("lr")')!;
    expect(plan.references).toEqual([]);
    expect(renameNotice(plan)).toBe("Renamed note to label in 1 cell");
  });
});

describe("editForSet", () => {
  it("is one labelled compound edit for a rename others refer to, the renamed cell first", () => {
    const set = { kind: "set", address: "A4", before: "lr = 0.1", after: "rate = 0.1" } as const;
    const edit = editForSet(sheet, set);
    expect(edit.kind === "compound" && edit.edits.map((e) => e.address)).toEqual(["A4", "C1", "D1"]);
    expect(edit.kind === "compound" && [edit.focus, edit.label]).toEqual(["A4", "Renamed lr to rate in 3 cells"]);
  });

  it("is the set itself otherwise", () => {
    const set = { kind: "set", address: "A4", before: "lr = 0.1", after: "lr = 0.2" } as const;
    expect(editForSet(sheet, set)).toBe(set);
  });
});
