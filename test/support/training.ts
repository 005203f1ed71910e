import type { TrainingCheckpoint } from "../../cells/training/checkpoint.ts";

/** What a store round trip does to a checkpoint: a deep structured clone. */
export function structuredCloneCheckpoint(c: TrainingCheckpoint): TrainingCheckpoint {
  return structuredClone(c);
}
