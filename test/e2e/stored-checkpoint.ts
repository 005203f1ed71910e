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

/**
 * What makes a stored checkpoint the state it is, bit for bit: a hash of the bytes of every param,
 * optimizer slot and the loss history, with the step, the optimizer's iteration count and the
 * metric history. Two runs that end alike have equal fingerprints; elapsed and saved times are left out.
 */
export interface CheckpointFingerprint {
  readonly step: number;
  readonly iterations: number;
  /** FNV-1a of each tensor's bytes, by param name, by "slot i.j", and "loss history". */
  readonly tensors: Record<string, string>;
  readonly lastLoss: number | null;
  readonly metricHistory: Record<string, number[]>;
}

/** The fingerprint of the stored checkpoint of the run whose key ends in `:${cellName}`; null when there is none. */
export function storedCheckpointFingerprint(page: Page, cellName: string): Promise<CheckpointFingerprint | null> {
  return page.evaluate(
    async ({ dbName, suffix }) => {
      // As storedCheckpoints: never create the database.
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => (open.error?.name === "AbortError" ? resolve(null) : reject(open.error));
      });
      if (db === null || !db.objectStoreNames.contains("checkpoints")) {
        db?.close();
        return null;
      }
      try {
        const tx = db.transaction(["checkpoints", "tensors"], "readonly");
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
        type Ref = { tensor: string };
        type Meta = { runKey: string; step: number; params: Record<string, Ref>; optimizer: { iterations: number; slots: Ref[][] }; lossHistory: Ref; metricHistory: Record<string, number[]> };
        const meta = (await request(tx.objectStore("checkpoints").getAll() as IDBRequest<Meta[]>)).find((m) => m.runKey.endsWith(suffix));
        if (!meta) return null;
        const refs: [string, Ref][] = [...Object.entries(meta.params), ...meta.optimizer.slots.flatMap((slots, i) => slots.map((r, j): [string, Ref] => [`slot ${i}.${j}`, r])), ["loss history", meta.lossHistory]];
        const data = new Map<string, Float32Array>();
        for (const [label, ref] of refs) {
          const row = (await request(tx.objectStore("tensors").get([meta.runKey, ref.tensor]))) as { data: Float32Array } | undefined;
          if (!row) throw new Error(`checkpoint ${meta.runKey} has no tensor ${ref.tensor}`);
          data.set(label, row.data);
        }
        const fnv1a = (values: Float32Array): string => {
          const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
          let h = 0x811c9dc5;
          for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
          return `${values.length}:${h.toString(16).padStart(8, "0")}`;
        };
        const losses = data.get("loss history")!;
        return {
          step: meta.step,
          iterations: meta.optimizer.iterations,
          tensors: Object.fromEntries([...data].map(([label, values]) => [label, fnv1a(values)])),
          lastLoss: losses.length > 0 ? losses[losses.length - 1]! : null,
          metricHistory: meta.metricHistory,
        };
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, suffix: `:${cellName}` },
  );
}
