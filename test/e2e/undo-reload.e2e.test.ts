// Undo survives a reload: the sheet's undo history is kept in IndexedDB as edits are made, so
// Ctrl+Z after a reload undoes the last edit made before it, and Ctrl+Shift+Z redoes it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cell, cellPart, screenshot, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { waitForEmpty, waitForNumber } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { DB_NAME } from "../../src/persistence/schema.ts";

const session = useBrowserSession();

/** The undo steps IndexedDB keeps for each sheet, as [address, after] of its cell sets; {} if none yet. */
function keptUndoSteps(page: Page): Promise<Record<string, [string, string | null][]>> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains("histories")) return {};
      type Row = { sheetId: string; done: { kind: string; address?: string; after?: string | null }[] };
      const rows = await new Promise<Row[]>((resolve, reject) => {
        const r = db.transaction("histories", "readonly").objectStore("histories").getAll();
        r.onsuccess = () => resolve(r.result as Row[]);
        r.onerror = () => reject(r.error);
      });
      return Object.fromEntries(rows.map((row) => [row.sheetId, row.done.map((e): [string, string | null] => [e.address ?? e.kind, e.after ?? null])]));
    } finally {
      db.close();
    }
  }, DB_NAME);
}

async function saveStatus(page: Page): Promise<string> {
  return (await page.getByTestId("save-status").innerText()).trim();
}

describe("undo after a reload", () => {
  it("Ctrl+Z after a reload undoes the edit made before it, and Ctrl+Shift+Z brings it back", async () => {
    const { page } = await session.firstLook();
    expect(await cellPart(page, "A8", "name")).toBeNull();
    expect(await page.getByTestId("undo").isDisabled()).toBe(true);

    await typeInCell(page, "A8", "k = 6 * 7");
    await waitForNumber(page, "A8", 42);
    await waitUntil(page, async () => (await saveStatus(page)) === "All changes saved", 30_000, "the save status to say all changes are saved");
    // The history is written beside the sheet: wait until IndexedDB holds this very edit.
    await waitUntil(
      page,
      async () => JSON.stringify(Object.values(await keptUndoSteps(page))) === JSON.stringify([[["A8", "k = 6 * 7"]]]),
      15_000,
      "the edit of A8 to be kept in IndexedDB's undo history",
    );

    await page.reload({ waitUntil: "load" });
    await waitForCell(page, "A1", "name", "train_images", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await waitForNumber(page, "A8", 42, FIRST_LOOK_TIMEOUT_MS);
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    // The kept history is back: undo is offered before anything was edited in this visit.
    expect(await page.getByTestId("undo").isEnabled()).toBe(true);
    expect(await page.getByTestId("redo").isDisabled()).toBe(true);

    await cell(page, "A8").click();
    await page.keyboard.press("Control+z");
    await waitForEmpty(page, "A8");
    await waitUntil(page, () => page.getByTestId("redo").isEnabled(), 5_000, "redo to be offered after the undo");
    expect(await page.getByTestId("undo").isDisabled()).toBe(true);
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "undo-reload-undone");

    await page.keyboard.press("Control+Shift+z");
    await waitForNumber(page, "A8", 42);
    expect(await cellPart(page, "A8", "name")).toBe("k");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "undo-reload-redone");
    session.page()!.assertNoPageErrors();
    expect(session.page()!.consoleErrors).toEqual([]);
  });
});
