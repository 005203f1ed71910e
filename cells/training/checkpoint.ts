import type { OptimizerState } from "../../engine/index.ts";

/** One stored tensor of a checkpoint. Large tensors are stored as their own records. */
export interface StoredTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Everything needed to continue a training run exactly where it stopped: resuming from this on
 * the same kernel variant gives the same params and loss history, bit for bit, as a run that
 * never stopped (on another variant: numerically equivalent, not bit-identical).
 */
export interface TrainingCheckpoint {
  /** Identifies the run: sheet id (or file) plus the training cell's name. */
  readonly runKey: string;
  /** A hash of the sources the run depends on; a mismatch means the sheet changed since. */
  readonly planHash: string;
  /** Completed epochs, and steps completed within the current epoch. */
  readonly epoch: number;
  readonly stepInEpoch: number;
  /** Steps completed in total (= lossHistory.length). */
  readonly step: number;
  /** Trained params by cell name. */
  readonly params: Readonly<Record<string, StoredTensor>>;
  readonly optimizer: OptimizerState;
  /** Loss of every step so far. */
  readonly lossHistory: Float32Array;
  /** Metric values after each completed epoch, by metric cell name. */
  readonly metricHistory: Readonly<Record<string, readonly number[]>>;
  /** Wall-clock milliseconds spent training so far (for samples/s and ETA). */
  readonly elapsedMs: number;
  /** When the checkpoint was written (ms since epoch). */
  readonly savedAt: number;
  /**
   * The kernels the run last stepped on (engine/kernels/variant.ts), which decide the bits of
   * every result. Absent in checkpoints written before it was recorded.
   */
  readonly kernelVariant?: string;
}

/** Where checkpoints live: IndexedDB in the browser, memory or files in Node. One call is all or nothing. */
export interface CheckpointStore {
  save(checkpoint: TrainingCheckpoint): Promise<void>;
  load(runKey: string): Promise<TrainingCheckpoint | null>;
  delete(runKey: string): Promise<void>;
  list(): Promise<string[]>;
}

/** A storage failure the user must hear about: quota, blocked upgrade, storage unavailable. */
export class CheckpointStoreError extends Error {
  override name = "CheckpointStoreError";
  constructor(
    readonly kind: "quota" | "blocked" | "unavailable" | "corrupt" | "other",
    message: string,
  ) {
    super(message);
  }
}

/** Deep copy, so a store never shares buffers with a run that keeps training. */
export function cloneCheckpoint(c: TrainingCheckpoint): TrainingCheckpoint {
  return structuredClone(c);
}
