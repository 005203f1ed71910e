// Names and keys like a spreadsheet's (issue 13): renaming a cell renames its references in one
// undo step, a pasted copy gets a fresh name, the grid is one tab stop, Shift+Arrow selects ranges.
// One page on the SGD example, whose A4 (lr = 0.1) is read by C1.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cell, cellPart, FIRST_LOOK_TIMEOUT_MS, screenshot, typeInCell, waitForCell, waitForIdle, waitUntil, type AppPage } from "./app.ts";
import { gridHasFocus, waitForFormula } from "./editing-helpers.ts";
import { openExample, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";

const SGD = "06-sgd-by-hand.tensorsheet.json";
const SGD_ADDRESSES = ["A1", "A2", "A3", "A4", "B1", "B2", "C1", "C2", "C3"];
const C1_WITH = (name: string) => `W1 = W0 - ${name} * grad(loss, W0)`;

const session = useBrowserSession();
let app: AppPage | null = null;

/** The shared page, a new user's first look (with the clipboard allowed, as a user would allow it). */
async function firstLook(): Promise<Page> {
  if (!app) {
    app = await session.firstLook();
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.server().url).origin });
  }
  return app.page;
}

let onSgd = false;
/** The shared page on the SGD example. */
async function sgd(): Promise<Page> {
  const page = await firstLook();
  if (!onSgd) await openExample(page, SGD, SGD_ADDRESSES);
  onSgd = true;
  return page;
}

/** The addresses of cells showing an error. */
async function failedCells(page: Page): Promise<string[]> {
  return page.getByTestId("grid").evaluate((grid) => [...grid.querySelectorAll("[data-testid=cell-error]")].map((e) => e.closest("[data-address]")!.getAttribute("data-address")!));
}

async function sourceOf(page: Page, address: string, expected: string): Promise<void> {
  await cell(page, address).click();
  await waitForFormula(page, expected);
}

/** Whether keyboard focus is somewhere outside the grid (and not lost to the page body). */
async function focusOutsideGrid(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return !!active && active !== document.body && !document.querySelector("[data-testid=grid]")!.contains(active);
  });
}

describe("names and keys", () => {
  it("starts and pauses the selected training cell with Ctrl+Enter, which its Start button's tooltip names", async () => {
    const page = await firstLook();
    const fit = cell(page, "D1");
    await fit.getByTestId("cell-name").click();
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus");
    const start = fit.getByTestId("train-start");
    expect(await start.getAttribute("aria-keyshortcuts")).toBe("Control+Enter");
    expect(await start.getAttribute("title")).toContain("(Ctrl+Enter with the cell selected)");

    await page.keyboard.press("Control+Enter");
    await fit.getByTestId("train-pause").waitFor({ state: "visible", timeout: FIRST_LOOK_TIMEOUT_MS });
    await page.keyboard.press("Control+Enter");
    await fit.getByTestId("train-resume").waitFor({ state: "visible", timeout: FIRST_LOOK_TIMEOUT_MS });
    expect(await fit.getByTestId("train-pause").count()).toBe(0);
    expect(await gridHasFocus(page), "the grid kept the focus").toBe(true);
    await screenshot(page, "keys-training-paused");
    app!.assertNoPageErrors();
  });

  it("renames lr to rate with its references, and one Undo restores both", async () => {
    const page = await sgd();
    await typeInCell(page, "A4", "rate = 0.1");
    await waitForCell(page, "A4", "name", "rate");
    await waitForNotice(page, /^Renamed lr to rate in 2 cells$/);
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await failedCells(page)).toEqual([]);
    await sourceOf(page, "C1", C1_WITH("rate"));
    await screenshot(page, "names-renamed");

    await page.keyboard.press("Control+z");
    await waitForCell(page, "A4", "name", "lr");
    await waitForNotice(page, /^Undone: Renamed lr to rate in 2 cells$/);
    // Undo selects the renamed cell, as the rename did.
    await waitForFormula(page, "lr = 0.1");
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await failedCells(page)).toEqual([]);
    await sourceOf(page, "C1", C1_WITH("lr"));
    app!.assertNoPageErrors();
  });

  it("pastes a copy under a fresh name and leaves the original without error", async () => {
    const page = await sgd();
    await cell(page, "A4").click();
    await page.keyboard.press("Control+c");
    await cell(page, "B4").click();
    await page.keyboard.press("Control+v");
    await waitForCell(page, "B4", "name", "lr_2");
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await cellPart(page, "A4", "name")).toBe("lr");
    expect(await failedCells(page)).toEqual([]);
    await sourceOf(page, "B4", "lr_2 = 0.1");
    await screenshot(page, "names-pasted");
    app!.assertNoPageErrors();
  });

  it("is one tab stop: Tab and Shift+Tab leave the grid in one press", async () => {
    const page = await sgd();
    await cell(page, "A1").click();
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus");
    await page.keyboard.press("Tab");
    expect(await focusOutsideGrid(page), "Tab moved focus out of the grid").toBe(true);

    await cell(page, "A1").click();
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus again");
    await page.keyboard.press("Shift+Tab");
    expect(await focusOutsideGrid(page), "Shift+Tab moved focus out of the grid").toBe(true);
    // Nothing inside the grid but the grid itself is in the Tab order.
    const tabbable = await page.getByTestId("grid").evaluate((grid) => [...grid.querySelectorAll("button, input, select, textarea, a[href], [tabindex]")].filter((e) => (e as HTMLElement).tabIndex >= 0).length);
    expect(tabbable).toBe(0);
  });

  it("selects a range with Shift+ArrowDown and marks every cell in it", async () => {
    const page = await sgd();
    await cell(page, "A1").click();
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await waitUntil(page, async () => (await cell(page, "A3").getAttribute("aria-selected")) === "true", 5_000, "A3 to join the range");
    for (const address of ["A1", "A2", "A3"]) expect(await cell(page, address).getAttribute("aria-selected"), address).toBe("true");
    for (const address of ["A4", "B1", "B2"]) expect(await cell(page, address).getAttribute("aria-selected"), address).toBe("false");
    await screenshot(page, "keys-range");

    // A plain arrow collapses the range to the one selected cell.
    await page.keyboard.press("ArrowRight");
    await waitUntil(page, async () => (await cell(page, "A1").getAttribute("aria-selected")) === "false", 5_000, "the range to collapse");
    expect(await cell(page, "B3").getAttribute("aria-selected")).toBe("true");
    app!.assertNoPageErrors();
  });

  it("copies a Shift+click range, pastes it in its shape with fresh names, and deletes it in one undo step", async () => {
    const page = await sgd();
    // A4 (lr) and B4 (lr_2, pasted by the test above).
    await cell(page, "A4").click();
    await cell(page, "B4").click({ modifiers: ["Shift"] });
    await waitUntil(page, async () => (await cell(page, "A4").getAttribute("aria-selected")) === "true", 5_000, "A4:B4 to be selected");
    await page.keyboard.press("Control+c");
    await cell(page, "A6").click();
    await page.keyboard.press("Control+v");
    await waitForCell(page, "A6", "name", "lr_3");
    await waitForCell(page, "B6", "name", "lr_4");
    // The pasted cells are the selection.
    await waitUntil(page, async () => (await cell(page, "B6").getAttribute("aria-selected")) === "true", 5_000, "the pasted range to be selected");
    expect(await cell(page, "A6").getAttribute("aria-selected")).toBe("true");
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await failedCells(page)).toEqual([]);
    await screenshot(page, "keys-range-pasted");

    await page.keyboard.press("Delete");
    await waitUntil(page, async () => (await cellPart(page, "A6", "name")) === null && (await cellPart(page, "B6", "name")) === null, 10_000, "A6:B6 to be cleared");
    await page.keyboard.press("Control+z");
    await waitForCell(page, "A6", "name", "lr_3");
    await waitForCell(page, "B6", "name", "lr_4");
    app!.assertNoPageErrors();
  });
});
