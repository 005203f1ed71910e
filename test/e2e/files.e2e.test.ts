// Files in a real browser: export a sheet and import it back; import broken files and lose nothing;
// reload the page and find the sheet as it was (autosave to IndexedDB, restored on load).
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cellPart, formulaText, numberValue, openApp, typeInCell, waitForCell, waitForIdle, waitUntil, type AppPage } from "./app.ts";
import { launchChromium } from "../../tools/chromium.node.ts";
import {
  dismissNotice,
  exportSheet,
  importFile,
  openExample,
  renameSheet,
  savedSheetTitles,
  sheetSnapshot,
  sheetTitle,
  shot,
  waitForNotice,
} from "./files-helpers.ts";
import { startApp, type RunningApp } from "../../tools/app-server.node.ts";

const SGD = "06-sgd-by-hand.tensorsheet.json";
const SGD_TITLE = "One step of gradient descent by hand";
/** In the grid's reading order: inputs in column A, the prediction and loss in B, the step in C. */
const SGD_ADDRESSES = ["A1", "B1", "C1", "A2", "B2", "C2", "A3", "C3", "A4"];

let server: RunningApp;
let browser: Browser;
/** Shared by the export/import tests: one user, one session. */
let app: AppPage | null = null;
const opened: AppPage[] = [];

beforeAll(async () => {
  server = await startApp();
  browser = await launchChromium();
});

afterEach(async () => {
  for (const a of [app, ...opened]) {
    if (a && a.consoleErrors.length > 0) console.warn(`console errors in the page:\n${a.consoleErrors.splice(0).join("\n")}`);
  }
});

afterAll(async () => {
  for (const a of opened) await a.close();
  await app?.close();
  await browser?.close();
  await server?.close();
});

/** The page of the shared session, on the SGD example (opening it if a previous test did not). */
async function sgdSession(): Promise<AppPage> {
  if (app) return app;
  app = await openApp(browser, server.url);
  await waitForIdle(app.page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
  await openExample(app.page, SGD, SGD_ADDRESSES);
  return app;
}

describe("files: export, import, and reload", () => {
  it("exports a sheet, imports the file back, and finds the same cells", async () => {
    const { page } = await sgdSession();
    expect(await sheetTitle(page)).toBe(SGD_TITLE);
    await shot(page, "files-1-sgd-before-export");
    const before = await sheetSnapshot(page);
    expect(before.map((c) => c.address)).toEqual(SGD_ADDRESSES);
    expect(before.map((c) => c.name)).toEqual(["x", "y_pred", "W1", "y_true", "loss", "loss_after", "W0", "improved", "lr"]);
    expect(before.filter((c) => c.error !== null), "no cell of the example fails").toEqual([]);
    const byName = (cells: typeof before, name: string) => cells.find((c) => c.name === name)!;
    // A few values, as shown: the learning rate, the loss before and after the step, and that it improved.
    expect(byName(before, "lr").number).toBeCloseTo(0.1, 6);
    expect(byName(before, "loss").number).not.toBeNull();
    expect(byName(before, "loss_after").number!).toBeLessThan(byName(before, "loss").number!);
    expect(byName(before, "improved").number).toBe(1);
    expect(byName(before, "x").shape).toBe("[4, 2]");
    const titlesBefore = await savedSheetTitles(page);

    // Export: a download named after the title, holding a version-1 Tensorsheet document.
    const { filename, text } = await exportSheet(page);
    expect(filename).toBe(`${SGD_TITLE}.tensorsheet.json`);
    const doc = JSON.parse(text) as { format: unknown; version: unknown; title: unknown; cells: { address: string; source: string }[]; tensors?: Record<string, unknown> };
    expect(doc.format).toBe("tensorsheet");
    expect(doc.version).toBe(1);
    expect(doc.title).toBe(SGD_TITLE);
    expect(doc.cells.map((c) => c.address).sort()).toEqual([...SGD_ADDRESSES].sort());
    expect(doc.cells.find((c) => c.address === "C1")?.source).toBe("W1 = W0 - lr * grad(loss, W0)");
    // "with trained values" is checked by default: the param's values travel with the file.
    expect(Object.keys(doc.tensors ?? {})).toContain("W0");

    // Import it back: a new sheet opens, and the notice says so.
    await importFile(page, filename, text);
    const notice = await waitForNotice(page, /imported/i);
    expect(notice.error).toBe(false);
    expect(notice.text).toContain(filename);
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await shot(page, "files-1-imported");
    expect(await sheetTitle(page)).toBe(SGD_TITLE);
    const after = await sheetSnapshot(page);
    expect(after.map((c) => ({ address: c.address, name: c.name, shape: c.shape, error: c.error }))).toEqual(
      before.map((c) => ({ address: c.address, name: c.name, shape: c.shape, error: c.error })),
    );
    for (const name of ["lr", "loss", "loss_after", "improved"]) {
      expect(byName(after, name).number, `the value of ${name}`).toBe(byName(before, name).number);
    }
    expect(after.map((c) => c.text)).toEqual(before.map((c) => c.text));
    // The import is a new sheet of its own: the original is still saved too.
    const titlesAfter = await savedSheetTitles(page);
    expect(titlesAfter.length).toBe(titlesBefore.length + 1);
    expect(titlesAfter.filter((t) => t === SGD_TITLE).length).toBe(titlesBefore.filter((t) => t === SGD_TITLE).length + 1);
    await dismissNotice(page);
    app!.assertNoPageErrors();
  });

  it("refuses a corrupt file or a non-JSON one, says why, and loses nothing", async () => {
    const { page } = await sgdSession();
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    const title = await sheetTitle(page);
    const before = await sheetSnapshot(page);
    const titlesBefore = await savedSheetTitles(page);
    expect(before.length).toBeGreaterThan(0);

    // A duplicate address: the notice names where the problem is.
    const duplicate = JSON.stringify({
      format: "tensorsheet",
      version: 1,
      title: "x",
      seed: 0,
      cells: [
        { address: "A1", source: "a = 1" },
        { address: "A1", source: "b = 2" },
      ],
    });
    await importFile(page, "duplicate.tensorsheet.json", duplicate);
    const dup = await waitForNotice(page, /not imported/i);
    await shot(page, "files-2-duplicate-address");
    expect(dup.error).toBe(true);
    expect(dup.text).toContain("duplicate.tensorsheet.json");
    expect(dup.text).toContain("$.cells[1].address");
    expect(dup.text).toMatch(/duplicate/i);
    // Nothing changed: same sheet, same cells, no new sheet saved.
    expect(await sheetTitle(page)).toBe(title);
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await sheetSnapshot(page)).toEqual(before);
    await dismissNotice(page);

    // Not JSON at all.
    await importFile(page, "notes.json", "this is not JSON {");
    const bad = await waitForNotice(page, /not imported/i);
    await shot(page, "files-2-not-json");
    expect(bad.error).toBe(true);
    expect(bad.text).toContain("notes.json");
    expect(bad.text).toMatch(/not valid JSON/i);
    expect(bad.text).toMatch(/line 1, column 1/);
    expect(await sheetTitle(page)).toBe(title);
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await sheetSnapshot(page)).toEqual(before);

    // JSON, but not a Tensorsheet document.
    await dismissNotice(page);
    await importFile(page, "package.json", JSON.stringify({ name: "something", version: "1.0.0" }));
    const other = await waitForNotice(page, /not imported/i);
    expect(other.error).toBe(true);
    expect(other.text).toMatch(/format/);
    expect(await sheetSnapshot(page)).toEqual(before);

    expect(await savedSheetTitles(page)).toEqual(titlesBefore);
    // The same file chosen twice in a row is read twice (the input is cleared after each import).
    await dismissNotice(page);
    await importFile(page, "package.json", JSON.stringify({ name: "something", version: "1.0.0" }));
    await waitForNotice(page, /not imported/i);
    await dismissNotice(page);
    app!.assertNoPageErrors();
  });

  it("reloads the page and finds the sheet, its title and its cells as they were", async () => {
    const fresh = await openApp(browser, server.url);
    opened.push(fresh);
    const { page } = fresh;
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await openExample(page, SGD, SGD_ADDRESSES);

    // A few edits: a changed cell, a new cell, a deleted cell, and a new title.
    await typeInCell(page, "A4", "lr = 0.05");
    await waitUntil(page, async () => (await numberValue(page, "A4")) === 0.05, 30_000, "A4 to show 0.05");
    await typeInCell(page, "D1", "steps = [1, 2, 3] * lr");
    await waitForCell(page, "D1", "name", "steps");
    await waitForCell(page, "D1", "shape", "[3]");
    await typeInCell(page, "C3", "");
    // (Polled with one evaluate: cellPart's innerText would wait out its timeout on a cell that empties meanwhile.)
    await waitUntil(page, () => page.evaluate(() => document.querySelector("[data-testid=cell-C3] [data-testid=cell-name]") === null), 30_000, "C3 to be cleared");
    await renameSheet(page, "My gradient step");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await waitUntil(page, async () => (await page.getByTestId("save-status").innerText()).trim() === "All changes saved", 30_000, "All changes saved");
    await shot(page, "files-3-before-reload");
    const before = await sheetSnapshot(page);
    expect(before.map((c) => c.address).sort()).toEqual(["A1", "A2", "A3", "A4", "B1", "B2", "C1", "C2", "D1"]);
    expect(await sheetTitle(page)).toBe("My gradient step");

    await page.reload({ waitUntil: "load" });
    await waitUntil(page, () => page.getByTestId("grid").isVisible(), 30_000, "the grid to appear after the reload");
    await waitForCell(page, "D1", "name", "steps", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await shot(page, "files-3-after-reload");
    expect(await sheetTitle(page)).toBe("My gradient step");
    expect(await page.getByTestId("save-status").innerText()).toBe("All changes saved");
    const after = await sheetSnapshot(page);
    expect(after.map((c) => c.address)).toEqual(before.map((c) => c.address));
    expect(after.map((c) => ({ name: c.name, shape: c.shape, error: c.error, number: c.number }))).toEqual(
      before.map((c) => ({ name: c.name, shape: c.shape, error: c.error, number: c.number })),
    );
    expect(after.map((c) => c.text)).toEqual(before.map((c) => c.text));
    expect(await numberValue(page, "A4")).toBe(0.05);
    expect(await cellPart(page, "C3", "name")).toBeNull();
    // The sources come back as typed.
    await page.getByTestId("cell-D1").click();
    await waitUntil(page, async () => (await formulaText(page)) === "steps = [1, 2, 3] * lr", 10_000, "D1's source in the formula bar");
    // The renamed sheet is the one listed, once.
    const titles = await savedSheetTitles(page);
    expect(titles.filter((t) => t === "My gradient step")).toHaveLength(1);
    fresh.assertNoPageErrors();
  });
});
