import { cloneCheckpoint, type CheckpointStore, type TrainingCheckpoint } from "./checkpoint.ts";

/** Checkpoints in memory, for tests. */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly items = new Map<string, TrainingCheckpoint>();

  async save(checkpoint: TrainingCheckpoint): Promise<void> {
    this.items.set(checkpoint.runKey, cloneCheckpoint(checkpoint));
  }

  async load(runKey: string): Promise<TrainingCheckpoint | null> {
    const c = this.items.get(runKey);
    return c === undefined ? null : cloneCheckpoint(c);
  }

  async delete(runKey: string): Promise<void> {
    this.items.delete(runKey);
  }

  async list(): Promise<string[]> {
    return [...this.items.keys()];
  }
}
