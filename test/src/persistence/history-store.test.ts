import { afterEach, describe, expect, it } from "vitest";
import { AppDatabase, DB_NAME, IdbHistoryStore, IdbSheetStore, openAppDb, type HistoryRecord } from "../../../src/persistence/index.ts";
import { freshDatabase, freshFactory } from "./fake-idb.ts";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const record = (sheetId: string, fingerprint = "00000000aaaaaaaa"): HistoryRecord => ({
  sheetId,
  layout: 1,
  fingerprint,
  done: [{ kind: "set", address: "A1", before: null, after: "k = 6 * 7" }],
  undone: [],
  savedAt: 5,
});

const doc = { format: "tensorsheet", version: 1, title: "T", seed: 0, cells: [{ address: "A1", source: "k = 6 * 7" }] } as const;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** A database as version 1 of the app made it, with one record in each of its four stores. */
async function versionOneDatabase(factory: IDBFactory): Promise<void> {
  const opening = factory.open(DB_NAME, 1);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    db.createObjectStore("sheets", { keyPath: "id" }).put({ id: "s", title: "T", updatedAt: 1, document: doc });
    db.createObjectStore("checkpoints", { keyPath: "runKey" }).put({ runKey: "s:C1", step: 3 });
    const tensors = db.createObjectStore("tensors", { keyPath: ["runKey", "name"] });
    tensors.createIndex("byRun", "runKey");
    tensors.put({ runKey: "s:C1", name: "W", shape: [2], data: new Float32Array([1, 2]) });
    db.createObjectStore("datasets", { keyPath: "name" }).put({ name: "mnist", rows: 3 });
  };
  (await request(opening)).close();
}

describe("IdbHistoryStore", () => {
  it("put then get returns the record; an unknown sheet has none", async () => {
    const { db } = freshDatabase();
    open.push(db);
    const store = new IdbHistoryStore(db);
    await store.put(record("a"));
    expect(await store.get("a")).toEqual(record("a"));
    expect(await store.get("b")).toBeNull();
    await store.put(record("a", "1111111122222222"));
    expect((await store.get("a"))?.fingerprint).toBe("1111111122222222");
    await store.delete("a");
    expect(await store.get("a")).toBeNull();
  });

  it("deleting a sheet deletes its history, and only its own", async () => {
    const { db } = freshDatabase();
    open.push(db);
    const sheets = new IdbSheetStore(db);
    const histories = new IdbHistoryStore(db);
    await sheets.put({ id: "a", document: { ...doc, title: "A" } });
    await sheets.put({ id: "b", document: { ...doc, title: "B" } });
    await histories.put(record("a"));
    await histories.put(record("b"));
    await sheets.delete("a");
    expect(await sheets.get("a")).toBeNull();
    expect(await histories.get("a")).toBeNull();
    expect(await histories.get("b")).toEqual(record("b"));
  });
});

describe("upgrade from version 1 to 2", () => {
  it("adds the histories store and keeps every record of the sheets, checkpoints, tensors and datasets", async () => {
    const factory = freshFactory();
    await versionOneDatabase(factory);
    const db = await openAppDb({ factory });
    open.push(db);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(["checkpoints", "datasets", "histories", "sheets", "tensors"]);
    expect(await db.get("sheets", "s")).toEqual({ id: "s", title: "T", updatedAt: 1, document: doc });
    expect(await db.get("checkpoints", "s:C1")).toEqual({ runKey: "s:C1", step: 3 });
    expect(await db.getAllFromIndex("tensors", "byRun", "s:C1")).toEqual([{ runKey: "s:C1", name: "W", shape: [2], data: new Float32Array([1, 2]) }]);
    expect(await db.get("datasets", "mnist")).toEqual({ name: "mnist", rows: 3 });
    expect(await db.count("histories")).toBe(0);
  });

  it("a history can be kept in the upgraded database", async () => {
    const factory = freshFactory();
    await versionOneDatabase(factory);
    const db = new AppDatabase({ factory });
    open.push(db);
    await new IdbHistoryStore(db).put(record("s"));
    expect(await new IdbHistoryStore(db).get("s")).toEqual(record("s"));
  });
});
