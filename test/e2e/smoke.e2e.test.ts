// Smoke test in a real browser: a new user lands on the first-look sheet, then edits a cell,
// makes a mistake, sees it explained, and fixes it.
import { describe, expect, it } from "vitest";
import {
  FIRST_LOOK_TIMEOUT_MS,
  cellPart,
  formulaText,
  numberValue,
  screenshot,
  shownValues,
  typeInCell,
  typeMistake,
  waitForCell,
  waitForIdle,
  waitUntil,
} from "./app.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

describe("smoke: a new user's first minutes", () => {
  it("lands on the first-look sheet, which loads MNIST and evaluates without errors", async () => {
    const t0 = Date.now();
    // The first-look sheet: MNIST loads in the worker, then the network's matmuls evaluate.
    const app = await session.firstLook();
    const { page } = app;
    await waitForCell(page, "A1", "shape", "[8000, 28, 28]", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await screenshot(page, "smoke-first-look");
    expect(await cellPart(page, "C3", "name")).toBe("loss");
    expect(await cellPart(page, "C3", "shape")).toBe("[]");
    // Untrained, the network guesses about uniformly over 10 digits: a loss near ln 10 ≈ 2.3.
    const loss = await numberValue(page, "C3");
    expect(loss).not.toBeNull();
    expect(loss!).toBeGreaterThan(1.5);
    expect(loss!).toBeLessThan(3.5);
    const errors = await page.locator("[data-testid=cell-error]").allInnerTexts();
    expect(errors, "no cell of the first-look sheet fails").toEqual([]);
    app.assertNoPageErrors();
    console.info(`smoke: the first-look sheet evaluated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it("edits an empty cell, shows a mistake in the cell and the formula bar, and clears it on a fix", async () => {
    const app = await session.firstLook();
    const { page } = app;

    // A new cell in an empty spot.
    expect(await cellPart(page, "B6", "name")).toBeNull();
    await typeInCell(page, "B6", "z = [1, 2, 3] * 2");
    await waitForCell(page, "B6", "name", "z");
    await waitForCell(page, "B6", "shape", "[3]");
    // A short vector shows its numbers, as NumPy prints them.
    await expect.poll(() => shownValues(page, "B6"), { timeout: 15_000 }).toEqual([2, 4, 6]);
    expect(await formulaText(page)).toBe("z = [1, 2, 3] * 2");
    await waitForIdle(page, { timeoutMs: 30_000 });

    // A mistake: the cell and the formula bar say what is wrong; the source stays as typed.
    expect(await typeMistake(page, "B6", "z = [1, 2] +")).toMatch(/parse/i);
    await screenshot(page, "smoke-error");

    // The fix clears both.
    await typeInCell(page, "B6", "z = [1, 2] + 1");
    await waitForCell(page, "B6", "shape", "[2]", { failOnError: false });
    await waitUntil(page, async () => (await cellPart(page, "B6", "error")) === null, 15_000, "B6's error to clear");
    await expect.poll(() => shownValues(page, "B6"), { timeout: 15_000 }).toEqual([2, 3]);
    await waitUntil(page, async () => !(await page.getByTestId("formula-error").isVisible()), 15_000, "the formula bar's error to clear");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "smoke-fixed");

    expect(await page.locator(".notice-error").count(), "no failure notice").toBe(0);
    app.assertNoPageErrors();
  });
});
