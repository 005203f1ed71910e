// The training client's options and the records it keeps, apart so the client stays about behaviour.
import type { TrainingCheckpoint } from "../../cells/index.ts";
import type { SheetDocument } from "../../cells/index.ts";
import type { TrainedParams, TrainingCommand } from "./protocol.ts";
import type { RunMemo, RunMemoStore } from "./run-memo.ts";
import type { TrainingWorkerPort } from "./worker-link.ts";

export interface TrainingClientOptions {
  /**
   * The run paused, stopped, finished, or failed keeping its last good params: put them (and the
   * loss history) back into the sheet, e.g. with the sheet worker's `setParams`.
   */
  readonly onParams?: (params: TrainedParams, lossHistory: Float32Array, address: string, runKey: string) => void;
  /** The checkpoint of runKey was deleted: re-initialize these params in the sheet and clear the history. */
  readonly onReset?: (paramNames: readonly string[], address: string | null, runKey: string) => void;
  /** The running run's params (at most every ~2 s): put them into the sheet so the cells follow the run. */
  readonly onLiveParams?: (params: TrainedParams, address: string, runKey: string) => void;
  /** Defaults to the real training worker. */
  readonly createWorker?: () => TrainingWorkerPort;
  /** Where run memos are kept between reloads; defaults to localStorage. */
  readonly memos?: RunMemoStore;
}

/** How a start or resume wants its run. */
export interface LaunchOptions {
  /** start: from the params' initializers rather than their current values. */
  readonly fromInitial?: boolean;
  /** resume: train to this many epochs ("Train N more epochs"). */
  readonly epochs?: number;
}

/** A reset that can still be undone: the deleted checkpoint and how the run was left. */
export interface UndoableReset {
  readonly runKey: string;
  readonly address: string | null;
  readonly checkpoint: TrainingCheckpoint;
  readonly memo: RunMemo | null;
}

/** The worker's command for a start or resume with these options (absent options stay absent). */
export function launchCommand(type: "start" | "resume", runKey: string, document: SheetDocument, address: string, options: LaunchOptions): TrainingCommand {
  return type === "start"
    ? { type, runKey, document, address, ...(options.fromInitial ? { fromInitial: true } : {}) }
    : { type, runKey, document, address, ...(options.epochs === undefined ? {} : { epochs: options.epochs }) };
}
