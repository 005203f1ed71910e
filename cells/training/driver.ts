import { gemmThreads } from "../../engine/index.ts";
import type { CheckpointStore } from "./checkpoint.ts";
import type { TrainingRun } from "./run.ts";

export interface TrainingProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly stepInEpoch: number;
  readonly stepsPerEpoch: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  /** Latest value of each metric (after the last completed epoch), or null before the first. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly samplesPerSecond: number;
  /** Seconds left at the current speed. */
  readonly etaSeconds: number;
  /** Threads sharing the large matrix products (1 without helper threads, e.g. no cross-origin isolation). */
  readonly threads: number;
}

export type DriveOutcome = "finished" | "paused" | "stopped";

export interface DriveOptions {
  readonly runKey: string;
  readonly store?: CheckpointStore;
  /** Called at most every `progressEveryMs` (default 100 ms: at most ~10 messages a second), and at the end. */
  readonly onProgress?: (progress: TrainingProgress) => void;
  readonly onEpoch?: (progress: TrainingProgress) => void;
  readonly onCheckpoint?: (step: number) => void;
  /** Polled between steps. */
  readonly control?: () => "run" | "pause" | "stop";
  /**
   * Aborted when the run must end now (the CLI's Ctrl-C): checked between steps like `control`,
   * it stops the run at the next step boundary, saving first; the outcome is "stopped".
   */
  readonly signal?: AbortSignal;
  readonly progressEveryMs?: number;
  /** Checkpoint at least this often (default CHECKPOINT_EVERY_MS), besides every epoch and on pause/stop. */
  readonly checkpointEveryMs?: number;
  /** Give the event loop a turn this often (default 50 ms), so pause messages get through. */
  readonly yieldEveryMs?: number;
}

/**
 * How often a run is checkpointed between epochs: a crash or a closed tab loses at most this much
 * training. The one interval for the app and the CLI.
 */
export const CHECKPOINT_EVERY_MS = 3000;

/**
 * Run steps until the run finishes or `control` says pause/stop, reporting progress and writing
 * checkpoints. A step that throws (NaN loss) propagates after nothing is saved for it: the
 * store keeps the last good checkpoint.
 */
export async function drive(run: TrainingRun, options: DriveOptions): Promise<DriveOutcome> {
  const progressEvery = options.progressEveryMs ?? 100;
  const checkpointEvery = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
  const yieldEvery = options.yieldEveryMs ?? 50;
  let lastProgress = -Infinity;
  let lastCheckpoint = performance.now();
  let lastYield = performance.now();
  let lastLoss = run.lossHistory().at(-1) ?? NaN;

  const save = async () => {
    if (options.store) {
      await options.store.save(run.checkpoint(options.runKey));
      options.onCheckpoint?.(run.step);
    }
    lastCheckpoint = performance.now();
  };

  while (!run.done) {
    const command = options.signal?.aborted ? "stop" : options.control?.() ?? "run";
    if (command !== "run") {
      await save();
      options.onProgress?.(progressOf(run, lastLoss));
      return command === "pause" ? "paused" : "stopped";
    }
    const { loss, epochMetrics } = run.runStep();
    lastLoss = loss;
    const now = performance.now();
    if (epochMetrics !== null) {
      options.onEpoch?.(progressOf(run, loss));
      await save();
    } else if (now - lastCheckpoint >= checkpointEvery) {
      await save();
    }
    if (now - lastProgress >= progressEvery) {
      lastProgress = now;
      options.onProgress?.(progressOf(run, loss));
    }
    if (performance.now() - lastYield >= yieldEvery) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  options.onProgress?.(progressOf(run, lastLoss));
  return "finished";
}

export function progressOf(run: TrainingRun, loss: number): TrainingProgress {
  const seconds = run.elapsedMs / 1000;
  const samplesDone = run.step * run.plan.batch;
  const samplesPerSecond = seconds > 0 ? samplesDone / seconds : 0;
  const stepsLeft = run.totalSteps - run.step;
  const metrics = Object.fromEntries(Object.entries(run.metrics()).map(([k, v]) => [k, v.at(-1) ?? null]));
  return {
    epoch: run.epoch,
    epochs: run.plan.epochs,
    stepInEpoch: run.stepInEpoch,
    stepsPerEpoch: run.stepsPerEpoch,
    step: run.step,
    totalSteps: run.totalSteps,
    loss,
    metrics,
    samplesPerSecond,
    // Steps at their pace so far, plus a metric pass (as long as the last one) per epoch still to end.
    etaSeconds: run.step > 0 ? (stepsLeft * seconds) / run.step + ((run.plan.epochs - run.epoch) * run.metricsMs) / 1000 : NaN,
    threads: gemmThreads(),
  };
}
