// The inspector's value table in a real browser: any element of a big tensor can be read and
// copied (W1 [784, 512] far down and right), and a 3-D tensor is read slice by slice.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cell, screenshot, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { useBrowserSession } from "./session.ts";
import { axeViolations, isBlocking } from "./axe.ts";

const session = useBrowserSession();

/** The address of the cell that defines `name` (examples may be laid out anywhere). */
async function addressOf(page: Page, name: string): Promise<string> {
  const address = await page.evaluate((wanted) => {
    for (const el of document.querySelectorAll<HTMLElement>("[data-testid=grid] [role=gridcell][data-address]")) {
      if (el.querySelector("[data-testid=cell-name]")?.textContent?.trim() === wanted) return el.dataset.address!;
    }
    return null;
  }, name);
  if (address === null) throw new Error(`no cell named ${name} in the grid`);
  return address;
}

/** An empty cell of the grid, the last one in reading order (well away from the example's cells). */
async function emptyAddress(page: Page): Promise<string> {
  return page.evaluate(() => {
    const empty = [...document.querySelectorAll<HTMLElement>("[data-testid=grid] [role=gridcell][data-address]")].filter((el) => !el.querySelector("[data-testid=cell-name]"));
    return empty[empty.length - 1]!.dataset.address!;
  });
}

/** axe-core's serious and critical WCAG 2 A/AA violations inside the value table, as "rule: targets". */
async function tableViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, ["[data-testid=value-table]"]);
  return violations.filter(isBlocking).map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The table's cell at (row, col), once its value has arrived. */
function loadedCell(table: Locator, row: number, col: number): Locator {
  return table.locator(`[data-testid=vt-cell][data-row="${row}"][data-col="${col}"]:not(.vt-pending)`);
}

async function textOf(page: Page, locator: Locator, expected: string | RegExp, what: string): Promise<string> {
  let last = "";
  await waitUntil(
    page,
    async () => {
      last = (await locator.innerText()).trim();
      return typeof expected === "string" ? last === expected : expected.test(last);
    },
    15_000,
    what,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last seen ${JSON.stringify(last)}`);
  });
  return last;
}

async function openTable(page: Page, address: string): Promise<Locator> {
  await cell(page, address).click();
  const inspector = page.getByTestId("inspector");
  const toggle = inspector.getByTestId("show-values-table");
  await toggle.waitFor({ state: "visible" });
  if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
  const table = inspector.getByTestId("value-table");
  await table.getByTestId("vt-grid").waitFor({ state: "visible" });
  return table;
}

describe("value table", () => {
  it("reads and copies W1[700, 500] of the first-look sheet, far down and right", async () => {
    const { page, context } = await session.firstLook();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.server().url).origin });
    const w1 = await addressOf(page, "W1");
    const table = await openTable(page, w1);
    const grid = table.getByTestId("vt-grid");
    expect(await grid.getAttribute("aria-rowcount")).toBe("785");
    expect(await grid.getAttribute("aria-colcount")).toBe("513");
    // Only what is in view is in the page.
    expect(await table.getByTestId("vt-cell").count()).toBeLessThanOrEqual(400);

    // Scroll the way the scroll bars do, to row 700 and column 500.
    await grid.evaluate((el) => {
      el.scrollTop = 700 * 22;
      el.scrollLeft = 500 * 92;
    });
    const target = loadedCell(table, 700, 500);
    await target.waitFor({ state: "visible" });
    expect(await table.getByTestId("vt-cell").count()).toBeLessThanOrEqual(400);
    expect(await grid.locator('[role=rowheader]').filter({ hasText: /^700$/ }).count()).toBe(1);
    expect(await grid.locator('[role=columnheader]').filter({ hasText: /^500$/ }).count()).toBe(1);

    await target.hover();
    const readout = await textOf(page, table.getByTestId("vt-readout"), /^W1\[700, 500\] = -?\d/, "the readout of W1[700, 500]");
    const exact = readout.replace("W1[700, 500] = ", "");
    // Glorot uniform for 784 × 512: |w| ≤ sqrt(6 / 1296) ≈ 0.068.
    expect(Math.abs(Number(exact))).toBeLessThanOrEqual(0.069);

    await target.click();
    await textOf(page, table.getByTestId("vt-status"), `Copied W1[700, 500] = ${exact}`, "the copy status");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(exact);
    await screenshot(page, "value-table-w1-700-500");

    // The engine's own W1[700, 500], as a cell: its one value is the same float32.
    const probe = await emptyAddress(page);
    await typeInCell(page, probe, "w_probe = W1[700, 500]");
    await waitForCell(page, probe, "name", "w_probe");
    await waitForIdle(page);
    const probeTable = await openTable(page, probe);
    await loadedCell(probeTable, 0, 0).hover();
    await textOf(page, probeTable.getByTestId("vt-readout"), `w_probe = ${exact}`, "the probe's value");
    expect(await probeTable.getByTestId("vt-grid").getAttribute("aria-rowcount")).toBe("2");
    session.page()!.assertNoPageErrors();
  });

  it("reads a 3-D tensor slice by slice, by mouse and keyboard", async () => {
    const { page } = await session.firstLook();
    const address = await emptyAddress(page);
    await typeInCell(page, address, "T3 = reshape(arange(24), [2, 3, 4])");
    await waitForCell(page, address, "shape", "[2, 3, 4]");
    await waitForIdle(page);
    const table = await openTable(page, address);
    const axis = table.getByLabel("axis 0");
    expect(await axis.inputValue()).toBe("0");
    expect((await table.getByTestId("vt-reading").innerText()).trim()).toBe("T3[0, :, :]");
    await textOf(page, loadedCell(table, 2, 3), "11", "T3[0, 2, 3]");

    await axis.fill("1");
    expect((await table.getByTestId("vt-reading").innerText()).trim()).toBe("T3[1, :, :]");
    await textOf(page, loadedCell(table, 0, 0), "12", "T3[1, 0, 0]");
    await textOf(page, loadedCell(table, 2, 3), "23", "T3[1, 2, 3]");
    expect(await table.getByTestId("vt-cell").count()).toBe(12);

    // Keyboard: the grid takes focus, arrows move the active element, Enter copies it.
    const grid = table.getByTestId("vt-grid");
    await page.mouse.move(0, 0);
    await grid.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await textOf(page, table.getByTestId("vt-readout"), "T3[1, 1, 1] = 17", "the active element's readout");
    expect(await grid.getAttribute("aria-activedescendant")).toBe(await loadedCell(table, 1, 1).getAttribute("id"));
    await page.keyboard.press("Enter");
    await textOf(page, table.getByTestId("vt-status"), "Copied T3[1, 1, 1] = 17", "the copy status");
    await screenshot(page, "value-table-rank3-slice");
    expect(await tableViolations(page)).toEqual([]);
    session.page()!.assertNoPageErrors();
  });

  it("spells out and tints nan and the infinities of a vector, one value per row", async () => {
    const { page } = await session.firstLook();
    const address = await emptyAddress(page);
    await typeInCell(page, address, "logs = log([-1, 0, 1, 2])");
    await waitForCell(page, address, "shape", "[4]");
    await waitForIdle(page);
    const table = await openTable(page, address);
    const grid = table.getByTestId("vt-grid");
    expect(await grid.locator("[role=columnheader]").allInnerTexts()).toEqual(["#", "value"]);
    expect(await grid.locator("[role=rowheader]").allInnerTexts()).toEqual(["0", "1", "2", "3"]);
    await textOf(page, loadedCell(table, 3, 0), "0.69315", "log(2)");
    expect(await table.getByTestId("vt-cell").allInnerTexts()).toEqual(["nan", "-inf", "0", "0.69315"]);
    expect(await table.locator(".vt-nonfinite").allInnerTexts()).toEqual(["nan", "-inf"]);
    await screenshot(page, "value-table-nonfinite");
    session.page()!.assertNoPageErrors();
  });

  it("reads the gradient twin ∂loss/∂W1: zero for the always-black corner pixel", async () => {
    const { page } = await session.firstLook();
    const table = await openTable(page, await addressOf(page, "W1"));
    const twin = page.getByTestId("inspector").getByTestId("gradient-toggle");
    await twin.check();
    const grid = table.getByTestId("vt-grid");
    await waitUntil(page, async () => (await grid.getAttribute("aria-label")) === "Values of ∂loss/∂W1", 15_000, "the table to read the gradient twin");
    // Pixel 0 is black in every MNIST image, so nothing flows back to row 0 of W1.
    const corner = loadedCell(table, 0, 0);
    await corner.click();
    await textOf(page, table.getByTestId("vt-status"), "Copied ∂loss/∂W1[0, 0] = 0", "the copy status of the gradient");
    // The centre pixel (14, 14) = row 406 is inked in many digits: some of its gradient is not zero.
    await grid.evaluate((el) => (el.scrollTop = 406 * 22));
    await loadedCell(table, 406, 0).waitFor({ state: "visible" });
    const row = await grid.locator('[data-testid=vt-cell][data-row="406"]').allInnerTexts();
    expect(row.length).toBeGreaterThan(0);
    expect(row.some((t) => Number(t) !== 0), `row 406 of ∂loss/∂W1: ${row.join(" ")}`).toBe(true);
    await screenshot(page, "value-table-gradient-twin");
    await twin.uncheck();
    session.page()!.assertNoPageErrors();
  });
});
