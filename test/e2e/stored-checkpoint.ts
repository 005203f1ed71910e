// The training checkpoints as IndexedDB holds them, read inside the page in one readonly
// transaction: a checkpoint's step and its histories come from the same record, so a test compares
// them with each other instead of racing the training panel, which may lag or run ahead of them.
import type { Page } from "playwright-core";
import { DB_NAME } from "../../src/persistence/schema.ts";

/** What a test checks of one stored checkpoint (see CheckpointMetaRecord in src/persistence/schema.ts). */
export interface StoredCheckpoint {
  readonly runKey: string;
  readonly step: number;
  /** Completed epochs, and steps completed within the current one. */
  readonly epoch: number;
  readonly stepInEpoch: number;
  /** How many losses its loss-history tensor record holds (null when the record is missing). */
  readonly losses: number | null;
  readonly metricHistory: Record<string, number[]>;
}

/**
 * Every stored checkpoint. Never creates the database: if it does not exist yet, the open's upgrade
 * is aborted (an empty database at the app's version would have no stores) and the answer is [].
 */
export function storedCheckpoints(page: Page): Promise<StoredCheckpoint[]> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => (open.error?.name === "AbortError" ? resolve(null) : reject(open.error));
    });
    if (db === null || !db.objectStoreNames.contains("checkpoints")) {
      db?.close();
      return [];
    }
    try {
      const tx = db.transaction(["checkpoints", "tensors"], "readonly");
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      type Meta = {
        runKey: string;
        step: number;
        epoch: number;
        stepInEpoch: number;
        lossHistory: { tensor: string };
        metricHistory: Record<string, number[]>;
      };
      const metas = await request(tx.objectStore("checkpoints").getAll() as IDBRequest<Meta[]>);
      const tensors = tx.objectStore("tensors");
      return await Promise.all(
        metas.map(async (m) => {
          const row = (await request(tensors.get([m.runKey, m.lossHistory.tensor]))) as { data?: Float32Array } | undefined;
          return {
            runKey: m.runKey,
            step: m.step,
            epoch: m.epoch,
            stepInEpoch: m.stepInEpoch,
            losses: row?.data?.length ?? null,
            metricHistory: m.metricHistory,
          };
        }),
      );
    } finally {
      db.close();
    }
  }, DB_NAME);
}

/** The stored checkpoint of the run whose key ends in `:${cellName}`; null when there is none. */
export async function storedCheckpointOf(page: Page, cellName: string): Promise<StoredCheckpoint | null> {
  const mine = (await storedCheckpoints(page)).filter((c) => c.runKey.endsWith(`:${cellName}`));
  if (mine.length > 1) throw new Error(`more than one stored checkpoint for ${cellName}: ${mine.map((c) => c.runKey).join(", ")}`);
  return mine[0] ?? null;
}
