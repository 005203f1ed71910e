// No lost work, in a real browser with real IndexedDB: an edit is saved when it is committed, not
// when the worker gets round to it; one tab writes a sheet while another shows it read-only; and an
// import the worker refuses changes nothing at all.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cell, cellPart, formulaText, openApp, typeInCell, waitForCell, waitForIdle, waitUntil, type AppPage } from "./app.ts";
import { dismissNotice, exportSheet, importFile, readNotice, sheetSnapshot, sheetTitle, shot, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedSheets } from "./stored-sheets.ts";
import { serializeSheetDocument } from "../../cells/format/index.ts";
import { trainedRegressionDocument } from "../support/training.ts";

const session = useBrowserSession();

/** A small regression sheet trained 10 steps, with its full training state, `change`d. */
function trainedRegressionFile(change: Record<string, unknown>): string {
  const options = '{optimizer: "adam", lr: 0.1, batch: 16, epochs: 4, feed: [x, y], metrics: [mse_all]}';
  return serializeSheetDocument(trainedRegressionDocument("A damaged training state", options, change));
}

/** A cell that keeps the sheet worker busy for seconds: four 3,000 × 3,000 products (about 5 s on one core here). */
const SLOW_CELL = "slow = sum(dot(dot(dot(dot(ones([3000, 3000]), ones([3000, 3000])), ones([3000, 3000])), ones([3000, 3000])), ones([3000, 3000])))";

async function saveStatus(page: Page): Promise<string> {
  return (await page.getByTestId("save-status").innerText()).trim();
}

async function waitForSaved(page: Page): Promise<void> {
  await waitUntil(page, async () => (await saveStatus(page)) === "All changes saved", 30_000, "the save status to say all changes are saved");
}

/**
 * Commit `source` at `address` without waiting for the worker; returns once the edit is written.
 * The status text says "Evaluating…" while the worker is busy, so read the storage state it carries.
 */
async function commitAndWaitForSave(page: Page, address: string, source: string): Promise<void> {
  await typeInCell(page, address, source);
  const status = page.getByTestId("save-status");
  const written = async () => (await storedSheets(page)).some((s) => s.sources[address] === source);
  await waitUntil(page, async () => (await written()) && (await status.getAttribute("data-storage")) === "saved", 30_000, "the edit to be written");
}

describe("no lost work", () => {
  it("keeps an edit made while the sheet is still evaluating, across a reload", async () => {
    const app = await session.firstLook();
    const { page } = app;
    // Keep the worker busy: the edit after this one waits behind a product of seconds.
    await typeInCell(page, "B6", SLOW_CELL);
    await commitAndWaitForSave(page, "B2", "b1 = param(zeros([512]) + 0.0942)");
    // The worker has not even reached the edit: the grid still shows b1's old source.
    const shownBefore = await page.getByTestId("grid").getAttribute("aria-busy");
    expect(shownBefore, "the sheet is still evaluating when the edit is saved").toBe("true");
    const stored = await storedSheets(page);
    expect(stored.map((s) => s.sources.B2)).toContain("b1 = param(zeros([512]) + 0.0942)");

    await page.reload({ waitUntil: "load" });
    await waitForCell(page, "B2", "name", "b1", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await cell(page, "B2").click();
    await waitUntil(page, async () => (await formulaText(page)) === "b1 = param(zeros([512]) + 0.0942)", 30_000, "b1's edit to be back after the reload");
    await waitUntil(page, async () => (await cellPart(page, "B6", "name")) === "slow", 60_000, "the slow cell to be back after the reload");
    await shot(page, "reliability-1-edit-kept");
    // Leave the shared page as the other tests expect it: the slow cell gone, b1 as it was.
    await typeInCell(page, "B6", "");
    await typeInCell(page, "B2", "b1 = param(zeros([512]))");
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    app.assertNoPageErrors();
  });

  it("lets one tab write a sheet: a second tab shows it read-only until it takes over, and nothing is lost", async () => {
    const first = await session.firstLook();
    const a = first.page;
    expect((await storedSheets(a)).length).toBeGreaterThan(0);

    // The second tab opens the same (most recent) sheet in the same browser profile.
    let second: AppPage | null = null;
    try {
      second = await openApp(first.context, session.server().url);
      const b = second.page;
      await waitUntil(b, () => b.getByTestId("read-only").isVisible(), 60_000, "the second tab to say the sheet is open elsewhere");
      expect(await b.getByTestId("read-only").innerText()).toMatch(/open in another tab/);
      expect(await saveStatus(b)).toMatch(/Read-only/);
      await waitForCell(b, "A1", "name", "train_images", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });

      // An edit in the read-only tab is refused, and says how to edit here.
      await typeInCell(b, "A8", "k = 5");
      await waitForNotice(b, /Take over/);
      await dismissNotice(b);
      expect(await cellPart(b, "A8", "name")).toBeNull();

      // The writing tab edits and saves.
      await commitAndWaitForSave(a, "A8", "k = 5");
      await waitForCell(a, "A8", "name", "k");

      // The second tab takes over: it shows what the first saved, and the first turns read-only.
      await b.getByTestId("take-over").click();
      await waitUntil(b, async () => (await b.getByTestId("read-only").count()) === 0, 30_000, "the second tab to write the sheet");
      await waitForCell(b, "A8", "name", "k", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await waitUntil(a, () => a.getByTestId("read-only").isVisible(), 30_000, "the first tab to turn read-only");
      expect(await a.getByTestId("read-only").innerText()).toMatch(/Another tab took over/);
      expect(await a.getByTestId("train-start").first().isDisabled(), "a read-only tab cannot start training").toBe(true);

      await commitAndWaitForSave(b, "B8", "m = k + 1");
      // The first tab's late edit is refused rather than overwriting the second tab's.
      await typeInCell(a, "C8", "lost = 1");
      await waitForNotice(a, /Take over/);
      await dismissNotice(a);
      await waitForSaved(b);
      const stored = (await storedSheets(b)).find((s) => s.sources.B8 !== undefined)!;
      expect(stored.sources).toMatchObject({ A8: "k = 5", B8: "m = k + 1" });
      expect(stored.sources.C8).toBeUndefined();
      await shot(b, "reliability-2-took-over");

      // The first tab takes it back, and sees the second tab's edit; clean up the cells for the next test.
      await a.getByTestId("take-over").click();
      await waitUntil(a, async () => (await a.getByTestId("read-only").count()) === 0, 30_000, "the first tab to write again");
      await waitForCell(a, "B8", "name", "m", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await typeInCell(a, "B8", "");
      await typeInCell(a, "A8", "");
      await waitForIdle(a, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      first.assertNoPageErrors();
      second.assertNoPageErrors();
    } finally {
      await second?.close();
    }
  });

  it("changes nothing when the worker refuses an import: title, grid, undo and the stored sheet stay", async () => {
    const app = await session.firstLook();
    const { page } = app;
    await commitAndWaitForSave(page, "B7", "kept = 7");
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    const title = await sheetTitle(page);
    const grid = await sheetSnapshot(page);
    const storedBefore = await storedSheets(page);
    const undoEnabled = await page.getByTestId("undo").isEnabled();

    // Schema-valid, but no cell holds the stored tensor and the loss history is not base64:
    // only building the sheet finds out.
    const file = JSON.stringify({
      format: "tensorsheet",
      version: 1,
      title: "A file the worker refuses",
      seed: 1,
      cells: [{ address: "A1", source: "x = [1, 2, 3]" }, { address: "A2", source: "fit = train(sum(x), [], {epochs: 1})" }],
      tensors: { W: { dtype: "float32", shape: [1], data: "AACAPw==" } },
    });
    await importFile(page, "refused.tensorsheet.json", file);
    const notice = await waitForNotice(page, /was not imported/);
    expect(notice.error).toBe(true);
    expect(notice.text).toMatch(/refused\.tensorsheet\.json was not imported: .*\$\.tensors\.W/);
    await dismissNotice(page);

    expect(await sheetTitle(page)).toBe(title);
    expect(await sheetSnapshot(page)).toEqual(grid);
    expect(await page.getByTestId("undo").isEnabled()).toBe(undoEnabled);
    expect(await storedSheets(page)).toEqual(storedBefore);

    // A training state that does not fit its sheet (as `tensorsheet train --out` writes one, damaged).
    const damaged = trainedRegressionFile({ stepInEpoch: 9999 });
    await importFile(page, "damaged-state.tensorsheet.json", damaged);
    const refusal = await waitForNotice(page, /damaged-state.*was not imported/);
    expect(refusal.text).toMatch(/\$\.training\.fit\.stepInEpoch: 9999 is past the 7 steps of an epoch/);
    await dismissNotice(page);
    expect(await sheetTitle(page)).toBe(title);
    expect(await sheetSnapshot(page)).toEqual(grid);
    expect(await storedSheets(page)).toEqual(storedBefore);

    // The next edit goes to the sheet that was open, under its own title.
    await commitAndWaitForSave(page, "B7", "kept = 8");
    const after = await storedSheets(page);
    expect(after.map((s) => s.title).sort()).toEqual(storedBefore.map((s) => s.title).sort());
    expect(after.find((s) => s.sources.B7 !== undefined)).toMatchObject({ title, sources: { B7: "kept = 8" } });
    expect(await readNotice(page)).toBeNull();
    await typeInCell(page, "B7", "");
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    app.assertNoPageErrors();
  });

  it("exports every member of an imported file as it came: title, seed, objective, cells and notes, tensors, layout, training", async () => {
    const app = await session.firstLook();
    const { page } = app;
    const imported = {
      format: "tensorsheet",
      version: 1,
      title: "Every member",
      seed: 42,
      objective: "loss",
      cells: [
        { address: "A1", source: "W = param(zeros([2]))", note: "two weights" },
        { address: "A2", source: "loss = sum(W * W)" },
      ],
      tensors: { W: { dtype: "float32", shape: [2], data: "AACAPwAAAEA=" } },
      layout: { columns: { A: 260 }, views: { A1: "numbers" } },
      training: { old_fit: { step: 2, lossHistory: "AACAPwAAAEA=" } },
    };
    await importFile(page, "every-member.tensorsheet.json", JSON.stringify(imported));
    await waitForNotice(page, /Imported every-member/);
    await dismissNotice(page);
    await waitForCell(page, "A2", "name", "loss");
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    const exported = JSON.parse((await exportSheet(page)).text) as typeof imported;
    expect(exported).toEqual(imported);
    app.assertNoPageErrors();
  });
});
