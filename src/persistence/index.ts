// Browser persistence: the IndexedDB app database, checkpoints and autosaved sheets.

export { AppDatabase, openAppDb, type DatabaseHandle, type OpenAppDbOptions } from "./db.ts";
export { IdbCheckpointStore } from "./checkpoint-store.ts";
export { IdbSheetStore, randomId, type SheetStoreOptions, type SheetSummary } from "./sheet-store.ts";
export {
  DB_NAME,
  DB_VERSION,
  upgradeSchema,
  type AppDb,
  type CheckpointMetaRecord,
  type DatasetRecord,
  type HistoryRecord,
  type SheetRecord,
  type TensorRef,
  type TensorRow,
  type TensorsheetDB,
} from "./schema.ts";
export { isQuotaError, toStoreError, type FailureContext } from "./errors.ts";
export { inTransaction, observe, type TransactionOptions } from "./transaction.ts";
export { CheckpointStoreError } from "../../cells/index.ts";
export { IdbDatasetStore, type StoredDataset } from "./dataset-store.ts";
export { IdbHistoryStore } from "./history-store.ts";
