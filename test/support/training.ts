import type { CellRecord } from "../../cells/document.ts";
import type { TrainingCheckpoint } from "../../cells/training/checkpoint.ts";

/** What a store round trip does to a checkpoint: a deep structured clone. */
export function structuredCloneCheckpoint(c: TrainingCheckpoint): TrainingCheckpoint {
  return structuredClone(c);
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
