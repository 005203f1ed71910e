// The saved sheets as IndexedDB holds them, read inside the page: what the Sheets dialog must list
// once it has refreshed, so a test waits for that instead of for an amount of time.
import type { Page } from "playwright-core";
import { DB_NAME } from "../../src/persistence/schema.ts";

/**
 * The saved sheets' titles in the order the Sheets dialog lists them (newest first, as
 * IdbSheetStore.list sorts). Never creates the database: if it does not exist yet, [].
 */
export function storedSheetTitles(page: Page): Promise<string[]> {
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
      const all = await new Promise<{ id: string; title: string; updatedAt: number }[]>((resolve, reject) => {
        const r = db.transaction("sheets", "readonly").objectStore("sheets").getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      return all.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id)).map((s) => s.title);
    } finally {
      db.close();
    }
  }, DB_NAME);
}
