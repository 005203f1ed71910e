/**
 * End-to-end training of the first-look example sheet: the sheet-compiled step (TrainingRun, as
 * the worker and the CLI run it) against the same step written by hand on the engine.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importSheet, mnistProvider, TrainingRun } from "../cells/index.ts";
import { loadMnistNode } from "../engine/datasets/mnist-build.node.ts";
import {
  BufferArena, Rng, Tensor, add, createOptimizer, dot, grad, noGrad, relu, softmax, sparse_categorical_crossentropy, take,
} from "../engine/index.ts";
import { median, sample, type MeasureOptions } from "./measure.ts";

const EXAMPLE = fileURLToPath(new URL("../public/examples/00-first-look.tensorsheet.json", import.meta.url));

export interface SheetTrainingResult {
  readonly compiledSamplesPerSecond: number;
  readonly handWrittenSamplesPerSecond: number;
}

export async function measureSheetTraining(rounds: number, options: (r: number) => MeasureOptions): Promise<SheetTrainingResult> {
  const { sheet } = importSheet(readFileSync(EXAMPLE, "utf8"), { dataset: mnistProvider(await loadMnistNode()) });
  const fit = sheet.resolve("fit")!;
  // Many epochs, so the run never ends mid-measurement; epoch-end metric passes are rare outliers the median ignores.
  const run = TrainingRun.start(sheet, fit, { epochs: 1000 });
  const batch = run.plan.batch;

  const x = sheet.result(sheet.resolve("x_train")!)!.value!;
  const labels = sheet.result(sheet.resolve("train_labels")!)!.value!;
  const names = ["W1", "b1", "W2", "b2"];
  const values = names.map((n) => sheet.result(sheet.resolve(n)!)!.value!);
  const buffers = values.map((v) => Float32Array.from(v.data));
  const optimizer = createOptimizer({ kind: "rmsprop", lr: 0.001 });
  const order = new Rng({ seed: 1, stream: "bench" }).permutation(x.shape[0]!);
  let offset = 0;
  // Recycled step buffers, as TrainingRun has.
  const arena = new BufferArena();
  const handWrittenStep = () => arena.step(handWrittenBatch);
  const handWrittenBatch = () => {
    if (offset + batch > order.length) offset = 0;
    const rows = order.subarray(offset, (offset += batch));
    const xb = noGrad(() => take(x, rows));
    const yb = noGrad(() => take(labels, rows));
    const params = buffers.map((d, i) => new Tensor(values[i]!.shape, d));
    const [W1, b1, W2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
    const probs = softmax(add(dot(relu(add(dot(xb, W1), b1)), W2), b2));
    const loss = sparse_categorical_crossentropy(yb, probs);
    optimizer.stepInPlace(buffers, grad(loss, params).map((g) => g.data));
  };

  const compiled: number[] = [];
  const hand: number[] = [];
  for (let r = 0; r < rounds; r++) {
    compiled.push(...sample(() => void run.runStep(), options(r)));
    hand.push(...sample(handWrittenStep, options(r)));
  }
  return {
    compiledSamplesPerSecond: (batch * 1000) / median(compiled),
    handWrittenSamplesPerSecond: (batch * 1000) / median(hand),
  };
}
