// Honest colour in a real browser: W1's colour bar ends are the engine's min(W1) and max(W1), not
// the block means drawn; signed weights get a diverging map; a downsampled map says so; NaN and
// ±Inf are drawn in flag colours with swatches in the legend.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cell, screenshot, typeInCell, waitForCell, waitUntil } from "./app.ts";
import { RESULTS_DIR } from "./app.ts";
import { useBrowserSession } from "./session.ts";
import { axeViolations } from "./axe.ts";

const session = useBrowserSession();
/** axe-core's WCAG 2 A/AA violations inside every heatmap on the page, as "rule: target" lines. */
async function heatmapA11yViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, ["[data-testid=view-heatmap]"]);
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${JSON.stringify(n.target)}`));
}

/** The first row below every filled cell: its cells in column A and below are empty. */
async function firstEmptyRow(page: Page): Promise<number> {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=grid] [data-testid^=cell-]")]
      .filter((el) => el.querySelector("[data-testid=cell-name], [data-testid=cell-error]"))
      .map((el) => /^cell-[A-Z]+(\d+)$/.exec(el.getAttribute("data-testid") ?? "")?.[1])
      .filter((r): r is string => r !== undefined)
      .map(Number),
  );
  return Math.max(0, ...rows) + 1;
}

/** The address of the cell named `name` (the examples' layout may move cells around). */
async function addressOf(page: Page, name: string): Promise<string> {
  const found = await page.evaluate(
    (wanted) =>
      [...document.querySelectorAll("[data-testid=grid] [data-testid^=cell-]")]
        .find((el) => /^cell-[A-Z]+\d+$/.test(el.getAttribute("data-testid") ?? "") && el.querySelector("[data-testid=cell-name]")?.textContent?.trim() === wanted)
        ?.getAttribute("data-testid")
        ?.slice("cell-".length) ?? null,
    name,
  );
  if (!found) throw new Error(`no cell named ${name}`);
  return found;
}

/** The exact value a scalar cell shows (its number view's title carries it unrounded). */
async function scalarValue(page: Page, address: string): Promise<number> {
  const out = cell(page, address).getByTestId("number-value").first();
  await out.waitFor({ state: "visible" });
  const exact = await out.getAttribute("title");
  return Number(exact ?? (await out.innerText()).trim());
}

interface LegendEnds {
  readonly minText: string;
  readonly maxText: string;
  readonly min: number;
  readonly max: number;
}

async function legendEnds(view: Locator): Promise<LegendEnds> {
  const min = view.getByTestId("legend-min");
  const max = view.getByTestId("legend-max");
  return {
    minText: (await min.innerText()).trim(),
    maxText: (await max.innerText()).trim(),
    min: Number(await min.getAttribute("data-value")),
    max: Number(await max.getAttribute("data-value")),
  };
}

/** The RGBA of the canvas pixel drawn for displayed entry [row, col]. */
async function canvasPixel(canvas: Locator, row: number, col: number): Promise<number[]> {
  return canvas.evaluate((el, [r, c]) => [...(el as HTMLCanvasElement).getContext("2d")!.getImageData(c!, r!, 1, 1).data], [row, col]);
}

describe("honest colour", () => {
  it("W1's colour bar ends are the engine's min(W1) and max(W1), on a diverging map", async () => {
    const { page } = await session.firstLook();
    const w1 = await addressOf(page, "W1");
    const view = cell(page, w1).getByTestId("view-heatmap");
    await view.waitFor({ state: "visible" });
    const legend = view.getByTestId("legend");
    expect(await legend.getAttribute("data-scale")).toBe("diverging");
    expect((await view.getByTestId("heatmap-downsampled").innerText()).trim()).toBe("block means, 784×512 → 96×96");
    const ends = await legendEnds(view);

    const row = await firstEmptyRow(page);
    await typeInCell(page, `A${row}`, "w1_min = min(W1)");
    await waitForCell(page, `A${row}`, "name", "w1_min");
    await typeInCell(page, `A${row + 1}`, "w1_max = max(W1)");
    await waitForCell(page, `A${row + 1}`, "name", "w1_max");
    const engineMin = await scalarValue(page, `A${row}`);
    const engineMax = await scalarValue(page, `A${row + 1}`);

    // Glorot uniform for 784 × 512 reaches ±sqrt(6 / 1296) ≈ ±0.068; its block means only ±0.023.
    expect(engineMin).toBeLessThan(-0.06);
    expect(engineMax).toBeGreaterThan(0.06);
    expect(ends.min).toBe(engineMin);
    expect(ends.max).toBe(engineMax);
    // The labels are the same numbers in the app's 5-significant-digit format.
    expect(Number(ends.minText)).toBe(Number(engineMin.toPrecision(5)));
    expect(Number(ends.maxText)).toBe(Number(engineMax.toPrecision(5)));
    await cell(page, w1).screenshot({ path: `${RESULTS_DIR}/colour-W1-heatmap-cell.png` });

    // The inspector's larger heatmap tells the same truth.
    await cell(page, w1).click();
    const large = page.getByTestId("inspector").getByTestId("view-heatmap");
    await large.waitFor({ state: "visible" });
    expect(await legendEnds(large)).toEqual(ends);
    expect(await large.getByTestId("legend").getAttribute("data-scale")).toBe("diverging");
    expect((await large.getByTestId("heatmap-downsampled").innerText()).trim()).toBe("block means, 784×512 → 96×96");

    // Hovering a block says it is a block mean and which rows and cols it covers.
    const canvas = large.locator("canvas");
    const box = (await canvas.boundingBox())!;
    await canvas.hover({ position: { x: 1, y: 1 } });
    const readout = large.getByTestId("readout");
    await readout.waitFor({ state: "visible" });
    expect((await readout.innerText()).trim()).toMatch(/^block mean of rows 0–7, cols 0–4 \(40 values\) = -?[\d.e-]+$/);
    expect(await readout.evaluate((el) => el.scrollWidth <= el.clientWidth), "the read-out is not cut off").toBe(true);
    expect(box.width).toBeGreaterThan(96);
    await screenshot(page, "colour-W1-inspector");
    await page.mouse.move(0, 0);
    session.page()!.assertNoPageErrors();
  });

  it("draws NaN and ±Inf in flag colours, with swatches that count them", async () => {
    const { page } = await session.firstLook();
    const row = await firstEmptyRow(page);
    const address = `A${row}`;
    // 100 values, more than a cell prints as numbers, so the default view is the heatmap.
    await typeInCell(page, address, "logs = log(reshape(arange(-1, 99), [10, 10]))");
    await waitForCell(page, address, "name", "logs");
    const view = cell(page, address).getByTestId("view-heatmap");
    await view.waitFor({ state: "visible" });
    await waitUntil(page, () => view.getByTestId("legend-nan").isVisible(), 15_000, "the NaN swatch");
    expect((await view.getByTestId("legend-nan").innerText()).trim()).toBe("NaN");
    expect(await view.getByTestId("legend-nan").getAttribute("data-count")).toBe("1");
    expect((await view.getByTestId("legend-inf").innerText()).trim()).toBe("±Inf");
    expect(await view.getByTestId("legend-inf").getAttribute("data-count")).toBe("1");
    // The finite values are 0 … log(98), all non-negative: a sequential map, ends from the finite values.
    expect(await view.getByTestId("legend").getAttribute("data-scale")).toBe("sequential");
    const ends = await legendEnds(view);
    expect([ends.minText, ends.maxText]).toEqual(["0", "4.585"]);
    // Exact: no caption.
    expect(await view.getByTestId("heatmap-downsampled").count()).toBe(0);
    const canvas = view.locator("canvas");
    expect(await canvasPixel(canvas, 0, 0)).toEqual([255, 0, 255, 255]); // log(-1) = NaN: magenta
    expect(await canvasPixel(canvas, 0, 1)).toEqual([0, 0, 0, 255]); // log(0) = -Inf: black
    await cell(page, address).screenshot({ path: `${RESULTS_DIR}/colour-non-finite-cell.png` });
    // The heatmaps (W1's, in the cell and the inspector, and this one) pass axe-core's WCAG A/AA rules.
    expect(await page.getByTestId("view-heatmap").count()).toBeGreaterThanOrEqual(3);
    expect(await heatmapA11yViolations(page)).toEqual([]);
    session.page()!.assertNoPageErrors();
  });
});
