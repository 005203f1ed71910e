// The grid's layout in a real browser: the first-look sheet fills the first screen, a newly opened
// or imported sheet starts at its top-left with its first cell selected, and a column keeps the
// width it was dragged to across a reload.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cell, waitForCell, waitUntil } from "./app.ts";
import { dismissNotice, importFile, openExample, shot, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { serializeSheetDocument } from "../../cells/format/index.ts";

const session = useBrowserSession();

/** Names of the cells whose whole box is inside the grid's scrollport (its box less the header row). */
async function cellsFullyInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>("[data-testid=grid]")!;
    const box = grid.getBoundingClientRect();
    const header = grid.querySelector(".grid-col-head")!.getBoundingClientRect().height;
    const top = box.top + grid.clientTop + header;
    const left = box.left + grid.clientLeft;
    const bottom = box.top + grid.clientTop + grid.clientHeight;
    const right = left + grid.clientWidth;
    return [...grid.querySelectorAll<HTMLElement>("[data-address]")]
      .filter((el) => el.querySelector("[data-testid=cell-name]") !== null)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= top - 0.5 && r.left >= left - 0.5 && r.bottom <= bottom + 0.5 && r.right <= right + 0.5;
      })
      .map((el) => el.querySelector("[data-testid=cell-name]")!.textContent!.trim());
  });
}

async function selectedAddress(page: Page): Promise<string | null> {
  return page.locator("[data-testid=grid] [role=gridcell][aria-selected=true]").getAttribute("data-address");
}

async function scrollGridDown(page: Page): Promise<number> {
  return page.getByTestId("grid").evaluate((g) => {
    g.scrollTop = g.scrollHeight;
    return g.scrollTop;
  });
}

async function gridScroll(page: Page): Promise<{ top: number; left: number }> {
  return page.getByTestId("grid").evaluate((g) => ({ top: g.scrollTop, left: g.scrollLeft }));
}

async function columnWidth(page: Page, letters: string): Promise<number> {
  const head = page.locator(".grid-col-head", { has: page.getByTestId(`resize-col-${letters}`) });
  return (await head.boundingBox())!.width;
}

async function waitForSaved(page: Page): Promise<void> {
  await waitUntil(page, async () => (await page.getByTestId("save-status").innerText()).trim() === "All changes saved", 30_000, "the save status to say all changes are saved");
}

/** A small sheet whose cells come out of reading order, with its first filled cell at C2. */
const IMPORTED = serializeSheetDocument({
  format: "tensorsheet",
  version: 1,
  title: "Imported out of order",
  seed: 0,
  cells: [
    { address: "B3", source: "later = first + 1" },
    { address: "C2", source: "first = [1, 2, 3]" },
    { address: "A30", source: "far = 2" },
  ],
});

describe("the grid's layout", () => {
  it("shows at least 12 first-look cells fully in view at 1440×900, with the training cell spanning five rows", async () => {
    const { page } = await session.firstLook();
    const inView = await cellsFullyInView(page);
    expect(inView.length, `cells fully in view: ${inView.join(", ")}`).toBeGreaterThanOrEqual(12);
    expect(inView).toEqual(expect.arrayContaining(["train_images", "W1", "b1", "hidden", "loss", "test_acc"]));
    const fit = (await cell(page, "D1").boundingBox())!;
    const row = (await cell(page, "A1").boundingBox())!;
    expect(fit.height).toBeGreaterThan(row.height * 4.5);
    expect(await cell(page, "D2").count(), "the slots under the span are not rendered").toBe(0);
    // The keyboard treats the span as one cell: into it from C3 selects fit, on from it leaves it.
    await cell(page, "C3").click();
    await page.keyboard.press("ArrowRight");
    expect(await selectedAddress(page)).toBe("D1");
    await page.keyboard.press("ArrowDown");
    expect(await selectedAddress(page)).toBe("D6");
    await page.keyboard.press("ArrowUp");
    expect(await selectedAddress(page)).toBe("D1");
    await cell(page, "A1").click();
    await shot(page, "layout-1440x900-first-look");
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, "layout-1024x700-first-look");
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("shows the training cell's chart and metrics whole inside its span while it trains", async () => {
    const { page } = await session.firstLook();
    const fit = cell(page, "D1");
    const gridPanel = fit.getByTestId("training-panel");
    await gridPanel.getByTestId("train-start").click();
    await waitUntil(page, async () => /batch loss \d/.test(await gridPanel.getByTestId("train-metrics").innerText()), FIRST_LOOK_TIMEOUT_MS, "the grid's training panel to show metrics");
    await waitUntil(page, async () => (await gridPanel.getByTestId("train-chart").locator("canvas").count()) > 0, 30_000, "the loss chart to draw");
    const box = (await fit.boundingBox())!;
    for (const part of ["train-chart", "train-metrics", "train-progress"]) {
      const b = (await gridPanel.getByTestId(part).boundingBox())!;
      expect(b.height, `${part} has room`).toBeGreaterThan(part === "train-chart" ? 150 : 10);
      expect(b.y >= box.y && b.y + b.height <= box.y + box.height && b.x >= box.x && b.x + b.width <= box.x + box.width, `${part} is inside fit's cell`).toBe(true);
    }
    await shot(page, "layout-1440x900-training");
    await gridPanel.getByTestId("train-pause").click();
    await waitUntil(page, async () => (await gridPanel.getAttribute("data-status")) === "paused", 60_000, "the run to pause");
  });

  it("opens an example and imports a file at the top-left, with the first filled cell selected", async () => {
    const { page } = await session.firstLook();
    await cell(page, "C3").click();
    expect(await scrollGridDown(page)).toBeGreaterThan(0);
    await openExample(page, "03-geometric.tensorsheet.json", ["A1", "B1", "C1", "A2", "A3", "B3", "A4", "B4", "A5", "B5", "C5"]);
    expect(await gridScroll(page)).toEqual({ top: 0, left: 0 });
    expect(await selectedAddress(page)).toBe("A1");

    expect(await scrollGridDown(page)).toBeGreaterThan(0);
    await importFile(page, "out-of-order.tensorsheet.json", IMPORTED);
    await waitForNotice(page, /Imported out-of-order/);
    await waitForCell(page, "C2", "name", "first", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    expect(await gridScroll(page)).toEqual({ top: 0, left: 0 });
    expect(await selectedAddress(page)).toBe("C2");
    await shot(page, "layout-imported-at-top");
    await dismissNotice(page);
  });

  it("keeps a dragged column width across a reload, and resizes from the keyboard", async () => {
    const { page } = await session.firstLook().then(() => ({ page: session.page()!.page }));
    await waitForCell(page, "C2", "name", "first", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await waitForSaved(page);
    const before = await columnWidth(page, "B");
    const handle = (await page.getByTestId("resize-col-B").boundingBox())!;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 60, y, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 + 120, y, { steps: 4 });
    await page.mouse.up();
    const after = await columnWidth(page, "B");
    expect(after).toBeCloseTo(before + 120, 0);
    await waitForSaved(page);

    await page.reload({ waitUntil: "load" });
    await waitForCell(page, "C2", "name", "first", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    expect(await columnWidth(page, "B")).toBeCloseTo(after, 0);

    // The keyboard: an arrow key widens by 16 px, Shift+arrow narrows by 64 px, Delete resets.
    const rowHandle = page.getByTestId("resize-row-2");
    const rowHead = page.locator(".grid-row-head", { has: rowHandle });
    const rowBefore = (await rowHead.boundingBox())!.height;
    await rowHandle.focus();
    await page.keyboard.press("ArrowDown");
    await waitUntil(page, async () => Math.round((await rowHead.boundingBox())!.height) === Math.round(rowBefore + 16), 5_000, "row 2 to grow by 16 px");
    expect(await rowHandle.getAttribute("aria-valuenow")).toBe(String(Math.round(rowBefore + 16)));
    await page.keyboard.press("Shift+ArrowUp");
    await waitUntil(page, async () => Math.round((await rowHead.boundingBox())!.height) === Math.round(rowBefore - 48), 5_000, "row 2 to shrink by 64 px");
    await page.getByTestId("resize-col-B").dblclick();
    await waitUntil(page, async () => Math.abs((await columnWidth(page, "B")) - before) < 1, 5_000, "column B to be back to its default width");
    // A default-width column's handle reports the width it is shown at.
    await page.getByTestId("resize-col-B").focus();
    await waitUntil(page, async () => (await page.getByTestId("resize-col-B").getAttribute("aria-valuenow")) === String(Math.round(before)), 5_000, "column B's handle to report its width");
    await waitForSaved(page);
    // From the grid itself (the handles are outside the tab order, the grid being one tab stop):
    // Alt+Shift+ArrowRight widens the selected cell's column by 16 px.
    await page.locator("[data-testid=cell-B3]").click();
    const colBefore = await columnWidth(page, "B");
    await page.getByTestId("grid").press("Alt+Shift+ArrowRight");
    await waitUntil(page, async () => Math.round(await columnWidth(page, "B")) === Math.round(colBefore) + 16, 5_000, "column B to widen by 16 px from the grid");
    await waitForSaved(page);
    await shot(page, "layout-resized");
  });
});
