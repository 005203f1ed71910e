// Datasets the user loaded (IDX or .npy files), stored by name so cells can read them with
// dataset("name") after a reload.

import type { DatabaseHandle } from "./db.ts";
import { inTransaction } from "./transaction.ts";

export interface StoredDataset {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
  /** The file it came from, for the user's reference. */
  readonly filename: string;
  readonly addedAt: number;
}

export class IdbDatasetStore {
  constructor(private readonly db: DatabaseHandle) {}

  async list(): Promise<StoredDataset[]> {
    const all = await inTransaction(this.db, ["datasets"], "readonly", { verb: "list", what: "the loaded datasets" }, (tx) =>
      tx.objectStore("datasets").getAll(),
    );
    return all as unknown as StoredDataset[];
  }

  async put(dataset: StoredDataset): Promise<void> {
    await inTransaction(
      this.db,
      ["datasets"],
      "readwrite",
      { verb: "save", what: `the dataset "${dataset.name}"` },
      (tx) => tx.objectStore("datasets").put({ ...dataset }),
      { durability: "strict" },
    );
  }

  async delete(name: string): Promise<void> {
    await inTransaction(this.db, ["datasets"], "readwrite", { verb: "delete", what: `the dataset "${name}"` }, (tx) =>
      tx.objectStore("datasets").delete(name),
    );
  }
}
