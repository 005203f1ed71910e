/**
 * Memory of a training run (Node): the first-look sheet's TrainingRun for a few epochs, sampling
 * the process after every step. What it shows: the tensor memory a run holds is fixed after its
 * first epoch (the step arena's footprint, and no new buffers after it), and the process's
 * ArrayBuffer memory and RSS peak stay bounded however long the run goes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importSheet, mnistProvider, TrainingRun } from "../cells/index.ts";
import { loadMnistNode } from "../engine/datasets/mnist-build.node.ts";

const EXAMPLE = fileURLToPath(new URL("../public/examples/00-first-look.tensorsheet.json", import.meta.url));

export interface TrainingMemoryResult {
  readonly epochs: number;
  readonly steps: number;
  /** Bytes of tensor buffers the run's arena owns after epoch 1 and at the end. */
  readonly arenaBytesAfterFirstEpoch: number;
  readonly arenaBytesAtEnd: number;
  /** Buffers created after epoch 1 (0: every later step reused them). */
  readonly buffersCreatedAfterFirstEpoch: number;
  readonly buffersReused: number;
  /** process.memoryUsage(): ArrayBuffer bytes and RSS, before the run, peak during epoch 1 and over later epochs. */
  readonly arrayBuffers: { readonly before: number; readonly peakFirstEpoch: number; readonly peakLater: number };
  readonly rss: { readonly before: number; readonly peakFirstEpoch: number; readonly peakLater: number };
}

export async function measureTrainingMemory(epochs: number): Promise<TrainingMemoryResult> {
  const { sheet } = importSheet(readFileSync(EXAMPLE, "utf8"), { dataset: mnistProvider(await loadMnistNode()) });
  const run = TrainingRun.start(sheet, sheet.resolve("fit")!, { epochs });
  const before = process.memoryUsage();
  const peak = { first: { ab: 0, rss: 0 }, later: { ab: 0, rss: 0 } };
  let afterFirst = run.memory();
  while (!run.done) {
    run.runStep();
    const m = process.memoryUsage();
    const slot = run.epoch < 1 || (run.epoch === 1 && run.stepInEpoch === 0) ? peak.first : peak.later;
    slot.ab = Math.max(slot.ab, m.arrayBuffers);
    slot.rss = Math.max(slot.rss, m.rss);
    if (run.epoch === 1 && run.stepInEpoch === 0) afterFirst = run.memory();
  }
  const end = run.memory();
  return {
    epochs,
    steps: run.step,
    arenaBytesAfterFirstEpoch: afterFirst.bytes,
    arenaBytesAtEnd: end.bytes,
    buffersCreatedAfterFirstEpoch: end.created - afterFirst.created,
    buffersReused: end.reused,
    arrayBuffers: { before: before.arrayBuffers, peakFirstEpoch: peak.first.ab, peakLater: peak.later.ab },
    rss: { before: before.rss, peakFirstEpoch: peak.first.rss, peakLater: peak.later.rss },
  };
}
