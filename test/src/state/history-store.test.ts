import { afterEach, describe, expect, it, vi } from "vitest";
import type { HistoryRecord } from "../../../src/persistence/index.ts";
import { EditHistory, type Edit } from "../../../src/state/history.ts";
import { cellsFingerprint, HistoryKeeper, KEPT_EDITS, type HistoryRecords } from "../../../src/state/history-store.ts";

afterEach(() => vi.restoreAllMocks());

/** Records in a Map, as IndexedDB would keep them (structured clones). */
function memoryRecords(): HistoryRecords & { readonly map: Map<string, HistoryRecord> } {
  const map = new Map<string, HistoryRecord>();
  return {
    map,
    get: (id) => Promise.resolve(map.has(id) ? structuredClone(map.get(id)!) : null),
    put: (record) => (map.set(record.sheetId, structuredClone(record)), Promise.resolve()),
  };
}

const set = (address: string, before: string | null, after: string | null): Edit => ({ kind: "set", address, before, after });
const rename: Edit = {
  kind: "compound",
  focus: "A1",
  label: "Renamed lr to rate in 2 cells",
  edits: [set("A1", "lr = 0.1", "rate = 0.1") as never, set("B1", "y = lr * 2", "y = rate * 2") as never],
};
const cells = [
  { address: "A1", source: "rate = 0.1" },
  { address: "B1", source: "y = rate * 2" },
];

describe("HistoryKeeper", () => {
  it("round trip: the undo and redo stacks come back as they were, and undo then undoes the last edit", async () => {
    const records = memoryRecords();
    const history = new EditHistory();
    history.record(set("C1", null, "k = 6 * 7"));
    history.record(set("C1", "k = 6 * 7", null));
    history.undo(); // C1 is "k = 6 * 7" again; the clear can be redone
    history.record(rename);
    await new HistoryKeeper(records, () => 77).save("s1", history.stacks(), [...cells, { address: "C1", source: "k = 6 * 7" }]);
    expect(records.map.get("s1")?.savedAt).toBe(77);

    const restored = new EditHistory();
    const stacks = await new HistoryKeeper(records).load("s1", [{ address: "C1", source: "k = 6 * 7" }, ...cells]);
    restored.restore(stacks!);
    expect(restored.stacks()).toEqual({ done: [set("C1", null, "k = 6 * 7"), rename], undone: [] });
    expect(restored.undo()).toEqual({ ...rename, edits: [set("B1", "y = rate * 2", "y = lr * 2"), set("A1", "rate = 0.1", "lr = 0.1")] });
    expect(restored.redo()).toEqual(rename);
  });

  it("keeps the redo stack too", async () => {
    const records = memoryRecords();
    const history = new EditHistory();
    history.record(set("A1", null, "a = 1"));
    history.undo();
    await new HistoryKeeper(records).save("s1", history.stacks(), []);
    expect(await new HistoryKeeper(records).load("s1", [])).toEqual({ done: [], undone: [set("A1", null, "a = 1")] });
  });

  it(`caps what it keeps at the newest ${KEPT_EDITS} edits, dropping the oldest`, async () => {
    const records = memoryRecords();
    const history = new EditHistory();
    for (let i = 1; i <= 250; i++) history.record(set("A1", i === 1 ? null : `a = ${i - 1}`, `a = ${i}`));
    await new HistoryKeeper(records).save("s1", history.stacks(), [{ address: "A1", source: "a = 250" }]);
    const kept = records.map.get("s1")!;
    expect(kept.done).toHaveLength(200);
    expect(kept.done[0]).toEqual(set("A1", "a = 50", "a = 51"));
    expect(kept.done[199]).toEqual(set("A1", "a = 249", "a = 250"));
  });

  it("an unknown sheet has an empty history", async () => {
    expect(await new HistoryKeeper(memoryRecords()).load("nope", cells)).toBeNull();
  });

  it("drops a history that does not lead to the sheet's cells (the file was replaced), saying so only in console.info", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const records = memoryRecords();
    await new HistoryKeeper(records).save("s1", { done: [rename], undone: [] }, cells);
    const replaced = [{ address: "A1", source: "lr = 0.5" }];
    expect(await new HistoryKeeper(records).load("s1", replaced)).toBeNull();
    expect(info.mock.calls).toEqual([["The kept undo history of this sheet was dropped: the sheet was changed without it."]]);
  });

  it.each<[string, unknown]>([
    ["an edit of an unknown kind", { done: [{ kind: "paint", address: "A1" }], undone: [] }],
    ["a set whose address is not a cell", { done: [{ kind: "set", address: "../A1", before: null, after: "x = 1" }], undone: [] }],
    ["a set whose source is a number", { done: [{ kind: "set", address: "A1", before: null, after: 5 }], undone: [] }],
    ["a compound without a focus", { done: [{ kind: "compound", edits: [] }], undone: [] }],
    ["stacks that are not lists", { done: "A1", undone: [] }],
  ])("drops a damaged history: %s", async (_what, stacks) => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const records = memoryRecords();
    const record = { sheetId: "s1", layout: 1, fingerprint: cellsFingerprint(cells), savedAt: 1, ...(stacks as object) } as HistoryRecord;
    records.map.set("s1", record);
    expect(await new HistoryKeeper(records).load("s1", cells)).toBeNull();
    expect(info.mock.calls).toEqual([["The kept undo history of this sheet was dropped: it is damaged."]]);
  });

  it("drops a record of another layout", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const records = memoryRecords();
    records.map.set("s1", { sheetId: "s1", layout: 2, fingerprint: cellsFingerprint(cells), done: [], undone: [], savedAt: 1 } as unknown as HistoryRecord);
    expect(await new HistoryKeeper(records).load("s1", cells)).toBeNull();
    expect(info.mock.calls).toEqual([["The kept undo history of this sheet was dropped: it is not a history this version keeps."]]);
  });

  it("a failed read or write costs only the history: no throw, a console.info", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const broken: HistoryRecords = { get: () => Promise.reject(new Error("disk gone")), put: () => Promise.reject(new Error("quota")) };
    const keeper = new HistoryKeeper(broken);
    await keeper.save("s1", { done: [rename], undone: [] }, cells);
    expect(await keeper.load("s1", cells)).toBeNull();
    expect(info.mock.calls).toEqual([["The undo history was not kept: quota"], ["The undo history could not be read, so it starts empty: disk gone"]]);
  });

  it("writes in the order of the saves, and a load waits for the writes before it", async () => {
    const records = memoryRecords();
    const order: number[] = [];
    const slow: HistoryRecords = {
      get: records.get,
      put: async (r) => {
        if (r.done.length === 1) await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(r.done.length);
        return records.put(r);
      },
    };
    const keeper = new HistoryKeeper(slow);
    void keeper.save("s1", { done: [set("A1", null, "a = 1")], undone: [] }, [{ address: "A1", source: "a = 1" }]);
    void keeper.save("s1", { done: [set("A1", null, "a = 1"), set("A1", "a = 1", "a = 2")], undone: [] }, [{ address: "A1", source: "a = 2" }]);
    expect((await keeper.load("s1", [{ address: "A1", source: "a = 2" }]))?.done).toHaveLength(2);
    expect(order).toEqual([1, 2]);
  });
});

describe("EditHistory stacks", () => {
  it("restore keeps at most the history's own limit of undos, the newest", () => {
    const history = new EditHistory(2);
    history.restore({ done: [set("A1", null, "a = 1"), set("A1", "a = 1", "a = 2"), set("A1", "a = 2", "a = 3")], undone: [] });
    expect(history.stacks().done).toEqual([set("A1", "a = 1", "a = 2"), set("A1", "a = 2", "a = 3")]);
    expect(history.canRedo).toBe(false);
  });
});
