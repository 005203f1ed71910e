// Messages between the page and the TRAINING worker (a dedicated worker of its own, separate from
// the sheet worker). The training worker builds its own Sheet from a document snapshot, so a run
// keeps the snapshot it started from: edits made on the page meanwhile never mix into it.
import type { SheetDocument, TrainingCheckpoint, TrainingProgress } from "../../cells/index.ts";

export type { TrainingProgress };

/** One trained param: row-major float32 values. The buffers are transferred, never shared. */
export interface TrainedParam {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export type TrainedParams = Readonly<Record<string, TrainedParam>>;

/** Metric values after each completed epoch, by metric cell name. */
export type MetricHistory = Readonly<Record<string, readonly number[]>>;

/** What a stored checkpoint says about itself (no bulk data). */
export interface CheckpointSummary {
  readonly runKey: string;
  /** Steps completed, and completed epochs / steps into the current epoch. */
  readonly step: number;
  readonly epoch: number;
  readonly stepInEpoch: number;
  readonly savedAt: number;
  /** Trained param names (for a reset: the params to re-initialize). */
  readonly params: readonly string[];
}

/** A stored checkpoint's bulk data: what the sheet needs to show the run as it was. */
export interface CheckpointDetail {
  readonly params: TrainedParams;
  readonly lossHistory: Float32Array;
  readonly metricHistory: MetricHistory;
}

export type TrainingCommand =
  /**
   * A fresh run (a stale checkpoint is overwritten at the first save): from the document's current
   * param values, or with `fromInitial` from the params' initializers (the same seed, so the same
   * initial values and batches as the sheet's very first run).
   */
  | { readonly type: "start"; readonly runKey: string; readonly document: SheetDocument; readonly address: string; readonly fromInitial?: boolean }
  /**
   * Continue from the stored checkpoint of runKey; without one, start fresh. `epochs` trains to that
   * many epochs instead of the cell's own setting ("Train N more epochs" on a finished run).
   */
  | { readonly type: "resume"; readonly runKey: string; readonly document: SheetDocument; readonly address: string; readonly epochs?: number }
  /** Store `checkpoint` again (undo of a reset); answered by `restored`. */
  | { readonly type: "restore"; readonly checkpoint: TrainingCheckpoint }
  /** Save a checkpoint and hand the params back; the run can be resumed. */
  | { readonly type: "pause" }
  /** Save a checkpoint and hand the params back; the run ends (it still can be resumed from the checkpoint). */
  | { readonly type: "stop" }
  /**
   * Stop the run of runKey if it is active and delete its checkpoint. `source` (the training cell's
   * source, optional) lets the worker name the params to re-initialize when there is no checkpoint.
   */
  | { readonly type: "reset"; readonly runKey: string; readonly source?: string }
  /** Whether a checkpoint of runKey exists (answered by `probed`). */
  | { readonly type: "probe"; readonly id: number; readonly runKey: string; readonly full?: boolean };

/** Everything a run hands back when it pauses, stops, finishes or fails with a training error. */
export interface TrainingResult {
  readonly runKey: string;
  /** The training cell's address. */
  readonly address: string;
  readonly params: TrainedParams;
  /** Loss of every step so far. */
  readonly lossHistory: Float32Array;
  readonly metricHistory: MetricHistory;
  readonly progress: TrainingProgress;
}

export type FailureKind = "training" | "storage" | "crash";

export type TrainingEvent =
  /** The run is built and about to take its first step. `lossHistory`/`metricHistory` are what a resumed run already has. */
  | {
      readonly type: "started";
      readonly runKey: string;
      readonly address: string;
      /** The checkpoint step resumed from, or null for a fresh run. */
      readonly resumedFrom: number | null;
      readonly progress: TrainingProgress;
      readonly lossHistory: Float32Array;
      readonly metricHistory: MetricHistory;
      /** The checkpoint was computed on other kernels: the run goes on, numerically equivalent but not bit-identical. */
      readonly notice: string | null;
    }
  /**
   * At most ~10 a second. `losses` are the losses of steps `fromStep`, `fromStep + 1`, … since the
   * previous progress event (so a live chart misses none).
   */
  | { readonly type: "progress"; readonly runKey: string; readonly progress: TrainingProgress; readonly fromStep: number; readonly losses: Float32Array }
  /**
   * One or more epochs completed (at most ~10 events a second, like progress): `metrics` holds the
   * metric values of epochs `fromEpoch`, `fromEpoch + 1`, … (0-based) evaluated on the full data.
   */
  | {
      readonly type: "epoch";
      readonly runKey: string;
      readonly progress: TrainingProgress;
      readonly fromEpoch: number;
      readonly metrics: Readonly<Record<string, readonly number[]>>;
    }
  /**
   * The run's params after `step` steps, sent while it trains (at most every ~2 s), so the sheet's
   * cells downstream of them show the run as it goes. The buffers are copies, transferred.
   */
  | { readonly type: "params"; readonly runKey: string; readonly address: string; readonly step: number; readonly params: TrainedParams }
  /** A checkpoint of `step` is safely stored. */
  | { readonly type: "checkpointed"; readonly runKey: string; readonly step: number }
  | { readonly type: "paused" | "stopped" | "finished"; readonly runKey: string; readonly result: TrainingResult }
  /**
   * `continuing`: the run goes on (a checkpoint could not be saved; training continues without
   * checkpoints until a save succeeds again). Otherwise the run ended; `result`, when present,
   * holds its last good params (a NaN loss keeps the params from before the bad step).
   */
  | {
      readonly type: "failed";
      readonly runKey: string | null;
      readonly kind: FailureKind;
      readonly message: string;
      readonly continuing: boolean;
      readonly result?: TrainingResult;
    }
  /**
   * The checkpoint of runKey is gone; `params` are the trained param names to re-initialize in the
   * sheet; `deleted` is the checkpoint that was removed (kept by the page so the reset can be undone).
   */
  | { readonly type: "reset"; readonly runKey: string; readonly params: readonly string[]; readonly deleted: TrainingCheckpoint | null }
  /** `detail` is sent when the probe asked for it (`full`) and a checkpoint exists. */
  | {
      readonly type: "probed";
      readonly id: number;
      readonly runKey: string;
      readonly checkpoint: CheckpointSummary | null;
      readonly detail?: CheckpointDetail;
      readonly error?: string;
    }
  /** A checkpoint is stored again (undo of a reset), or could not be (`error`). */
  | { readonly type: "restored"; readonly runKey: string; readonly checkpoint: CheckpointSummary | null; readonly detail?: CheckpointDetail; readonly error?: string };

/** The buffers an event carries, to transfer rather than copy. */
export function transferables(event: TrainingEvent): Transferable[] {
  const out: Transferable[] = [];
  const add = (a: Float32Array) => {
    // A view into a larger buffer would drag (and detach) the whole buffer: only transfer exact ones.
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  const addResult = (r: { readonly params: TrainedParams; readonly lossHistory: Float32Array } | undefined) => {
    if (!r) return;
    for (const p of Object.values(r.params)) add(p.data);
    add(r.lossHistory);
  };
  switch (event.type) {
    case "started":
      add(event.lossHistory);
      break;
    case "progress":
      add(event.losses);
      break;
    case "paused":
    case "stopped":
    case "finished":
      addResult(event.result);
      break;
    case "failed":
      addResult(event.result);
      break;
    case "params":
      for (const p of Object.values(event.params)) add(p.data);
      break;
    case "probed":
    case "restored":
      addResult(event.detail);
      break;
  }
  return out;
}
