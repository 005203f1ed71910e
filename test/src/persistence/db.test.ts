import { unwrap } from "idb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppDatabase, CheckpointStoreError, DB_NAME, DB_VERSION, openAppDb, type AppDb } from "../../../src/persistence/index.ts";
import { forceCloseDatabase, freshFactory } from "./fake-idb.ts";

const toClose: { close(): void }[] = [];
afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
});

async function rejection(p: Promise<unknown>): Promise<CheckpointStoreError> {
  const e = await p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(CheckpointStoreError);
  return e as CheckpointStoreError;
}

/** A raw connection, as an older tab that ignores `versionchange` would hold it. */
function holdRaw(factory: IDBFactory, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe("openAppDb", () => {
  it("creates the schema: sheets, checkpoints, tensors, datasets, histories", async () => {
    const db = await openAppDb({ factory: freshFactory() });
    toClose.push(db);
    expect(db.name).toBe(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(["checkpoints", "datasets", "histories", "sheets", "tensors"]);
    const tx = db.transaction(["sheets", "checkpoints", "tensors", "datasets", "histories"]);
    expect(tx.objectStore("sheets").keyPath).toBe("id");
    expect(tx.objectStore("checkpoints").keyPath).toBe("runKey");
    expect(tx.objectStore("tensors").keyPath).toEqual(["runKey", "name"]);
    expect(tx.objectStore("tensors").index("byRun").keyPath).toBe("runKey");
    expect(tx.objectStore("datasets").keyPath).toBe("name");
    expect(tx.objectStore("histories").keyPath).toBe("sheetId");
    await tx.done;
  });

  it("keeps data across reopening", async () => {
    const factory = freshFactory();
    const first = await openAppDb({ factory });
    await first.put("datasets", { name: "mnist", rows: 3 });
    first.close();
    const second = await openAppDb({ factory });
    toClose.push(second);
    expect(await second.get("datasets", "mnist")).toEqual({ name: "mnist", rows: 3 });
  });

  describe("unavailable IndexedDB", () => {
    const expectUnavailable = (e: CheckpointStoreError): void => {
      expect(e.kind).toBe("unavailable");
      expect(e.message).toMatch(/sheet keeps working/);
      expect(e.message).toMatch(/nothing is saved/);
    };

    it("no factory and no global indexedDB", async () => {
      expect((globalThis as { indexedDB?: unknown }).indexedDB).toBeUndefined();
      expectUnavailable(await rejection(openAppDb()));
      expectUnavailable(await rejection(openAppDb({ factory: undefined })));
    });

    it("factory explicitly null", async () => {
      expectUnavailable(await rejection(openAppDb({ factory: null })));
    });

    it("a global indexedDB whose getter throws SecurityError", async () => {
      Object.defineProperty(globalThis, "indexedDB", {
        configurable: true,
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
      try {
        expectUnavailable(await rejection(openAppDb()));
      } finally {
        delete (globalThis as { indexedDB?: unknown }).indexedDB;
      }
    });

    it("open() throwing SecurityError (opaque origin)", async () => {
      const factory = {
        open() {
          throw new DOMException("Access to the IndexedDB API is denied in this context.", "SecurityError");
        },
      } as unknown as IDBFactory;
      expectUnavailable(await rejection(openAppDb({ factory })));
    });

    it("the open request failing with InvalidStateError (Firefox private browsing)", async () => {
      const request = { error: new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError") } as {
        error: DOMException;
        onerror?: (e: Event) => void;
      };
      const factory = {
        open() {
          setTimeout(() => request.onerror?.(new Event("error")));
          return request;
        },
      } as unknown as IDBFactory;
      expectUnavailable(await rejection(openAppDb({ factory })));
    });
  });

  describe("upgrades with another tab open", () => {
    it("reports 'blocked' when an older connection does not close, and finishes the upgrade once it does", async () => {
      const factory = freshFactory();
      (await openAppDb({ factory, version: 1 })).close();
      const oldTab = await holdRaw(factory, 1); // no versionchange handler: it never closes by itself
      const err = await rejection(openAppDb({ factory, version: 2 }));
      expect(err.kind).toBe("blocked");
      expect(err.message).toMatch(/Close other Tensorsheet tabs/);

      oldTab.close();
      await tick();
      // The blocked request went on to upgrade, and its late connection was closed at once:
      // opening v2 again is neither blocked nor an upgrade, and the data is intact.
      const upgraded = await openAppDb({ factory, version: 2 });
      toClose.push(upgraded);
      expect(upgraded.version).toBe(2);
      expect([...upgraded.objectStoreNames].sort()).toEqual(["checkpoints", "datasets", "histories", "sheets", "tensors"]);
      // The late connection does not block a further upgrade.
      upgraded.close();
      const v3 = await openAppDb({ factory, version: 3 });
      toClose.push(v3);
      expect(v3.version).toBe(3);
    });

    it("closes its own connection when another tab upgrades (blocking), so that upgrade succeeds", async () => {
      const factory = freshFactory();
      const onClose = vi.fn();
      const oldTab = new AppDatabase({ factory, version: 1, onClose });
      toClose.push(oldTab);
      const conn = await oldTab.connection();
      await conn.put("sheets", { id: "s", title: "t", updatedAt: 1, document: { format: "tensorsheet", version: 1, title: "t", seed: 0, cells: [] } });

      const newTab = await openAppDb({ factory, version: 2 });
      toClose.push(newTab);
      expect(newTab.version).toBe(2);
      expect(onClose).toHaveBeenCalledWith("versionchange");
      expect((await newTab.get("sheets", "s"))?.title).toBe("t");

      // The old tab's next attempt says why it cannot save instead of hanging.
      const err = await rejection(oldTab.connection());
      expect(err.kind).toBe("other");
      expect(err.message).toMatch(/newer version of Tensorsheet/);
      expect(err.message).toMatch(/Reload this tab/);
    });

    it("AppDatabase retries after a blocked open once the other tab is gone", async () => {
      const factory = freshFactory();
      (await openAppDb({ factory, version: 1 })).close();
      const oldTab = await holdRaw(factory, 1);
      const db = new AppDatabase({ factory, version: 2 });
      toClose.push(db);
      expect((await rejection(db.connection())).kind).toBe("blocked");
      oldTab.close();
      await tick();
      expect((await db.connection()).version).toBe(2);
    });
  });

  it("AppDatabase reuses one connection and reopens after the browser closes it", async () => {
    const factory = freshFactory();
    const onClose = vi.fn();
    const db = new AppDatabase({ factory, onClose });
    toClose.push(db);
    const first: AppDb = await db.connection();
    expect(await db.connection()).toBe(first);
    forceCloseDatabase(unwrap(first) as never);
    expect(onClose).toHaveBeenCalledWith("terminated");
    const second = await db.connection();
    expect(second).not.toBe(first);
    await second.put("datasets", { name: "d" });
    expect(await second.count("datasets")).toBe(1);
  });
});
