// Numbers first, in a real browser: small tensors show their values as NumPy prints them, labels
// open as exact class counts, a single digit as its image, and NaN and ±Inf carry a badge.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cell, cellPart, screenshot, shownValues, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { litPixels } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

/** The address of the cell named `name` (examples may be laid out anywhere on the grid). */
async function addressOf(page: Page, name: string): Promise<string> {
  let address: string | null = null;
  await waitUntil(
    page,
    async () => {
      address = await page.evaluate((n) => {
        const el = [...document.querySelectorAll<HTMLElement>("[data-testid=cell-name]")].find((e) => e.innerText.trim() === n);
        return el?.closest<HTMLElement>("[data-address]")?.dataset.address ?? null;
      }, name);
      return address !== null;
    },
    30_000,
    `a cell named ${name}`,
  );
  return address!;
}

/** An empty cell to type into: the grid's last one, past everything the sheet uses. */
async function emptyAddress(page: Page): Promise<string> {
  const address = await page.evaluate(() => {
    const empties = document.querySelectorAll<HTMLElement>("[data-testid=grid] .gc-empty[data-address]");
    return empties[empties.length - 1]?.dataset.address ?? null;
  });
  if (address === null) throw new Error("the grid has no empty cell");
  return address;
}

/** The text of a cell's values view, as shown. */
async function valuesText(page: Page, address: string): Promise<string> {
  const view = cell(page, address).getByTestId("view-values");
  await view.waitFor({ state: "visible" });
  return view.innerText();
}

describe("numbers first", () => {
  it("opens the MNIST labels as a histogram of exact class counts", async () => {
    const { page } = await session.firstLook();
    const address = await addressOf(page, "train_labels");
    const view = cell(page, address).getByTestId("view-classes");
    await view.waitFor({ state: "visible" });
    const classes = await view.locator("g.tv-class").evaluateAll((gs) => gs.map((g) => [Number(g.getAttribute("data-value")), Number(g.getAttribute("data-count"))]));
    expect(classes.map(([value]) => value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await view.locator("rect.tv-class-bar").count()).toBe(10);
    // Counts over all 8,000 labels, not a sample.
    expect(classes.reduce((sum, [, count]) => sum + count!, 0)).toBe(8000);
    expect(classes.every(([, count]) => count! > 500)).toBe(true);
    // Screen readers hear every count.
    const spoken = await view.locator("svg").getAttribute("aria-label");
    expect(spoken).toMatch(/class counts of a vector of 8000 values, 10 classes: /);
    expect(spoken!.endsWith(classes.map(([value, count]) => `${value}: ${count}`).join(", "))).toBe(true);
    await screenshot(page, "numbers-train-labels-classes");
    session.page()!.assertNoPageErrors();
  });

  it("offers a first layer's weight columns as 28 × 28 images beside the heatmap", async () => {
    const { page } = await session.firstLook();
    const address = await addressOf(page, "W1");
    await cell(page, address).getByTestId("view-heatmap").waitFor({ state: "visible" });
    await cell(page, address).click();
    const inspector = page.getByTestId("inspector");
    await waitUntil(page, async () => (await inspector.locator("h2").innerText()).includes("W1"), 5_000, "the inspector to show W1");
    await inspector.getByTestId("view-switcher-columns").click();
    const view = inspector.getByTestId("view-columns");
    await view.waitFor({ state: "visible" });
    expect(await view.getAttribute("aria-label")).toMatch(/column images of a 784 × 512 matrix, first 16 columns as 28 × 28 images$/);
    const selector = "[data-testid=inspector] [data-testid=view-columns] canvas";
    // Glorot weights centred on mid grey: every pixel of the 16 tiles is drawn.
    await waitUntil(page, async () => (await litPixels(page, selector)).lit >= 16 * 784 * 0.9, 10_000, "the columns to be drawn");
    await screenshot(page, "numbers-w1-columns");
    session.page()!.assertNoPageErrors();
  });

  it("opens a [28, 28] slice as the image of one digit", async () => {
    const { page } = await session.firstLook();
    const address = await emptyAddress(page);
    await typeInCell(page, address, "digit = train_images[0]");
    await waitForCell(page, address, "shape", "[28, 28]");
    const view = cell(page, address).getByTestId("view-images");
    await view.waitFor({ state: "visible" });
    const selector = `[data-testid=cell-${address}] [data-testid=view-images] canvas`;
    await waitUntil(page, async () => (await litPixels(page, selector)).lit > 50, 10_000, "the digit to be drawn");
    const pixels = await litPixels(page, selector);
    // One tile: the canvas is the image itself.
    expect([pixels.width, pixels.height]).toEqual([28, 28]);
    expect(await view.getAttribute("aria-label")).toMatch(/\bimage of a 28 × 28 matrix$/);
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "numbers-digit-image");
    session.page()!.assertNoPageErrors();
  });

  it("flags NaN and −Inf with a badge, in the cell and the inspector, and spells them in the values", async () => {
    const { page } = await session.firstLook();
    const address = await emptyAddress(page);
    await typeInCell(page, address, "logs = log([-1, 0, 1, 2])");
    await waitForCell(page, address, "shape", "[4]");
    const badge = cell(page, address).getByTestId("nonfinite-badge");
    await badge.waitFor({ state: "visible" });
    expect((await badge.innerText()).trim()).toBe("1 NaN · 1 −Inf");
    expect(await badge.getAttribute("aria-label")).toBe("Not finite: 1 NaN (not a number), 1 negative infinity");
    // NumPy's text, wrapped to the cell's width: "[      nan      -inf 0.        0.6931472]".
    expect((await valuesText(page, address)).replace(/\s+/g, " ")).toBe("[ nan -inf 0. 0.6931472]");
    expect(await shownValues(page, address)).toEqual([NaN, -Infinity, 0, 0.6931472]);
    await cell(page, address).click();
    const inInspector = page.getByTestId("inspector").locator("h2").getByTestId("nonfinite-badge");
    await inInspector.waitFor({ state: "visible" });
    expect((await inInspector.innerText()).trim()).toBe("1 NaN · 1 −Inf");
    // As bars, the NaN and the −Inf are marked slots that name their value.
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("view-switcher-bars").click();
    const marked = inspector.getByTestId("view-bars").getByTestId("bar-nonfinite");
    await expect.poll(() => marked.count()).toBe(2);
    expect(await marked.locator("title").allTextContents()).toEqual(["[0] = NaN", "[1] = −Inf"]);
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "numbers-nonfinite-badge");
    session.page()!.assertNoPageErrors();
  });

  it("shows the numbers of v, M and shape(T) in 'Tensors and their shape'", async () => {
    const { page } = await session.firstLook();
    await page.getByTestId("examples-menu").selectOption("01-tensors.tensorsheet.json");
    const v = await addressOf(page, "v");
    await waitForIdle(page, { timeoutMs: 30_000 });
    const m = await addressOf(page, "M");
    const shapeT = await addressOf(page, "shape_T");
    expect(await cellPart(page, v, "shape")).toBe("[5]");
    expect(await valuesText(page, v)).toBe("[12  3  6 14  7]");
    expect(await shownValues(page, v)).toEqual([12, 3, 6, 14, 7]);
    expect(await valuesText(page, m)).toBe("[[ 5 78  2 34  0]\n [ 6 79  3 35  1]\n [ 7 80  4 36  2]]");
    expect(await valuesText(page, shapeT)).toBe("[2 3 4]");
    // The numbers are the cells' own text, for reading, selecting and screen readers.
    for (const n of ["12", "3", "6", "14", "7"]) expect(await cell(page, v).textContent()).toContain(n);
    expect(await cell(page, shapeT).textContent()).toContain("[2 3 4]");
    await screenshot(page, "numbers-tensors-example");
    session.page()!.assertNoPageErrors();
  });
});
