import { describe, expect, it } from "vitest";
import { Sheet } from "../../../cells/sheet.ts";
import { SheetProgram } from "../../../cells/training/program.ts";
import { TrainingRun } from "../../../cells/training/run.ts";
import { ones } from "../../../engine/index.ts";
import { expectResumeLikeUninterrupted } from "../../support/training.ts";

function sheetOf(sources: readonly string[], seed = 3): Sheet {
  const sheet = new Sheet({ seed, cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

/** y = dropout(x, rate) as a training program would run it, with x bound to ones([100, 100]). */
function dropoutInStep(rate: number, step: { run: string; step: number }, seed = 3): Float32Array {
  const sheet = sheetOf(["x = zeros([100, 100])", `y = dropout(x, ${rate})`], seed);
  const program = SheetProgram.build(sheet, ["A2"], ["A1"]);
  return program.run(new Map([["A1", ones([100, 100])]]), step).get("A2")!.data;
}

// A two-layer regression with dropout on the hidden layer: 100 samples, batches of 16 (7 steps an epoch).
function dropoutRegression(dropoutRate = 0.3): Sheet {
  return sheetOf([
    "x = randn([100, 3])",
    "y = dot(x, [[1.5], [-2], [0.5]]) + 0.25",
    "W1 = param(glorot_uniform([3, 16]))",
    "b1 = param(zeros([16]))",
    "W2 = param(glorot_uniform([16, 1]))",
    `hidden = dropout(relu(dot(x, W1) + b1), ${dropoutRate})`,
    "loss = mse(y, dot(hidden, W2))",
    "mse_all = mse(y, dot(relu(dot(x, W1) + b1), W2))",
    'fit = train(loss, [W1, b1, W2], {optimizer: "adam", lr: 0.01, batch: 16, epochs: 4, feed: [x, y], metrics: [mse_all]})',
  ], 5);
}

describe("dropout in a sheet", () => {
  it("is the identity when the sheet evaluates", () => {
    const sheet = sheetOf(["x = randn([4, 5])", "y = dropout(x, 0.5)"]);
    expect(sheet.result("A2")!.error).toBeNull();
    expect(sheet.result("A2")!.value!.data).toEqual(sheet.result("A1")!.value!.data);
  });

  it("refuses a rate outside [0, 1) as a cell error, even where it is the identity", () => {
    const sheet = sheetOf(["x = ones([3])", "y = dropout(x, 1)"]);
    expect(sheet.result("A2")!.error!.message).toBe("dropout: rate must be in [0, 1), got 1");
  });

  it("in a training step keeps about 1 − rate of the units, scaled by 1/(1 − rate)", () => {
    const y = dropoutInStep(0.25, { run: "fit", step: 0 });
    expect(new Set(y)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    const keep = y.filter((v) => v !== 0).length / y.length;
    expect(Math.abs(keep - 0.75)).toBeLessThan(0.02);
  });

  it("draws its mask from the sheet seed, the run and the step: same step same mask, another step, run or seed another", () => {
    const mask = dropoutInStep(0.5, { run: "fit", step: 7 });
    expect(dropoutInStep(0.5, { run: "fit", step: 7 })).toEqual(mask);
    expect(dropoutInStep(0.5, { run: "fit", step: 8 })).not.toEqual(mask);
    expect(dropoutInStep(0.5, { run: "fit2", step: 7 })).not.toEqual(mask);
    expect(dropoutInStep(0.5, { run: "fit", step: 7 }, 4)).not.toEqual(mask);
  });

  it("changes training (the masks are active in steps) but not the metrics pass", () => {
    const withDropout = TrainingRun.start(dropoutRegression(0.3), "A9");
    const without = TrainingRun.start(dropoutRegression(0), "A9");
    withDropout.runStep();
    without.runStep();
    expect(withDropout.lossHistory()[0]).not.toBe(without.lossHistory()[0]);
    // Same params before any update: the evaluation pass (no dropout) agrees.
    const fresh = TrainingRun.start(dropoutRegression(0.3), "A9");
    expect(fresh.evaluateMetrics()).toEqual(TrainingRun.start(dropoutRegression(0), "A9").evaluateMetrics());
  });

  it("draws its masks into the run's recycled buffers: no new tensor memory after the first epoch", () => {
    const run = TrainingRun.start(dropoutRegression(), "A9");
    for (let s = 0; s < run.stepsPerEpoch; s++) run.runStep();
    const afterFirstEpoch = run.memory();
    while (!run.done) run.runStep();
    expect(run.memory().created).toBe(afterFirstEpoch.created);
    expect(run.memory().bytes).toBe(afterFirstEpoch.bytes);
    // The masks and masked values are the run's buffers: without dropout it needs fewer bytes.
    const plain = TrainingRun.start(dropoutRegression(0), "A9");
    for (let s = 0; s < plain.stepsPerEpoch; s++) plain.runStep();
    expect(plain.memory().bytes).toBeLessThan(afterFirstEpoch.bytes);
  });

  it("resumed from a checkpoint, a run with dropout ends bit-identical to one that never stopped", () => {
    expectResumeLikeUninterrupted(() => dropoutRegression(), "A9", 10);
  });
});
