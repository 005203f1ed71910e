// Training checkpoints in IndexedDB: metadata in `checkpoints`, bulk data as records of `tensors`.

import type { CheckpointStore, TrainingCheckpoint } from "../../cells/index.ts";
import { assembleCheckpoint, referencedTensors, splitCheckpoint } from "./checkpoint-records.ts";
import type { DatabaseHandle } from "./db.ts";
import type { TensorRow } from "./schema.ts";
import { inTransaction, observe } from "./transaction.ts";

const of = (runKey: string): string => `the checkpoint of "${runKey}"`;

export class IdbCheckpointStore implements CheckpointStore {
  constructor(private readonly db: DatabaseHandle) {}

  /**
   * Writes the checkpoint in one strict-durability transaction, replacing the run's previous one
   * and dropping its tensor records that are no longer referenced. All or nothing: on failure
   * the previous checkpoint stays intact. The data is copied before the first await, so the
   * caller may keep changing its buffers as soon as save() has been called.
   */
  async save(checkpoint: TrainingCheckpoint): Promise<void> {
    const { meta, tensors } = splitCheckpoint(checkpoint);
    const runKey = meta.runKey;
    const context = {
      verb: "save",
      what: `${of(runKey)} at step ${meta.step}`,
      kept: "the previous checkpoint is kept",
    };
    await inTransaction(
      this.db,
      ["checkpoints", "tensors"],
      "readwrite",
      context,
      async (tx) => {
        const store = tx.objectStore("tensors");
        const existing = observe(store.index("byRun").getAllKeys(runKey));
        const writes: Promise<unknown>[] = tensors.map((row) => observe(store.put(row)));
        writes.push(observe(tx.objectStore("checkpoints").put(meta)));
        const keep = new Set(tensors.map((row) => row.name));
        const stale = (await existing).filter(([, name]) => !keep.has(name));
        await Promise.all([...writes, ...stale.map((key) => observe(store.delete(key)))]);
      },
      { durability: "strict" },
    );
  }

  async load(runKey: string): Promise<TrainingCheckpoint | null> {
    return inTransaction(this.db, ["checkpoints", "tensors"], "readonly", { verb: "load", what: of(runKey) }, async (tx) => {
      const meta = await tx.objectStore("checkpoints").get(runKey);
      if (meta === undefined) return null;
      const store = tx.objectStore("tensors");
      const names = [...new Set(referencedTensors(meta).map(({ ref }) => ref.tensor))];
      const rows = await Promise.all(names.map((name) => observe(store.get([runKey, name]))));
      const byName = new Map<string, TensorRow>();
      for (const row of rows) if (row !== undefined) byName.set(row.name, row);
      return assembleCheckpoint(meta, (name) => byName.get(name));
    });
  }

  /** Deletes the checkpoint and all its tensor records in one transaction. */
  async delete(runKey: string): Promise<void> {
    await inTransaction(this.db, ["checkpoints", "tensors"], "readwrite", { verb: "delete", what: of(runKey) }, async (tx) => {
      const store = tx.objectStore("tensors");
      const removed = observe(tx.objectStore("checkpoints").delete(runKey));
      const keys = await observe(store.index("byRun").getAllKeys(runKey));
      await Promise.all([removed, ...keys.map((key) => observe(store.delete(key)))]);
    });
  }

  async list(): Promise<string[]> {
    return inTransaction(this.db, ["checkpoints"], "readonly", { verb: "list", what: "the saved checkpoints" }, (tx) =>
      tx.objectStore("checkpoints").getAllKeys(),
    );
  }
}
