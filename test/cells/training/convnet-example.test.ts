import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildPreview, importSheet, mnistProvider, TrainingRun } from "../../../cells/index.ts";
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

  it("previews each conv layer as the first digit's feature maps: map m of conv1 is channel m of sample 0", { timeout: 60_000 }, async () => {
    const sheet = await convnetSheet();
    const value = (name: string) => sheet.result(sheet.resolve(name)!)!.value!;
    const conv1 = value("conv1");
    const maps = buildPreview(conv1).maps!;
    const [H, C] = [26, 32];
    expect(maps).toMatchObject({ kind: "activations", sample: 0, samples: 64, side: H, count: C, total: C });
    const expected = new Float32Array(C * H * H);
    for (let m = 0; m < C; m++) for (let p = 0; p < H * H; p++) expected[m * H * H + p] = conv1.data[p * C + m]!;
    expect(maps.data).toEqual(expected);
    // Not a blank picture: the relu maps of a digit light up in places.
    expect(expected.filter((v) => v > 0).length).toBeGreaterThan(1000);
    for (const [name, count, side] of [["pool1", 32, 13], ["conv2", 64, 11], ["pool2", 64, 5], ["conv3", 128, 3]] as const) {
      expect(buildPreview(value(name)).maps, name).toMatchObject({ count, side });
    }
    // K1's 32 filters of 3 × 3 (a param over one input channel).
    expect(buildPreview(value("K1"), null, true).maps).toMatchObject({ kind: "filters", count: 32, side: 3 });
    expect(value("first_digit").data).toEqual(value("batch_images").data.subarray(0, 784));
  });
});
