import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSheet, mnistProvider, TrainingRun } from "../../../cells/index.ts";
import { loadMnistNode } from "../../../engine/datasets/mnist-build.node.ts";

const CONVNET = fileURLToPath(new URL("../../../public/examples/08-convnet.tensorsheet.json", import.meta.url));

const mean = (xs: Float32Array) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function convnetSheet() {
  return importSheet(readFileSync(CONVNET, "utf8"), { dataset: mnistProvider(await loadMnistNode()) }).sheet;
}

describe("the convnet example, trained", () => {
  it("compiles its training plan over the full training set and lowers the loss in 40 steps", { timeout: 120_000 }, async () => {
    const sheet = await convnetSheet();
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

  it("tiles each layer's channels for the first digit: tile (r, c) of conv1_maps is channel 8r + c", { timeout: 60_000 }, async () => {
    const sheet = await convnetSheet();
    const value = (name: string) => sheet.result(sheet.resolve(name)!)!.value!;
    const [conv1, maps] = [value("conv1"), value("conv1_maps")];
    const [H, C, K] = [26, 32, 8];
    const expected = new Float32Array(maps.size);
    for (let r = 0; r < 4; r++) for (let c = 0; c < K; c++) for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) {
      expected[(r * H + i) * (K * H) + c * H + j] = conv1.data[(i * H + j) * C + r * K + c]!;
    }
    expect(maps.data).toEqual(expected);
    // Not a blank picture: the relu maps of a digit light up in places.
    expect(expected.filter((v) => v > 0).length).toBeGreaterThan(1000);
    expect(value("first_digit").data).toEqual(value("batch_images").data.subarray(0, 784));
  });
});
