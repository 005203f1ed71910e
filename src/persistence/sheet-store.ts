// Autosaved sheets in IndexedDB: one record per sheet, one transaction per call.

import type { SheetDocument } from "../../cells/index.ts";
import type { DatabaseHandle } from "./db.ts";
import type { SheetRecord } from "./schema.ts";
import { inTransaction, observe } from "./transaction.ts";

export type { SheetRecord } from "./schema.ts";

/** What a sheet list shows. */
export interface SheetSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

export interface SheetStoreOptions {
  /** Clock for `updatedAt` (ms since epoch); Date.now by default. */
  readonly now?: () => number;
  /** Id for duplicates; a random UUID by default. */
  readonly newId?: () => string;
}

/** A new sheet id: a random UUID (also outside secure contexts). */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A record whose title and document.title agree. */
function withTitle(id: string, document: SheetDocument, title: string, updatedAt: number): SheetRecord {
  return { id, title, updatedAt, document: document.title === title ? document : { ...document, title } };
}

const sheet = (id: string): string => `the sheet "${id}"`;
const KEPT = "the last saved version is kept";

export class IdbSheetStore {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly db: DatabaseHandle,
    options: SheetStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomId;
  }

  /** All sheets, most recently updated first. */
  async list(): Promise<SheetSummary[]> {
    const all = await inTransaction(this.db, ["sheets"], "readonly", { verb: "list", what: "the saved sheets" }, (tx) =>
      tx.objectStore("sheets").getAll(),
    );
    return all
      .map(({ id, title, updatedAt }) => ({ id, title, updatedAt }))
      .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<SheetRecord | null> {
    const record = await inTransaction(this.db, ["sheets"], "readonly", { verb: "load", what: sheet(id) }, (tx) =>
      tx.objectStore("sheets").get(id),
    );
    return record ?? null;
  }

  /**
   * Saves (creates or replaces) a sheet with strict durability and returns the stored record.
   * The title is the document's unless given (then the document's title is set to it too).
   */
  async put(input: { readonly id: string; readonly document: SheetDocument; readonly title?: string }): Promise<SheetRecord> {
    const record = withTitle(input.id, input.document, input.title ?? input.document.title, this.now());
    await inTransaction(
      this.db,
      ["sheets"],
      "readwrite",
      { verb: "save", what: sheet(input.id), kept: KEPT },
      async (tx) => {
        await tx.objectStore("sheets").put(record);
      },
      { durability: "strict" },
    );
    return record;
  }

  /** Deletes the sheet and its undo history together. */
  async delete(id: string): Promise<void> {
    await inTransaction(this.db, ["sheets", "histories"], "readwrite", { verb: "delete", what: sheet(id) }, (tx) =>
      Promise.all([observe(tx.objectStore("sheets").delete(id)), observe(tx.objectStore("histories").delete(id))]),
    );
  }

  /** Sets the title (of the record and its document); null if there is no such sheet. */
  async rename(id: string, title: string): Promise<SheetRecord | null> {
    return inTransaction(
      this.db,
      ["sheets"],
      "readwrite",
      { verb: "rename", what: sheet(id), kept: KEPT },
      async (tx) => {
        const store = tx.objectStore("sheets");
        const old = await store.get(id);
        if (old === undefined) return null;
        const record = withTitle(id, old.document, title, this.now());
        await store.put(record);
        return record;
      },
      { durability: "strict" },
    );
  }

  /** Copies a sheet under a new id (and by default the title "<title> (copy)"); null if there is no such sheet. */
  async duplicate(id: string, options: { readonly id?: string; readonly title?: string } = {}): Promise<SheetRecord | null> {
    const newId = options.id ?? this.newId();
    return inTransaction(
      this.db,
      ["sheets"],
      "readwrite",
      { verb: "duplicate", what: sheet(id) },
      async (tx) => {
        const store = tx.objectStore("sheets");
        const old = await store.get(id);
        if (old === undefined) return null;
        const record = withTitle(newId, old.document, options.title ?? `${old.title} (copy)`, this.now());
        // add, not put: never overwrite an existing sheet by accident.
        await store.add(record);
        return record;
      },
      { durability: "strict" },
    );
  }
}
