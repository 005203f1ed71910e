// What the panel shows of a stored checkpoint when no run is going (after a reload, after an undone
// reset): its step and progress, its loss chart and metric histories, and how the run was left.
import { LossSeries } from "./loss-series.ts";
import type { CheckpointDetail, CheckpointSummary, TrainingProgress } from "./protocol.ts";
import type { RunMemo } from "./run-memo.ts";
import { LOSS_POINTS, copyHistory, type TrainingStatus } from "./training-state.ts";

export interface CheckpointView {
  readonly status: TrainingStatus;
  /** The page closed while the run trained: the panel says so and offers to resume. */
  readonly pausedByReload: boolean;
  readonly progress: TrainingProgress;
  readonly losses: number[];
  readonly lossSteps: number[];
  readonly metrics: Record<string, number[]>;
}

/**
 * The run's progress at the checkpoint. The memo, written when the run started, knows its epochs
 * and steps an epoch; without one they are read off the checkpoint as far as it tells.
 */
export function progressAt(c: CheckpointSummary, detail: CheckpointDetail, memo: RunMemo | null): TrainingProgress {
  const stepsPerEpoch = memo?.stepsPerEpoch ?? (c.epoch > 0 ? (c.step - c.stepInEpoch) / c.epoch : Math.max(1, c.step));
  const epochs = memo?.epochs ?? Math.max(1, c.epoch + (c.stepInEpoch > 0 ? 1 : 0));
  const metrics = Object.fromEntries(Object.entries(detail.metricHistory).map(([k, v]) => [k, v.at(-1) ?? null]));
  return {
    epoch: c.epoch,
    epochs,
    stepInEpoch: c.stepInEpoch,
    stepsPerEpoch,
    step: c.step,
    totalSteps: Math.max(c.step, epochs * stepsPerEpoch),
    loss: detail.lossHistory.at(-1) ?? NaN,
    metrics,
    samplesPerSecond: 0,
    etaSeconds: NaN,
    threads: 1,
  };
}

/** How the run was left, from its memo: one that was training when the page closed is paused by the reload. */
function statusAt(progress: TrainingProgress, memo: RunMemo | null): { status: TrainingStatus; pausedByReload: boolean } {
  if (progress.step >= progress.totalSteps) return { status: "finished", pausedByReload: false };
  const was = memo?.status ?? "idle";
  if (was === "running" || was === "starting") return { status: "paused", pausedByReload: true };
  return { status: was === "paused" ? "paused" : "idle", pausedByReload: false };
}

export function checkpointView(c: CheckpointSummary, detail: CheckpointDetail, memo: RunMemo | null): CheckpointView {
  const progress = progressAt(c, detail, memo);
  const series = new LossSeries(LOSS_POINTS);
  series.append(0, detail.lossHistory);
  const { steps, values } = series.points();
  return { ...statusAt(progress, memo), progress, losses: values, lossSteps: steps, metrics: copyHistory(detail.metricHistory) };
}

/** What a `checkpointed` event tells of the stored checkpoint: its step, and its epoch when the progress is at that step. */
export function summaryAfterSave(runKey: string, step: number, p: TrainingProgress | null, old: CheckpointSummary | null | undefined): CheckpointSummary {
  return {
    runKey,
    step,
    epoch: p?.step === step ? p.epoch : (old?.epoch ?? 0),
    stepInEpoch: p?.step === step ? p.stepInEpoch : (old?.stepInEpoch ?? 0),
    savedAt: Date.now(),
    params: old?.params ?? [],
  };
}
