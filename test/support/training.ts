import { expect } from "vitest";
import type { CellRecord, SheetDocument } from "../../cells/document.ts";
import { exportDocument, importSheet } from "../../cells/io.ts";
import { checkpointToJSON } from "../../cells/training/checkpoint-json.ts";
import { TrainingRun } from "../../cells/training/run.ts";
import type { TrainingCheckpoint } from "../../cells/training/checkpoint.ts";
import type { Sheet } from "../../cells/sheet.ts";

/** What a store round trip does to a checkpoint: a deep structured clone. */
export function structuredCloneCheckpoint(c: TrainingCheckpoint): TrainingCheckpoint {
  return structuredClone(c);
}

/**
 * A run of the training cell at `address` stopped after `stopAt` steps and resumed from its stored
 * checkpoint on a fresh sheet (as after a reload) ends bit for bit like a run that never stopped:
 * the same losses, params, optimizer state and metrics.
 */
export function expectResumeLikeUninterrupted(freshSheet: () => Sheet, address: string, stopAt: number): void {
  const straight = TrainingRun.start(freshSheet(), address);
  while (!straight.done) straight.runStep();

  const first = TrainingRun.start(freshSheet(), address);
  for (let i = 0; i < stopAt; i++) first.runStep();
  const saved = structuredCloneCheckpoint(first.checkpoint("run"));
  const resumed = TrainingRun.resume(freshSheet(), address, saved);
  expect(resumed.step).toBe(stopAt);
  while (!resumed.done) resumed.runStep();

  expect(resumed.lossHistory()).toEqual(straight.lossHistory());
  const a = resumed.checkpoint("run");
  const b = straight.checkpoint("run");
  expect(a.params).toEqual(b.params);
  expect(a.optimizer).toEqual(b.optimizer);
  expect(a.metricHistory).toEqual(b.metricHistory);
}

/**
 * A small linear regression with a training cell fit (A9): 100 samples of 3 features, so a batch
 * of 16 gives 7 steps an epoch. `options` is the train cell's options object.
 */
export function regressionCells(options: string): CellRecord[] {
  return [
    { address: "A1", source: "x = randn([100, 3])" },
    { address: "A2", source: "w_true = [[1.5], [-2], [0.5]]" },
    { address: "A3", source: "y = dot(x, w_true) + 0.25" },
    { address: "A4", source: "W = param(zeros([3, 1]))" },
    { address: "A5", source: "b = param(zeros([1]))" },
    { address: "A6", source: "pred = dot(x, W) + b" },
    { address: "A7", source: "loss = mse(y, pred)" },
    { address: "A8", source: "mse_all = mse(y, dot(x, W) + b)" },
    { address: "A9", source: `fit = train(loss, [W, b], ${options})` },
  ];
}

/** A small softmax classifier sheet whose CLI runs are quick: 96 samples in batches of 10, so 10 steps an epoch. */
export function classifierSheet(title: string, epochs: number) {
  return {
    format: "tensorsheet", version: 1, title, seed: 11,
    cells: [
      { address: "A1", source: "x = randn([96, 4])" },
      { address: "A2", source: "y = [0, 1, 2, 1, 0, 2, 1, 0, 2, 0, 1, 2] .* ones([8, 12])" },
      { address: "A3", source: "labels = reshape(y, [-1])" },
      { address: "A4", source: "W = param(glorot_uniform([4, 3]))" },
      { address: "A5", source: "b = param(zeros([3]))" },
      { address: "A6", source: "loss = sparse_categorical_crossentropy(labels, softmax(dot(x, W) + b))" },
      { address: "A7", source: `fit = train(loss, [W, b], {optimizer: "adam", lr: 0.01, batch: 10, epochs: ${epochs}, feed: [x, labels], metrics: [loss]})` },
    ],
  };
}

/**
 * The regression sheet (`regressionCells`, training cell fit at A9) trained `steps` steps and
 * exported with its full training state, as `tensorsheet train --out` writes it; `change` edits that state.
 */
export function trainedRegressionDocument(title: string, options: string, change: Record<string, unknown> = {}, steps = 10): SheetDocument {
  const document: SheetDocument = { format: "tensorsheet", version: 1, title, seed: 5, cells: regressionCells(options) };
  const { sheet } = importSheet(document);
  const run = TrainingRun.start(sheet, "A9");
  for (let i = 0; i < steps; i++) run.runStep();
  run.applyToSheet();
  sheet.evaluate();
  return exportDocument(sheet, { includeTensors: true, training: { fit: { ...checkpointToJSON(run.checkpoint("fit")), ...change } } });
}
