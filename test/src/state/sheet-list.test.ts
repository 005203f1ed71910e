import { afterEach, describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { IdbSheetStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { SheetList } from "../../../src/state/sheet-list.ts";
import { freshDatabase } from "../persistence/fake-idb.ts";

const open: AppDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const doc = (title: string): SheetDocument => ({ format: "tensorsheet", version: 1, title, seed: 0, cells: [{ address: "A1", source: "x = 1" }] });

function setup(openId: string | null = null) {
  const { db } = freshDatabase();
  open.push(db);
  let clock = 1000;
  let ids = 0;
  const store = new IdbSheetStore(db, { now: () => (clock += 10), newId: () => `copy-${++ids}` });
  const events: string[] = [];
  const list = new SheetList({
    store,
    openId: () => openId,
    flushSave: async () => void events.push("flush"),
    renamedOpen: (title) => void events.push(`renamed ${title}`),
    deletedOpen: async () => void events.push("deleted open"),
  });
  return { store, list, events };
}

describe("SheetList: what the Sheets dialog does", () => {
  it("duplicates as '<title> (copy)', numbered when that title is taken, after saving the open sheet", async () => {
    const { store, list, events } = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    await list.duplicate("a");
    await list.duplicate("a");
    expect(list.sheets[0]().map((s) => s.title)).toEqual(["Alpha (copy) 2", "Alpha (copy)", "Alpha"]);
    expect((await store.get("copy-2"))!.document.title).toBe("Alpha (copy) 2");
    expect(events).toEqual(["flush", "flush"]);
  });

  it("tells the workbook when the open sheet is renamed or deleted, and only then", async () => {
    const { store, list, events } = setup("a");
    await store.put({ id: "a", document: doc("Alpha") });
    await store.put({ id: "b", document: doc("Beta") });
    await list.rename("b", "Bravo");
    await list.rename("a", "Alef");
    await list.delete("b");
    expect(events).toEqual(["renamed Alef"]);
    await list.delete("a");
    expect(events).toEqual(["renamed Alef", "deleted open"]);
    expect(list.sheets[0]()).toEqual([]);
  });
});
