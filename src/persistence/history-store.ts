// Each sheet's undo history in IndexedDB, one record per sheet, so undo works after a reload.
// The records are stored as given; src/state/history-store.ts decides what goes in and what is trusted.

import type { DatabaseHandle } from "./db.ts";
import type { HistoryRecord } from "./schema.ts";
import { inTransaction } from "./transaction.ts";

const history = (sheetId: string): string => `the undo history of the sheet "${sheetId}"`;

export class IdbHistoryStore {
  constructor(private readonly db: DatabaseHandle) {}

  async get(sheetId: string): Promise<HistoryRecord | null> {
    const record = await inTransaction(this.db, ["histories"], "readonly", { verb: "load", what: history(sheetId) }, (tx) =>
      tx.objectStore("histories").get(sheetId),
    );
    return record ?? null;
  }

  /** Replaces the sheet's history. Relaxed durability: losing the last edit's undo in a crash is acceptable. */
  async put(record: HistoryRecord): Promise<void> {
    await inTransaction(this.db, ["histories"], "readwrite", { verb: "save", what: history(record.sheetId) }, async (tx) => {
      await tx.objectStore("histories").put(record);
    });
  }

  async delete(sheetId: string): Promise<void> {
    await inTransaction(this.db, ["histories"], "readwrite", { verb: "delete", what: history(sheetId) }, (tx) =>
      tx.objectStore("histories").delete(sheetId),
    );
  }
}
