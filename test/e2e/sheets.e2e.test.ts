// Sheets as documents, in a real browser: an honest export (no trained values means no training
// block), New sheet, one copy per unchanged example, the URL and window title naming the open sheet
// (reload, back, forward, an unknown id), and a Sheets dialog that fits a small window.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { dismissNotice, exportSheet, importFile, openExample, renameSheet, savedSheetTitles, sheetTitle, shot, shownAddresses, showFileActions, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedSheets } from "./stored-sheets.ts";
import { encodeFloat32 } from "../../cells/format/index.ts";

const session = useBrowserSession();

const TENSORS = "01-tensors.tensorsheet.json";
const TENSORS_TITLE = "Tensors and their shape";
const TENSORS_ADDRESSES = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "C1", "C2", "C3", "C4", "D1", "D2"];
const GEARS = "02-tensor-operations.tensorsheet.json";
const GEARS_ADDRESSES = ["A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4", "B5", "C1", "C2", "C3"];

/** A small trained regression, as an export with trained values holds it: W's values and fit's loss history. */
const TRAINED = {
  format: "tensorsheet",
  version: 1,
  title: "Trained regression",
  seed: 7,
  cells: [
    { address: "A1", source: "x = randn([24, 2])" },
    { address: "A2", source: "y = dot(x, [[1], [-1]])" },
    { address: "A3", source: "W = param(zeros([2, 1]))" },
    { address: "A4", source: "loss = mse(y, dot(x, W))" },
    { address: "A5", source: 'fit = train(loss, [W], {optimizer: "sgd", lr: 0.1, batch: 8, epochs: 2, feed: [x, y]})' },
  ],
  tensors: { W: { dtype: "float32", shape: [2, 1], data: encodeFloat32(Float32Array.of(0.75, -0.5)) } },
  training: { fit: { step: 6, lossHistory: encodeFloat32(Float32Array.of(2, 1.5, 1.1, 0.8, 0.6, 0.5)) } },
};

/** The sheet id the page's URL names. */
function urlSheetId(page: Page): Promise<string | null> {
  return page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get("sheet"));
}

/** Wait until the open sheet is titled `title`, and return the id the URL names for it. */
async function waitForSheet(page: Page, title: string): Promise<string> {
  await waitUntil(page, async () => (await sheetTitle(page)) === title, FIRST_LOOK_TIMEOUT_MS, `the sheet "${title}" to open`);
  await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS, allowEmpty: true });
  const id = await urlSheetId(page);
  expect(id, "the URL names the open sheet").not.toBeNull();
  return id!;
}

/** The id of the one saved sheet titled `title` (fails when there is none, or more than one). */
async function storedId(page: Page, title: string): Promise<string> {
  const matching = (await storedSheets(page)).filter((s) => s.title === title);
  expect(matching.map((s) => s.title)).toEqual([title]);
  return matching[0]!.id;
}

/** Pick "Blank sheet" from the toolbar's New… menu, as a user would. */
async function newBlankSheet(page: Page): Promise<void> {
  await page.getByTestId("examples-menu").selectOption("blank");
}

async function exportedMembers(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await exportSheet(page)).text) as Record<string, unknown>;
}

describe("sheets like documents", () => {
  it("Export without trained values has no `training` block (nor param values); with them, both", async () => {
    const { page } = await session.firstLook();
    expect(await urlSheetId(page)).toBe(await storedId(page, "A first look at a neural network"));
    await importFile(page, "trained.tensorsheet.json", JSON.stringify(TRAINED));
    await waitForNotice(page, /Imported trained\.tensorsheet\.json/);
    await dismissNotice(page);
    await waitForSheet(page, "Trained regression");
    await waitForCell(page, "A5", "name", "fit");

    const withValues = await exportedMembers(page);
    expect((withValues.tensors as Record<string, unknown>).W).toEqual(TRAINED.tensors.W);
    expect(withValues.training).toEqual(TRAINED.training);

    await showFileActions(page);
    const checkbox = page.getByTestId("export-with-values");
    await checkbox.uncheck();
    const withoutValues = await exportedMembers(page);
    expect(Object.keys(withoutValues)).toEqual(["format", "version", "title", "seed", "cells"]);
    expect(withoutValues.cells).toEqual(TRAINED.cells);
    await shot(page, "sheets-1-export-without-values");
    // Leave the option as a new user finds it.
    await showFileActions(page);
    await checkbox.check();
    await page.keyboard.press("Escape");
  });

  it("Picking the same example twice leaves one copy; an edited copy makes the next pick a numbered copy", async () => {
    const { page } = await session.firstLook();
    await openExample(page, TENSORS, TENSORS_ADDRESSES);
    const first = await waitForSheet(page, TENSORS_TITLE);
    await openExample(page, TENSORS, TENSORS_ADDRESSES);
    expect(await urlSheetId(page)).toBe(first);
    // From another sheet, the pick goes back to the same copy.
    await openExample(page, GEARS, GEARS_ADDRESSES);
    await openExample(page, TENSORS, TENSORS_ADDRESSES);
    expect(await waitForSheet(page, TENSORS_TITLE)).toBe(first);
    expect((await savedSheetTitles(page)).filter((t) => t.startsWith(TENSORS_TITLE))).toEqual([TENSORS_TITLE]);

    // Once the copy is changed, it is the user's: a pick makes a new copy, numbered.
    await typeInCell(page, "E1", "extra = s * 2");
    await waitForCell(page, "E1", "name", "extra");
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await openExample(page, TENSORS, TENSORS_ADDRESSES);
    const second = await waitForSheet(page, `${TENSORS_TITLE} (2)`);
    expect(second).not.toBe(first);
    expect((await savedSheetTitles(page)).filter((t) => t.startsWith(TENSORS_TITLE)).sort()).toEqual([TENSORS_TITLE, `${TENSORS_TITLE} (2)`]);
    session.page()!.assertNoPageErrors();
  });

  it("New… → Blank sheet is blank and numbered; the URL and window title name it; reload, back and forward keep to it", async () => {
    const { page } = await session.firstLook();
    const before = await sheetTitle(page);
    await newBlankSheet(page);
    const untitled = await waitForSheet(page, "Untitled sheet");
    expect(await shownAddresses(page)).toEqual([]);
    expect(await page.title()).toBe("Untitled sheet — Tensorsheet");
    await newBlankSheet(page);
    const untitled2 = await waitForSheet(page, "Untitled sheet 2");
    expect(untitled2).toBe(await storedId(page, "Untitled sheet 2"));
    expect(untitled).toBe(await storedId(page, "Untitled sheet"));
    expect(await page.title()).toBe("Untitled sheet 2 — Tensorsheet");

    await page.reload({ waitUntil: "load" });
    expect(await waitForSheet(page, "Untitled sheet 2")).toBe(untitled2);
    await page.goBack();
    expect(await waitForSheet(page, "Untitled sheet")).toBe(untitled);
    await page.goBack();
    await waitForSheet(page, before);
    await page.goForward();
    expect(await waitForSheet(page, "Untitled sheet")).toBe(untitled);
    await page.goForward();
    expect(await waitForSheet(page, "Untitled sheet 2")).toBe(untitled2);
    expect(await page.title()).toBe("Untitled sheet 2 — Tensorsheet");
  });

  it("an unknown sheet id in the URL says so: the open sheet stays, and a reload opens the most recent sheet", async () => {
    const { page } = session.page()!;
    const open = await urlSheetId(page);
    await page.evaluate(() => (location.hash = "#sheet=no-such-sheet"));
    const stays = await waitForNotice(page, /no saved sheet with the id “no-such-sheet”/);
    expect(stays.text).toContain("This sheet stays open.");
    await waitUntil(page, async () => (await urlSheetId(page)) === open, 10_000, "the URL to name the open sheet again");
    await dismissNotice(page);

    await page.evaluate(() => history.replaceState(null, "", "#sheet=no-such-sheet"));
    await page.reload({ waitUntil: "load" });
    const opened = await waitForNotice(page, /no saved sheet with the id “no-such-sheet”/);
    expect(opened.error).toBe(true);
    expect(opened.text).toContain("Opened your most recent sheet instead.");
    const recent = (await storedSheets(page))[0]!;
    expect(await waitForSheet(page, recent.title)).toBe(recent.id);
    await shot(page, "sheets-2-unknown-id");
    await dismissNotice(page);
  });

  it("the Sheets dialog fits 1024×700: the list scrolls, Close stays in view, Escape closes it and focus returns", async () => {
    const { page } = session.page()!;
    await page.setViewportSize({ width: 1024, height: 700 });
    // Enough sheets to overflow the dialog.
    let n = 3;
    for (; (await storedSheets(page)).length < 22; n++) {
      await newBlankSheet(page);
      await waitForSheet(page, `Untitled sheet ${n}`);
    }
    const opener = page.getByTestId("open-sheets");
    await opener.click();
    const dialog = page.getByTestId("sheets-dialog");
    await dialog.waitFor({ state: "visible" });
    const list = page.getByTestId("sheets-list");
    await waitUntil(page, async () => (await list.locator("li").count()) === 22, 15_000, "the dialog to list 22 sheets");
    const fit = await page.evaluate(() => {
      const d = document.querySelector("[data-testid=sheets-dialog]")!.getBoundingClientRect();
      const close = [...document.querySelectorAll("[data-testid=sheets-dialog] button")].find((b) => b.textContent === "Close")!.getBoundingClientRect();
      const ul = document.querySelector<HTMLElement>("[data-testid=sheets-list]")!;
      return { top: d.top, bottom: d.bottom, left: d.left, right: d.right, closeBottom: close.bottom, scrolls: ul.scrollHeight > ul.clientHeight };
    });
    expect(fit.top).toBeGreaterThanOrEqual(0);
    expect(fit.left).toBeGreaterThanOrEqual(0);
    expect(fit.bottom).toBeLessThanOrEqual(700);
    expect(fit.right).toBeLessThanOrEqual(1024);
    expect(fit.closeBottom).toBeLessThanOrEqual(fit.bottom);
    expect(fit.scrolls).toBe(true);
    expect(await dialog.getByRole("button", { name: "Close" }).isVisible()).toBe(true);
    await shot(page, "sheets-3-dialog-1024x700");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("open-sheets");

    // New sheet from the dialog: it closes on the new, blank sheet.
    await opener.click();
    await dialog.getByTestId("sheets-new").click();
    await dialog.waitFor({ state: "detached" });
    await waitForSheet(page, `Untitled sheet ${n}`);

    // Deleting the open sheet (after confirming) opens the most recent one in the same history entry.
    const entries = await page.evaluate(() => history.length);
    const deleted = (await urlSheetId(page))!;
    page.once("dialog", (d) => void d.accept());
    await opener.click();
    await dialog.locator(`li[data-sheet-id="${deleted}"]`).getByRole("button", { name: `Delete Untitled sheet ${n}` }).click();
    await waitUntil(page, async () => (await urlSheetId(page)) !== deleted, 15_000, "another sheet to open in place of the deleted one");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    const stored = await storedSheets(page);
    expect(stored.map((s) => s.id)).not.toContain(deleted);
    expect(await waitForSheet(page, stored[0]!.title)).toBe(stored[0]!.id);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    session.page()!.assertNoPageErrors();
  });

  it("the New… menu leaves the toolbar on one line: file actions inline at 1440×900, nothing cut at 1024×700 with a long title", async () => {
    const { page } = session.page()!;
    const bar = page.locator(".toolbar");
    const overflows = () => bar.evaluate((el) => el.scrollWidth > el.clientWidth);
    await renameSheet(page, "A first look at a neural network");
    await page.setViewportSize({ width: 1440, height: 900 });
    await waitUntil(page, async () => (await bar.getAttribute("data-compact")) === "false", 5_000, "the file actions inline at 1440");
    expect(await overflows()).toBe(false);
    await page.setViewportSize({ width: 1024, height: 700 });
    await renameSheet(page, "A first look at a neural network, trained on MNIST digits, with every gradient shown");
    await waitUntil(page, async () => (await bar.getAttribute("data-compact")) === "true", 5_000, "the file actions folded at 1024");
    expect(await overflows()).toBe(false);
    expect(await page.getByTestId("examples-menu").isVisible()).toBe(true);
    await shot(page, "sheets-4-toolbar-1024-long-title");
  });
});
