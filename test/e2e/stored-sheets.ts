// The saved sheets as IndexedDB holds them, read inside the page: what the Sheets dialog must list
// once it has refreshed, so a test waits for that instead of for an amount of time.
import type { Page } from "playwright-core";
import { DB_NAME } from "../../src/persistence/schema.ts";

/** A saved sheet as IndexedDB holds it: what a test checks of it. */
export interface StoredSheet {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  /** Its cells' sources by address. */
  readonly sources: Record<string, string>;
}

/**
 * Every saved sheet, newest first (as IdbSheetStore.list sorts), read in one transaction. Never
 * creates the database: if it does not exist yet, [].
 */
export function storedSheets(page: Page): Promise<StoredSheet[]> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => (open.error?.name === "AbortError" ? resolve(null) : reject(open.error));
    });
    if (db === null || !db.objectStoreNames.contains("sheets")) {
      db?.close();
      return [];
    }
    try {
      type Row = { id: string; title: string; updatedAt: number; document: { cells: { address: string; source: string }[] } };
      const all = await new Promise<Row[]>((resolve, reject) => {
        const r = db.transaction("sheets", "readonly").objectStore("sheets").getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      return all
        .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id))
        .map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt, sources: Object.fromEntries(s.document.cells.map((c) => [c.address, c.source])) }));
    } finally {
      db.close();
    }
  }, DB_NAME);
}

/** The saved sheets' titles in the order the Sheets dialog lists them (newest first). */
export async function storedSheetTitles(page: Page): Promise<string[]> {
  return (await storedSheets(page)).map((s) => s.title);
}
