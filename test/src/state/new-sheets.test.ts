import { afterEach, describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { IdbSheetStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { blankSheet, exampleTarget } from "../../../src/state/new-sheets.ts";
import { freshDatabase } from "../persistence/fake-idb.ts";

const open: AppDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setup(): IdbSheetStore {
  const { db } = freshDatabase();
  open.push(db);
  let clock = 1000;
  return new IdbSheetStore(db, { now: () => (clock += 10) });
}

const example: SheetDocument = {
  format: "tensorsheet",
  version: 1,
  title: "Tensors and their shape",
  seed: 1,
  cells: [{ address: "A1", source: "x = [1, 2]" }],
};
const edited: SheetDocument = { ...example, cells: [{ address: "A1", source: "x = [1, 2, 3]" }] };

describe("what the Examples menu opens", () => {
  it("a first pick creates the example under its own title", async () => {
    expect(await exampleTarget(setup(), example)).toEqual({ create: example });
  });

  it("a second pick goes to the copy the user has not changed, even after training it", async () => {
    const store = setup();
    await store.put({ id: "copy", document: { ...example, training: { fit: { step: 4 } } } });
    await store.put({ id: "other", document: { ...example, title: "Something else", cells: [] } });
    expect(await exampleTarget(store, example)).toEqual({ open: "copy" });
  });

  it("once the copy is edited, a pick creates a numbered copy; the next pick goes to that one", async () => {
    const store = setup();
    await store.put({ id: "edited", document: edited });
    const target = await exampleTarget(store, example);
    expect(target).toEqual({ create: { ...example, title: "Tensors and their shape (2)" } });
    await store.put({ id: "second", document: (target as { create: SheetDocument }).create });
    expect(await exampleTarget(store, example)).toEqual({ open: "second" });
  });

  it("a renamed copy is the user's own sheet now: a pick makes a new copy", async () => {
    const store = setup();
    await store.put({ id: "mine", document: { ...example, title: "My tensors" } });
    expect(await exampleTarget(store, example)).toEqual({ create: example });
  });
});

describe("New sheet", () => {
  it("is blank and titled Untitled sheet, numbered when that title is taken", async () => {
    const store = setup();
    const first = await blankSheet(store);
    expect(first).toEqual({ format: "tensorsheet", version: 1, title: "Untitled sheet", seed: 0, cells: [] });
    await store.put({ id: "u1", document: first });
    expect((await blankSheet(store)).title).toBe("Untitled sheet 2");
  });
});
