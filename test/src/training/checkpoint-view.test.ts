import { describe, expect, it } from "vitest";
import { checkpointView, progressAt } from "../../../src/training/checkpoint-view.ts";
import type { CheckpointDetail, CheckpointSummary } from "../../../src/training/protocol.ts";
import { autoResumeEnabled, memoryMemoStore, readRunMemo, setAutoResume, writeRunMemo, type RunMemo } from "../../../src/training/run-memo.ts";

const summary = (step: number, epoch: number, stepInEpoch: number): CheckpointSummary => ({ runKey: "s:fit", step, epoch, stepInEpoch, savedAt: 0, params: ["W"] });
const detail = (steps: number, metric: number[]): CheckpointDetail => ({
  params: { W: { shape: [1], data: Float32Array.of(1) } },
  lossHistory: Float32Array.from({ length: steps }, (_, i) => 1 / (i + 1)),
  metricHistory: { acc: metric },
});
const memo = (status: RunMemo["status"]): RunMemo => ({ epochs: 5, stepsPerEpoch: 63, epochsOverride: null, status });

describe("checkpointView", () => {
  it("a run that was training when the page closed is paused by the reload, at its checkpoint", () => {
    const v = checkpointView(summary(70, 1, 7), detail(70, [0.9]), memo("running"));
    expect(v).toMatchObject({ status: "paused", pausedByReload: true });
    expect(v.progress).toMatchObject({ step: 70, epoch: 1, stepInEpoch: 7, epochs: 5, stepsPerEpoch: 63, totalSteps: 315, metrics: { acc: 0.9 } });
    expect(v.progress.loss).toBeCloseTo(1 / 70, 6);
    expect(v.lossSteps).toHaveLength(70);
    expect(v.lossSteps.at(-1)).toBe(70);
    expect(v.metrics).toEqual({ acc: [0.9] });
  });

  it("keeps how a run was left: paused, stopped, finished", () => {
    expect(checkpointView(summary(70, 1, 7), detail(70, [0.9]), memo("paused"))).toMatchObject({ status: "paused", pausedByReload: false });
    expect(checkpointView(summary(70, 1, 7), detail(70, [0.9]), memo("idle"))).toMatchObject({ status: "idle", pausedByReload: false });
    expect(checkpointView(summary(315, 5, 0), detail(315, [1, 2, 3, 4, 5]), memo("running"))).toMatchObject({ status: "finished", pausedByReload: false });
  });

  it("without a memo reads the epoch length off the checkpoint", () => {
    expect(progressAt(summary(130, 2, 4), detail(130, [0.8, 0.9]), null)).toMatchObject({ stepsPerEpoch: 63, epochs: 3, totalSteps: 189 });
  });
});

describe("run memos", () => {
  it("round-trip, are removed with null, and ignore what is not one", () => {
    const store = memoryMemoStore();
    writeRunMemo(store, "s:fit", memo("running"));
    expect(readRunMemo(store, "s:fit")).toEqual(memo("running"));
    writeRunMemo(store, "s:fit", null);
    expect(readRunMemo(store, "s:fit")).toBeNull();
    store.set("tensorsheet.training.run:s:bad", "{not json");
    expect(readRunMemo(store, "s:bad")).toBeNull();
    expect(autoResumeEnabled(store)).toBe(false);
    setAutoResume(store, true);
    expect(autoResumeEnabled(store)).toBe(true);
  });
});
