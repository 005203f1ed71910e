// fake-indexeddb for the persistence tests: a fresh factory per test, without a global `indexedDB`
// (so "no IndexedDB" stays testable). idb checks `instanceof IDBRequest` etc., so the IDB classes
// are installed as globals, as a browser has them.

import * as fake from "fake-indexeddb";
import { AppDatabase, type OpenAppDbOptions } from "../../../src/persistence/index.ts";

const CLASSES = [
  "IDBCursor",
  "IDBCursorWithValue",
  "IDBDatabase",
  "IDBIndex",
  "IDBKeyRange",
  "IDBObjectStore",
  "IDBOpenDBRequest",
  "IDBRequest",
  "IDBTransaction",
  "IDBVersionChangeEvent",
] as const;

for (const name of CLASSES) {
  Object.defineProperty(globalThis, name, { value: fake[name], configurable: true, writable: true });
}

export function freshFactory(): IDBFactory {
  return new fake.IDBFactory();
}

/** An AppDatabase on a fresh fake factory; close it after the test. */
export function freshDatabase(options: Omit<OpenAppDbOptions, "factory"> = {}): { factory: IDBFactory; db: AppDatabase } {
  const factory = freshFactory();
  return { factory, db: new AppDatabase({ ...options, factory }) };
}

export const FakeObjectStore = fake.IDBObjectStore;
export const forceCloseDatabase = fake.forceCloseDatabase;
export const FakeDatabase = fake.IDBDatabase;
