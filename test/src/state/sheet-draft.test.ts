import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { SheetDraft } from "../../../src/state/sheet-draft.ts";

const W = { dtype: "float32", shape: [1], data: "AACAPw==" } as const;
const B = { dtype: "float32", shape: [1], data: "AAAAAA==" } as const;

const document: SheetDocument = {
  format: "tensorsheet",
  version: 1,
  title: "draft",
  seed: 3,
  objective: "loss",
  cells: [
    { address: "A1", source: "W = param(ones([1]))", note: "weights" },
    { address: "A2", source: "b = param(zeros([1]))" },
    { address: "A3", source: "loss = sum(W + b)" },
  ],
  tensors: { W, b: B },
  layout: { columns: { A: 240 } },
  training: { fit: { step: 2, lossHistory: "AAAAAA==" } },
};

describe("SheetDraft: the page's copy of a sheet", () => {
  it("gives back every member of the document it was made from", () => {
    expect(new SheetDraft(document).document()).toEqual(document);
  });

  it("keeps an edit's source at once, and a param's value by name while some cell defines it", () => {
    const draft = new SheetDraft(document);
    draft.set("A2", "b = param(zeros([1]) + 0.5)");
    draft.set("B1", "fit = train(loss, [W, b], {epochs: 1})");
    const d = draft.document();
    expect(d.cells.map((c) => [c.address, c.source])).toEqual([
      ["A1", "W = param(ones([1]))"],
      ["B1", "fit = train(loss, [W, b], {epochs: 1})"],
      ["A2", "b = param(zeros([1]) + 0.5)"],
      ["A3", "loss = sum(W + b)"],
    ]);
    expect(d.tensors).toEqual({ W, b: B });
    expect(d.training).toEqual(document.training);
    expect(d.cells[0]!.note).toBe("weights");
  });

  it("drops the value of a param no cell defines any more, so the file imports cleanly", () => {
    const draft = new SheetDraft(document);
    draft.set("A2", null);
    expect(draft.document().tensors).toEqual({ W });
    draft.set("A1", "V = param(ones([1]))");
    expect(draft.document().tensors).toBeUndefined();
  });

  it("moves a cell with its note", () => {
    const draft = new SheetDraft(document);
    draft.move("A1", "C7");
    expect(draft.source("A1")).toBeNull();
    expect(draft.document().cells.find((c) => c.address === "C7")).toEqual({ address: "C7", source: "W = param(ones([1]))", note: "weights" });
  });

  it("takes values from a worker export but keeps its own cells, title and layout", () => {
    const draft = new SheetDraft(document);
    draft.set("A3", "loss = sum(W * b)");
    draft.title = "renamed";
    const { training: _, layout: __, ...withoutOpaque } = document;
    const older: SheetDocument = { ...withoutOpaque, tensors: { W: B, b: W } };
    draft.absorb(older);
    const d = draft.document();
    expect(d.title).toBe("renamed");
    expect(d.layout).toEqual(document.layout);
    expect(draft.source("A3")).toBe("loss = sum(W * b)");
    expect(d.tensors).toEqual({ W: B, b: W });
    expect(d.training).toBeUndefined();
  });

  it("saves a source the parser cannot handle, rather than losing it", () => {
    const draft = new SheetDraft(document);
    const deep = `x = ${"(".repeat(5000)}1${")".repeat(5000)}`;
    draft.set("D1", deep);
    expect(draft.source("D1")).toBe(deep);
  });
});
