// The app database's schema: store names, record types and the upgrade function.
// Bump DB_VERSION and add an `if (oldVersion < N)` step to upgradeSchema for every change.

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from "idb";
import type { OptimizerKind, ResolvedOptimizerConfig, SheetDocument } from "../../cells/index.ts";

export const DB_NAME = "tensorsheet";
export const DB_VERSION = 2;

/** An autosaved sheet. */
export interface SheetRecord {
  readonly id: string;
  readonly title: string;
  /** ms since epoch of the last put/rename. */
  readonly updatedAt: number;
  readonly document: SheetDocument;
}

/** Where one tensor of a checkpoint lives: the `name` of its record in `tensors`, plus its shape. */
export interface TensorRef {
  readonly tensor: string;
  readonly shape: readonly number[];
}

/**
 * A checkpoint without its bulk data. Param values, optimizer slot buffers and the loss history
 * are records of the `tensors` store, referenced by name.
 */
export interface CheckpointMetaRecord {
  /** Layout of this record; bump if it changes so old records can be migrated or refused. */
  readonly layout: 1;
  readonly runKey: string;
  readonly planHash: string;
  readonly epoch: number;
  readonly stepInEpoch: number;
  readonly step: number;
  readonly params: Readonly<Record<string, TensorRef>>;
  readonly optimizer: {
    readonly kind: OptimizerKind;
    readonly config: ResolvedOptimizerConfig;
    readonly iterations: number;
    /** slots[i][j] = slot j of param i, as in OptimizerState.slots. */
    readonly slots: readonly (readonly TensorRef[])[];
  };
  readonly lossHistory: TensorRef;
  readonly metricHistory: Readonly<Record<string, readonly number[]>>;
  readonly elapsedMs: number;
  readonly savedAt: number;
  /** The kernels that computed it (see engine/kernels/variant.ts); absent in records saved before it was kept. */
  readonly kernelVariant?: string;
}

/** One tensor of a checkpoint; key [runKey, name]. `data` is stored by structured clone, not JSON. */
export interface TensorRow {
  readonly runKey: string;
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A user-loaded dataset (not used yet; the store exists so adding it later needs no upgrade). */
export interface DatasetRecord {
  readonly name: string;
  readonly [field: string]: unknown;
}

/**
 * A sheet's undo and redo stacks, kept so undo works after a reload; key `sheetId`. The edits are
 * stored as the page had them (see src/state/history.ts); the state layer checks them on reading,
 * since a record may be older than, or not match, the sheet it names.
 */
export interface HistoryRecord {
  readonly sheetId: string;
  /** Layout of this record; bump if it changes so old records are dropped, not misread. */
  readonly layout: 1;
  /** sheetFingerprint of the cells once the last edit was applied: the sheet this history leads to. */
  readonly fingerprint: string;
  readonly done: readonly unknown[];
  readonly undone: readonly unknown[];
  readonly savedAt: number;
}

export interface TensorsheetDB extends DBSchema {
  sheets: { key: string; value: SheetRecord };
  checkpoints: { key: string; value: CheckpointMetaRecord };
  tensors: { key: [string, string]; value: TensorRow; indexes: { byRun: string } };
  datasets: { key: string; value: DatasetRecord };
  histories: { key: string; value: HistoryRecord };
}

export type AppDb = IDBPDatabase<TensorsheetDB>;

/** Creates or migrates the stores; runs inside the versionchange transaction. */
export function upgradeSchema(
  db: AppDb,
  oldVersion: number,
  newVersion: number | null,
  _tx: IDBPTransaction<TensorsheetDB, StoreNames<TensorsheetDB>[], "versionchange">,
): void {
  if (oldVersion < 1) {
    db.createObjectStore("sheets", { keyPath: "id" });
    db.createObjectStore("checkpoints", { keyPath: "runKey" });
    const tensors = db.createObjectStore("tensors", { keyPath: ["runKey", "name"] });
    tensors.createIndex("byRun", "runKey");
    db.createObjectStore("datasets", { keyPath: "name" });
  }
  // Each step only up to the version asked for, so an older version's database is what it was.
  const upTo = newVersion ?? DB_VERSION;
  if (oldVersion < 2 && upTo >= 2) {
    // A store of its own: sheet records are written on every save and stay as they were.
    db.createObjectStore("histories", { keyPath: "sheetId" });
  }
}
