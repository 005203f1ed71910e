// What the page knows of a training run: the Solid store's shape and its starting value.
import type { CheckpointSummary, FailureKind, TrainingProgress } from "./protocol.ts";

export type TrainingStatus = "idle" | "starting" | "running" | "paused" | "finished" | "failed";

export interface TrainingState {
  status: TrainingStatus;
  /** The run this state is about (`${sheetId}:${trainingCellName}`), null before the first. */
  runKey: string | null;
  /** Its training cell's address. */
  address: string | null;
  progress: TrainingProgress | null;
  /** The live loss chart: y values and their step numbers (1-based), at most LOSS_POINTS points. */
  losses: number[];
  lossSteps: number[];
  /** Metric values after each completed epoch, by metric cell name. */
  metrics: Record<string, number[]>;
  /** Why the run failed (status "failed"), or why the last reset/probe did not work. */
  error: string | null;
  errorKind: FailureKind | null;
  /** A checkpoint could not be saved while the run goes on; cleared by the next successful save. */
  warning: string | null;
  /** Something to know about the run that is not a problem (resumed on other kernels). */
  notice: string | null;
  /** A stored checkpoint of runKey exists, at step resumeStep. */
  resumable: boolean;
  resumeStep: number | null;
  /** The checkpoint step the current run resumed from (null: a fresh run). */
  resumedFrom: number | null;
  /** Fingerprint of the sheet snapshot the run trains on (see sheetFingerprint). */
  snapshot: string | null;
  /** What is known about stored checkpoints by runKey (null: none), from checkResumable and runs. */
  checkpoints: Record<string, CheckpointSummary | null>;
  /** The run was training when the page closed; it shows its checkpoint, paused. */
  pausedByReload: boolean;
  /** The run whose reset can be undone (its deleted checkpoint is held in memory), until the next action. */
  undoReset: string | null;
  /** The step of the params the sheet last got from the running run (null: none sent yet). */
  liveStep: number | null;
}

export const LOSS_POINTS = 5000;

export const initialState = (): TrainingState => ({
  status: "idle",
  runKey: null,
  address: null,
  progress: null,
  losses: [],
  lossSteps: [],
  metrics: {},
  error: null,
  errorKind: null,
  warning: null,
  notice: null,
  resumable: false,
  resumeStep: null,
  resumedFrom: null,
  snapshot: null,
  checkpoints: {},
  pausedByReload: false,
  undoReset: null,
  liveStep: null,
});

/** A copy of metric histories by name, so the store never shares arrays with an event. */
export function copyHistory(h: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [...v]]));
}

/** Add epochs `fromEpoch`, `fromEpoch + 1`, … of each metric. Indexed by epoch: an event repeated adds nothing. */
export function mergeEpochMetrics(metrics: Record<string, number[]>, fromEpoch: number, values: Readonly<Record<string, readonly number[]>>): void {
  for (const [name, list] of Object.entries(values)) {
    const h = (metrics[name] ??= []);
    list.forEach((v, i) => {
      if (fromEpoch + i <= h.length) h[fromEpoch + i] = v;
    });
  }
}
