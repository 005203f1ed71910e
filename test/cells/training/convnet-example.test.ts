import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSheet, mnistProvider, TrainingRun } from "../../../cells/index.ts";
import { loadMnistNode } from "../../../engine/datasets/mnist-build.node.ts";

const CONVNET = fileURLToPath(new URL("../../../public/examples/08-convnet.tensorsheet.json", import.meta.url));

const mean = (xs: Float32Array) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("the convnet example, trained", () => {
  it("compiles its training plan over the full training set and lowers the loss in 40 steps", { timeout: 120_000 }, async () => {
    const { sheet } = importSheet(readFileSync(CONVNET, "utf8"), { dataset: mnistProvider(await loadMnistNode()) });
    const run = TrainingRun.start(sheet, sheet.resolve("fit")!);
    expect(run.plan.params.map((p) => p.name)).toEqual(["K1", "c1", "K2", "c2", "K3", "c3", "W", "b"]);
    expect(run.plan.feed.map((f) => f.name)).toEqual(["x_train", "train_labels"]);
    expect(run.plan.samples).toBe(8000);
    expect(run.plan.batch).toBe(64);
    expect(run.plan.epochs).toBe(5);
    expect(run.plan.optimizer).toEqual({ kind: "rmsprop", lr: 0.001 });
    expect(run.stepsPerEpoch).toBe(125);
    for (let s = 0; s < 40; s++) run.runStep();
    const losses = run.lossHistory();
    // Untrained, the batch loss is near ln 10; 40 steps of RMSprop bring it well below.
    expect(mean(losses.subarray(0, 5))).toBeGreaterThan(2);
    expect(mean(losses.subarray(35, 40))).toBeLessThan(1.2);
    // The sheet's own loss cell shows the first batch: training wrote nothing back yet.
    expect(sheet.result(sheet.resolve("loss")!)!.value!.item()).toBeGreaterThan(2);
  });
});
