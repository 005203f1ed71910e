import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeFloat32 } from "../../cells/format/index.ts";
import { DOCUMENT_MEMBERS } from "../../cells/format/schema.ts";
import { exportSheet, importSheet } from "../../cells/io.ts";
import { runCli } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "tensorsheet-members-"));

/** A document with every top-level member of the format set, as a file would hold it. */
const DOC = {
  format: "tensorsheet",
  version: 1,
  title: "every member",
  seed: 7,
  objective: "loss",
  cells: [
    { address: "A1", source: "x = randn([24, 2])", note: "inputs" },
    { address: "A2", source: "y = dot(x, [[1], [-1]])" },
    { address: "A3", source: "W = param(zeros([2, 1]))" },
    { address: "A4", source: "loss = mse(y, dot(x, W))" },
    { address: "A5", source: 'fit = train(loss, [W], {optimizer: "sgd", lr: 0.1, batch: 8, epochs: 2, feed: [x, y]})' },
  ],
  tensors: { W: { dtype: "float32", shape: [2, 1], data: encodeFloat32(Float32Array.of(0.25, -0.5)) } },
  layout: { columnWidths: { A: 240 }, views: { A4: "chart" }, nested: [1, { deep: true }] },
  // A state the file carries for a cell this sheet no longer has: opaque, but kept.
  training: { gone: { step: 1, note: "from another sheet" } },
};

describe("every member of the sheet format survives", () => {
  it("the test document sets every top-level member the schema knows", () => {
    expect(Object.keys(DOC)).toEqual([...DOCUMENT_MEMBERS]);
  });

  it("load → export (what the app's worker does: it passes the loaded layout and training states)", () => {
    const { sheet, document } = importSheet(JSON.stringify(DOC));
    const exported = JSON.parse(exportSheet(sheet, { includeTensors: true, layout: document.layout, training: document.training }));
    expect(exported).toEqual(DOC);
  });

  it("tensorsheet train --out: everything but the trained tensors and the new training state is as loaded", async () => {
    const input = join(dir, "in.json");
    const output = join(dir, "out.json");
    writeFileSync(input, JSON.stringify(DOC));
    const run = await runCli("train", input, "--out", output);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(output, "utf8"));
    expect(Object.keys(written)).toEqual([...DOCUMENT_MEMBERS]);
    const { tensors, training, ...rest } = written;
    const { tensors: _t, training: _s, ...restBefore } = DOC;
    expect(rest).toEqual(restBefore);
    expect(Object.keys(tensors)).toEqual(["W"]);
    expect(tensors.W.data).not.toBe(DOC.tensors.W.data);
    expect(training.gone).toEqual(DOC.training.gone);
    expect(training.fit.step).toBe(6);
  });
});
