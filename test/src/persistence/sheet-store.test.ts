import { afterEach, describe, expect, it, vi } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { CheckpointStoreError, IdbSheetStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { FakeDatabase, FakeObjectStore, freshDatabase } from "./fake-idb.ts";

const open: AppDatabase[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

function setup(): IdbSheetStore {
  const { db } = freshDatabase();
  open.push(db);
  let clock = 1000;
  let ids = 0;
  return new IdbSheetStore(db, { now: () => (clock += 10), newId: () => `new-${++ids}` });
}

function doc(title: string, extra: Partial<SheetDocument> = {}): SheetDocument {
  return {
    format: "tensorsheet",
    version: 1,
    title,
    seed: 42,
    cells: [
      { address: "A1", source: "x = [1, 2, 3]" },
      { address: "A2", source: "y = sum(x * x)", note: "objective" },
    ],
    tensors: { w: { dtype: "float32", shape: [2], data: "AACAPwAAAEA=" } },
    layout: { widths: { A: 120 } },
    ...extra,
  };
}

describe("IdbSheetStore", () => {
  it("put then get returns the record; get of an unknown id is null", async () => {
    const store = setup();
    const saved = await store.put({ id: "a", document: doc("Alpha") });
    expect(saved).toEqual({ id: "a", title: "Alpha", updatedAt: 1010, document: doc("Alpha") });
    expect(await store.get("a")).toEqual(saved);
    expect(await store.get("missing")).toBeNull();
  });

  it("put replaces and bumps updatedAt; a given title is written into the document too", async () => {
    const store = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    const again = await store.put({ id: "a", document: doc("Alpha", { seed: 7 }), title: "Alpha 2" });
    expect(again.updatedAt).toBe(1020);
    expect(await store.get("a")).toEqual({ id: "a", title: "Alpha 2", updatedAt: 1020, document: doc("Alpha 2", { seed: 7 }) });
  });

  it("put uses strict durability", async () => {
    const store = setup();
    await store.list();
    const spy = vi.spyOn(FakeDatabase.prototype, "transaction");
    await store.put({ id: "a", document: doc("Alpha") });
    expect(spy.mock.calls).toEqual([[["sheets"], "readwrite", { durability: "strict" }]]);
  });

  it("list gives summaries, most recently updated first", async () => {
    const store = setup();
    expect(await store.list()).toEqual([]);
    await store.put({ id: "a", document: doc("Alpha") });
    await store.put({ id: "b", document: doc("Beta") });
    await store.put({ id: "c", document: doc("Gamma") });
    await store.put({ id: "a", document: doc("Alpha") });
    expect(await store.list()).toEqual([
      { id: "a", title: "Alpha", updatedAt: 1040 },
      { id: "c", title: "Gamma", updatedAt: 1030 },
      { id: "b", title: "Beta", updatedAt: 1020 },
    ]);
  });

  it("rename changes the record's and the document's title", async () => {
    const store = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    const renamed = await store.rename("a", "Renamed");
    expect(renamed).toEqual({ id: "a", title: "Renamed", updatedAt: 1020, document: doc("Renamed") });
    expect(await store.get("a")).toEqual(renamed);
    expect(await store.rename("missing", "x")).toBeNull();
    expect(await store.list()).toHaveLength(1);
  });

  it("duplicate copies under a new id and a '(copy)' title, leaving the original alone", async () => {
    const store = setup();
    const original = await store.put({ id: "a", document: doc("Alpha") });
    const copy = await store.duplicate("a");
    expect(copy).toEqual({ id: "new-1", title: "Alpha (copy)", updatedAt: 1020, document: doc("Alpha (copy)") });
    expect(await store.get("new-1")).toEqual(copy);
    expect(await store.get("a")).toEqual(original);
    expect(await store.duplicate("a", { id: "b", title: "Beta" })).toMatchObject({ id: "b", title: "Beta", document: { title: "Beta" } });
    expect(await store.duplicate("missing")).toBeNull();
  });

  it("duplicate never overwrites an existing sheet", async () => {
    const store = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    await store.put({ id: "b", document: doc("Beta") });
    const err = await store.duplicate("a", { id: "b" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointStoreError);
    expect((err as CheckpointStoreError).kind).toBe("other");
    expect((await store.get("b"))?.title).toBe("Beta");
  });

  it("delete removes the sheet (and deleting a missing one is fine)", async () => {
    const store = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    await store.put({ id: "b", document: doc("Beta") });
    await store.delete("a");
    await store.delete("a");
    expect(await store.get("a")).toBeNull();
    expect((await store.list()).map((s) => s.id)).toEqual(["b"]);
  });

  it("a put failing with QuotaExceededError rejects with kind 'quota' and keeps the last saved version", async () => {
    const store = setup();
    await store.put({ id: "a", document: doc("Alpha") });
    vi.spyOn(FakeObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    await expect(store.put({ id: "a", document: doc("Alpha", { seed: 1 }) })).rejects.toMatchObject({
      kind: "quota",
      message: expect.stringMatching(/^Storage is full: the sheet "a" could not be saved; the last saved version is kept/),
    });
    vi.restoreAllMocks();
    expect((await store.get("a"))?.document.seed).toBe(42);
  });

  it("reports storage being unavailable", async () => {
    const store = new IdbSheetStore({ connection: () => Promise.reject(new CheckpointStoreError("unavailable", "no storage")) });
    await expect(store.list()).rejects.toMatchObject({ kind: "unavailable" });
  });
});
