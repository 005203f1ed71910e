import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kernelVariantName } from "../../../engine/kernels/variant.ts";
import { FormatError, encodeFloat32 } from "../../../cells/format/index.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { checkpointExpectations } from "../../../cells/training/checkpoint-check.ts";
import { checkpointFromJSON, checkpointToJSON } from "../../../cells/training/checkpoint-json.ts";
import { planTraining } from "../../../cells/training/plan.ts";
import { TrainingError, TrainingRun } from "../../../cells/training/run.ts";
import { runCli } from "../../support/cli.ts";
import { regressionCells } from "../../support/training.ts";

/** 100 samples in batches of 16: 7 steps an epoch, 8 epochs, one metric. */
const OPTIONS = '{optimizer: "adam", lr: 0.1, batch: 16, epochs: 8, feed: [x, y], metrics: [mse_all]}';
const PATH = "$.training.fit";

function regressionSheet(): Sheet {
  const sheet = new Sheet({ seed: 5, cells: regressionCells(OPTIONS) });
  sheet.evaluate();
  return sheet;
}

/** A run 2 epochs and 3 steps in: its params and its training state as a file holds them. */
function savedRun() {
  const run = TrainingRun.start(regressionSheet(), "A9");
  for (let i = 0; i < 17; i++) run.runStep();
  return { params: run.currentParams(), state: JSON.parse(JSON.stringify(checkpointToJSON(run.checkpoint("fit")))) as Record<string, any> };
}

function problemsOf(edit: (state: Record<string, any>) => void, params?: (p: Map<string, unknown>) => void): { path: string; reason: string }[] {
  const saved = savedRun();
  edit(saved.state);
  params?.(saved.params as Map<string, unknown>);
  const sheet = regressionSheet();
  try {
    checkpointFromJSON(saved.state, saved.params, "fit", PATH, checkpointExpectations(sheet, planTraining(sheet, "A9")));
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return [...(e as FormatError).problems];
  }
  return [];
}

describe("a file's training state is checked against the plan before a resume", () => {
  it("accepts the state a run wrote, and resumes from it", () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it('refuses metricHistory: "boom"', () => {
    expect(problemsOf((s) => (s.metricHistory = "boom"))).toEqual([
      { path: `${PATH}.metricHistory`, reason: 'must be an object of metric name → the metric\'s value after each epoch, got the string "boom"' },
    ]);
  });

  it("refuses a stepInEpoch past the steps of an epoch", () => {
    expect(problemsOf((s) => (s.stepInEpoch = 9999))).toEqual([
      { path: `${PATH}.stepInEpoch`, reason: "9999 is past the 7 steps of an epoch" },
      { path: `${PATH}.step`, reason: "17 disagrees with epoch 2 and stepInEpoch 9999: at 7 steps an epoch they make 10013" },
    ]);
  });

  it("refuses epoch: 1e300", () => {
    expect(problemsOf((s) => (s.epoch = 1e300))[0]).toEqual({
      path: `${PATH}.epoch`, reason: "1e+300 is past the 8 epochs of the plan (train for more epochs to continue this run)",
    });
  });

  it("refuses counters that are not whole numbers, and values of the wrong type", () => {
    expect(problemsOf((s) => {
      s.step = 16.5;
      s.elapsedMs = -1;
      s.planHash = 3;
      s.kernelVariant = false;
      s.extra = 1;
    })).toEqual([
      { path: `${PATH}.extra`, reason: "unknown member; a training state has planHash, epoch, stepInEpoch, step, optimizer, lossHistory, metricHistory, elapsedMs, kernelVariant" },
      { path: `${PATH}.step`, reason: "must be a whole number ≥ 0, got the number 16.5" },
      { path: `${PATH}.elapsedMs`, reason: "must be a number ≥ 0, got the number -1" },
      { path: `${PATH}.planHash`, reason: "must be a string, got the number 3" },
      { path: `${PATH}.kernelVariant`, reason: "must be a string, got false" },
    ]);
  });

  it("refuses a loss history whose length or values disagree with the step count", () => {
    expect(problemsOf((s) => (s.lossHistory = encodeFloat32(new Float32Array(16))))).toEqual([
      { path: `${PATH}.lossHistory`, reason: "holds 16 losses but step is 17" },
    ]);
    expect(problemsOf((s) => (s.lossHistory = encodeFloat32(new Float32Array(17).fill(-Infinity, 3))))).toEqual([
      { path: `${PATH}.lossHistory`, reason: "the loss of step 4 is -Infinity; a run never records a loss that is not finite" },
    ]);
  });

  it("refuses metric histories that name other metrics or hold the wrong number of epochs", () => {
    expect(problemsOf((s) => (s.metricHistory = { mse_all: [1], acc: [1, 2] }))).toEqual([
      { path: `${PATH}.metricHistory.mse_all`, reason: "holds 1 values but 2 epochs are done" },
      { path: `${PATH}.metricHistory.acc`, reason: "the plan has no metric acc (its metrics are mse_all)" },
    ]);
    expect(problemsOf((s) => (s.metricHistory = {}))).toEqual([
      { path: `${PATH}.metricHistory.mse_all`, reason: "is missing: the plan evaluates this metric after every epoch" },
    ]);
    expect(problemsOf((s) => (s.metricHistory = { mse_all: [1, "2"] }))).toEqual([
      { path: `${PATH}.metricHistory.mse_all[1]`, reason: 'must be a number, got the string "2"' },
    ]);
  });

  it("refuses optimizer state that disagrees with the training cell or the params", () => {
    expect(problemsOf((s) => (s.optimizer.config.lr = 0.5))).toEqual([
      { path: `${PATH}.optimizer.config.lr`, reason: "is 0.5 but the training cell sets 0.1" },
    ]);
    expect(problemsOf((s) => (s.optimizer.iterations = 3))).toEqual([
      { path: `${PATH}.optimizer.iterations`, reason: "is 3 but step is 17; the optimizer takes one step per training step" },
    ]);
    expect(problemsOf((s) => (s.optimizer.slots[0][1] = encodeFloat32(new Float32Array(2))))).toEqual([
      { path: `${PATH}.optimizer.slots[0][1]`, reason: "holds 2 values but W has 3" },
    ]);
    expect(problemsOf((s) => (s.optimizer.slots[1][0] = encodeFloat32(Float32Array.of(NaN))))).toEqual([
      { path: `${PATH}.optimizer.slots[1][0]`, reason: "element 0 is NaN; training cannot resume from optimizer state that is not finite" },
    ]);
    expect(problemsOf((s) => s.optimizer.slots.pop())).toEqual([
      { path: `${PATH}.optimizer.slots`, reason: "holds state for 1 params but the run trains 2 and has taken 17 steps" },
    ]);
    expect(problemsOf((s) => (s.optimizer.kind = s.optimizer.config.kind = "sgd"))).toEqual([
      { path: `${PATH}.optimizer.kind`, reason: 'is "sgd" but the training cell uses "adam"' },
    ]);
    expect(problemsOf((s) => s.optimizer.slots[1].pop())).toEqual([
      { path: `${PATH}.optimizer.slots[1]`, reason: "holds 1 buffers for b but adam keeps 2 per param" },
    ]);
    expect(problemsOf((s) => (s.optimizer.config.beta1 = 2))).toEqual([
      { path: `${PATH}.optimizer.config`, reason: "adam: beta1 must be a number in [0, 1), got 2" },
    ]);
  });

  it("refuses a state whose trained params the file does not hold", () => {
    expect(problemsOf(() => {}, (p) => p.delete("b"))).toEqual([
      { path: "$.tensors", reason: "holds no value of b, which the training state $.training.fit continues from" },
    ]);
  });

  it("refuses a bad state in the CLI with the path, before any step runs", async () => {
    const { params, state } = savedRun();
    state.stepInEpoch = 9999;
    const tensors = Object.fromEntries([...params].map(([name, t]) => [name, { dtype: "float32", shape: t.shape, data: encodeFloat32(t.data) }]));
    const file = join(mkdtempSync(join(tmpdir(), "tensorsheet-state-")), "bad.json");
    writeFileSync(file, JSON.stringify({ format: "tensorsheet", version: 1, title: "t", seed: 5, cells: regressionCells(OPTIONS), tensors, training: { fit: state } }));
    const run = await runCli("train", file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "tensorsheet: cannot train fit: $.training.fit.stepInEpoch: 9999 is past the 7 steps of an epoch\n"
      + "$.training.fit.step: 17 disagrees with epoch 2 and stepInEpoch 9999: at 7 steps an epoch they make 10013\n",
    );
  });
});

describe("tensorsheet train and the training block", () => {
  const fileWith = (name: string, training: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), "tensorsheet-block-")), name);
    writeFileSync(file, JSON.stringify({ format: "tensorsheet", version: 1, title: "t", seed: 5, cells: regressionCells(OPTIONS), training: { fit: training } }));
    return file;
  };

  it("refuses a state that lost its optimizer instead of restarting the run", async () => {
    const { state } = savedRun();
    delete state.optimizer;
    const run = await runCli("train", fileWith("no-optimizer.json", state));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("tensorsheet: cannot train fit: $.training.fit.optimizer: must be an object (the optimizer's state), got nothing\n");
  });

  it("starts afresh from a bare loss history (what the app exports)", async () => {
    const run = await runCli("train", fileWith("bare.json", { step: 2, lossHistory: encodeFloat32(Float32Array.of(1, 2)) }), "--epochs", "1");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^epoch 1\/1 .*\nfinished fit: 7 steps in/);
  });
});

describe("checkpoints record the kernel variant", () => {
  it("in memory and in the file, and a file without it still resumes", () => {
    const { params, state } = savedRun();
    expect(state.kernelVariant).toBe(kernelVariantName());
    delete state.kernelVariant;
    const sheet = regressionSheet();
    const checkpoint = checkpointFromJSON(state, params, "fit", PATH, checkpointExpectations(sheet, planTraining(sheet, "A9")));
    expect(checkpoint.kernelVariant).toBeUndefined();
    const run = TrainingRun.resume(sheet, "A9", checkpoint);
    expect(run.step).toBe(17);
    expect(run.resumeNotice).toBeNull();
  });

  it("a resume on another variant continues, with a notice that it is not bit-identical", () => {
    const first = TrainingRun.start(regressionSheet(), "A9");
    for (let i = 0; i < 3; i++) first.runStep();
    const same = TrainingRun.resume(regressionSheet(), "A9", first.checkpoint("fit"));
    expect(same.resumeNotice).toBeNull();
    const other = TrainingRun.resume(regressionSheet(), "A9", { ...first.checkpoint("fit"), kernelVariant: "gemm:elsewhere optim:js" });
    expect(other.resumeNotice).toBe(
      `fit was saved on kernels "gemm:elsewhere optim:js" and continues on "${kernelVariantName()}": numerically equivalent, not bit-identical to a run that never stopped`,
    );
    other.runStep();
    expect(other.step).toBe(4);
  });

  it("a checkpoint from memory (the browser's store) is checked too", () => {
    const run = TrainingRun.start(regressionSheet(), "A9");
    run.runStep();
    expect(() => TrainingRun.resume(regressionSheet(), "A9", { ...run.checkpoint("fit"), stepInEpoch: 9999 })).toThrow(
      new TrainingError("the checkpoint of fit cannot be resumed: stepInEpoch: 9999 is past the 7 steps of an epoch"),
    );
  });
});
