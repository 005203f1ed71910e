// Helpers for the file and persistence browser tests (export, import, autosave, reload) and the
// training acceptance test (its screenshots). Built on the shared helpers of app.ts; selectors are the app's data-testid
// contract.
import type { Page } from "playwright-core";
import { FIRST_LOOK_TIMEOUT_MS, cellPart, numberValue, screenshot, waitUntil, waitForIdle } from "./app.ts";
import { storedSheetTitles } from "./stored-sheets.ts";

/** What a user sees of one non-empty cell. */
export interface CellSnapshot {
  readonly address: string;
  readonly name: string | null;
  readonly shape: string | null;
  readonly error: string | null;
  /** The number a scalar cell shows (view-number), else null. */
  readonly number: number | null;
  /** The cell's view's accessible description (it spells out what the view shows), else null. */
  readonly view: string | null;
  /** The cell's whole visible text. */
  readonly text: string;
}

/** Every non-empty grid cell, by address order of the DOM. */
export async function sheetSnapshot(page: Page): Promise<CellSnapshot[]> {
  const addresses = await page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=grid] [data-address]")]
      .filter((el) => el.querySelector("[data-testid=cell-name]") !== null)
      .map((el) => el.getAttribute("data-address")!),
  );
  const cells: CellSnapshot[] = [];
  for (const address of addresses) {
    const el = page.getByTestId(`cell-${address}`);
    cells.push({
      address,
      name: await cellPart(page, address, "name"),
      shape: await cellPart(page, address, "shape"),
      error: await cellPart(page, address, "error"),
      number: await numberValue(page, address),
      view: await el
        .locator("figure[aria-label], [data-testid^=view-][aria-label]")
        .first()
        .getAttribute("aria-label", { timeout: 1_000 })
        .catch(() => null),
      text: (await el.innerText()).trim(),
    });
  }
  return cells;
}

/** The addresses of the non-empty cells shown. */
export async function shownAddresses(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=grid] [data-address]")]
      .filter((el) => el.querySelector("[data-testid=cell-name]") !== null)
      .map((el) => el.getAttribute("data-address")!)
      .sort(),
  );
}

/**
 * Open an example from the toolbar's examples menu (it opens as a new sheet) and wait until it is
 * evaluated and saved, showing exactly `expectedAddresses` when given (so cells of the sheet open
 * before cannot pass for it).
 */
export async function openExample(page: Page, file: string, expectedAddresses?: readonly string[]): Promise<void> {
  await page.getByTestId("examples-menu").selectOption(file);
  if (expectedAddresses) {
    const want = [...expectedAddresses].sort().join(",");
    let last = "";
    await waitUntil(
      page,
      async () => (last = (await shownAddresses(page)).join(",")) === want,
      FIRST_LOOK_TIMEOUT_MS,
      `the example ${file} to show its cells`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; shown: ${last}; expected: ${want}`);
    });
  }
  await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
}

/** Import a file through the toolbar's hidden file input, as a user choosing it would. */
export async function importFile(page: Page, name: string, content: string): Promise<void> {
  await page.getByTestId("import-input").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content, "utf8") });
}

/** The notice's text (without its dismiss button) and whether it is an error; null when none is shown. */
export async function readNotice(page: Page): Promise<{ text: string; error: boolean } | null> {
  const notice = page.getByTestId("notice");
  if ((await notice.count()) === 0 || !(await notice.isVisible())) return null;
  const text = (await notice.innerText()).replace(/×\s*$/, "").trim();
  const error = await notice.evaluate((el) => el.classList.contains("notice-error"));
  return { text, error };
}

/** Wait for a notice matching `expected`; returns it. */
export async function waitForNotice(page: Page, expected: RegExp, timeoutMs = 30_000): Promise<{ text: string; error: boolean }> {
  let last: { text: string; error: boolean } | null = null;
  await waitUntil(page, async () => (last = await readNotice(page)) !== null && expected.test(last.text), timeoutMs, `a notice matching ${String(expected)}`).catch(
    (e: Error) => {
      throw new Error(`${e.message}; last notice: ${JSON.stringify(last)}`);
    },
  );
  return last!;
}

/** Dismiss the notice, if one is shown. */
export async function dismissNotice(page: Page): Promise<void> {
  const notice = page.getByTestId("notice");
  if ((await notice.count()) === 0) return;
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await waitUntil(page, async () => (await notice.count()) === 0, 5_000, "the notice to close");
}

/** The titles of the saved sheets, as the Sheets dialog lists them (the dialog is closed again). */
export async function savedSheetTitles(page: Page): Promise<string[]> {
  await page.getByTestId("open-sheets").click();
  const dialog = page.getByTestId("sheets-dialog");
  await dialog.waitFor({ state: "visible" });
  // The list is refreshed from IndexedDB when the dialog opens: wait until it lists what is stored.
  let titles: string[] = [];
  let stored: string[] = [];
  await waitUntil(
    page,
    async () => {
      titles = (await dialog.locator("li button.link").allInnerTexts()).map((t) => t.trim());
      stored = await storedSheetTitles(page);
      return JSON.stringify(titles) === JSON.stringify(stored);
    },
    15_000,
    "the Sheets dialog to list the stored sheets",
  ).catch((e: Error) => {
    throw new Error(`${e.message}; listed ${JSON.stringify(titles)}, stored ${JSON.stringify(stored)}`);
  });
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "detached" });
  return titles;
}

/**
 * Show the toolbar's file actions: they sit inline when the toolbar has room, and behind "More"
 * when a long title leaves none (then this opens the menu, as a user would).
 */
export async function showFileActions(page: Page): Promise<void> {
  const more = page.getByTestId("toolbar-more");
  if ((await more.isVisible()) && (await more.getAttribute("aria-expanded")) !== "true") await more.click();
  // Inline, the export items open below the Export button; folded into "More", they show there.
  const exportMenu = page.getByTestId("export-menu-button");
  if ((await exportMenu.isVisible()) && (await exportMenu.getAttribute("aria-expanded")) !== "true") await exportMenu.click();
  await page.getByTestId("export-button").waitFor({ state: "visible" });
}

/** Click export and return the downloaded file's name and text. */
export async function exportSheet(page: Page): Promise<{ filename: string; text: string }> {
  await showFileActions(page);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.getByTestId("export-button").click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { filename: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

/** The sheet title field's value. */
export async function sheetTitle(page: Page): Promise<string> {
  return page.getByTestId("sheet-title").inputValue();
}

/** Type a new sheet title and commit it (Enter, then leave the field, as a user does). */
export async function renameSheet(page: Page, title: string): Promise<void> {
  const field = page.getByTestId("sheet-title");
  await field.click();
  await field.fill(title);
  await field.press("Enter");
  await field.blur();
}

/** Save a screenshot, ignoring failures (a screenshot must never fail a test by itself). */
export async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name).catch((e: Error) => console.warn(`screenshot ${name} failed: ${e.message}`));
}
