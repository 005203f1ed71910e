import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { exportFile, exportFilename } from "../../../src/state/sheet-export.ts";

const W = { dtype: "float32", shape: [1], data: "AACAPw==" } as const;

/** A sheet as saved after training: param values and the fit cell's training state. */
const trained: SheetDocument = {
  format: "tensorsheet",
  version: 1,
  title: "Trained: W/2",
  seed: 3,
  objective: "loss",
  cells: [
    { address: "A1", source: "W = param(ones([1]))" },
    { address: "A2", source: "loss = sum(W * W)" },
    { address: "A3", source: "fit = train(loss, [W], {epochs: 1})", note: "one epoch" },
  ],
  tensors: { W },
  layout: { columns: { A: 240 } },
  training: { fit: { step: 139, lossHistory: "AAAAAA==", optimizer: { kind: "sgd" } } },
};

describe("export: what the file holds", () => {
  it("without trained values: no param values and no training block; everything the user wrote is kept", () => {
    const written = JSON.parse(exportFile(trained, false).text) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(["format", "version", "title", "seed", "objective", "cells", "layout"]);
    expect(written).toEqual({
      format: "tensorsheet",
      version: 1,
      title: "Trained: W/2",
      seed: 3,
      objective: "loss",
      cells: trained.cells,
      layout: { columns: { A: 240 } },
    });
  });

  it("with trained values: the param values and the whole training block (step, loss history, optimizer)", () => {
    const written = JSON.parse(exportFile(trained, true).text) as Record<string, unknown>;
    expect(written.tensors).toEqual({ W });
    expect(written.training).toEqual({ fit: { step: 139, lossHistory: "AAAAAA==", optimizer: { kind: "sgd" } } });
  });

  it("names the file after the title, leaving out characters a file system may refuse", () => {
    expect(exportFile(trained, false).filename).toBe("Trained W2.tensorsheet.json");
    expect(exportFilename("  ?? ")).toBe("sheet.tensorsheet.json");
  });
});
