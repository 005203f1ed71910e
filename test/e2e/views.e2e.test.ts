// Tensor views in a real browser: MNIST digits as images, a weight matrix as a heatmap with a
// hover read-out, and 2×2 matrices as maps of the plane with their determinant.
import { describe, expect, it } from "vitest";
import {
  cell,
  cellPart,
  screenshot,
  shownValues,
  waitForCell,
  waitForIdle,
  waitUntil,
} from "./app.ts";
import { litPixels } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();
const firstLook = () => session.firstLook();

describe("views", () => {
  it("shows the MNIST digits as images", async () => {
    const { page } = await firstLook();
    const view = cell(page, "A1").getByTestId("view-images");
    await view.waitFor({ state: "visible" });
    const canvas = view.locator("canvas");
    await expect.poll(() => canvas.count()).toBe(1);
    const box = await canvas.boundingBox();
    expect(box && box.width > 20 && box.height > 20, "the image grid is drawn at a visible size").toBe(true);
    // Digits are white strokes on black: some pixels are lit.
    const pixels = await litPixels(page, "[data-testid=cell-A1] [data-testid=view-images] canvas");
    expect(pixels.width).toBeGreaterThan(0);
    expect(pixels.lit, "some pixels of the digits are lit").toBeGreaterThan(100);
    // Hovering the first tile names the image.
    await canvas.hover({ position: { x: 3, y: 3 } });
    const readout = view.getByTestId("readout");
    await readout.waitFor({ state: "visible", timeout: 5_000 });
    expect((await readout.innerText()).trim()).toMatch(/^image \d+/);
    await screenshot(page, "views-mnist-images");
    await page.mouse.move(0, 0);
    session.page()!.assertNoPageErrors();
  });

  it("shows a weight matrix as a heatmap with a hover read-out of index and value", async () => {
    const { page } = await firstLook();
    expect(await cellPart(page, "B1", "name")).toBe("W1");
    expect(await cellPart(page, "B1", "shape")).toBe("[784, 512]");
    const view = cell(page, "B1").getByTestId("view-heatmap");
    await view.waitFor({ state: "visible" });
    const canvas = view.locator("canvas");
    const box = await canvas.boundingBox();
    expect(box && box.width > 10 && box.height > 10, "the heatmap is drawn at a visible size").toBe(true);
    await canvas.hover({ position: { x: box!.width * 0.3, y: box!.height * 0.6 } });
    const readout = view.getByTestId("readout");
    await readout.waitFor({ state: "visible", timeout: 5_000 });
    const text = (await readout.innerText()).trim();
    // A block mean names its block, "mean [288–291, 192–197] = v": read its first entry.
    const m = /\[(\d+)(?:–\d+)?, (\d+)(?:–\d+)?\]\s*[=≈]\s*(-?[\d.]+(?:e[-+]?\d+)?)/.exec(text);
    expect(m, `readout ${JSON.stringify(text)} gives [i, j] and a value`).not.toBeNull();
    const [i, j, v] = [Number(m![1]), Number(m![2]), Number(m![3])];
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(784);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(512);
    // Glorot uniform for 784 × 512: |w| ≤ sqrt(6 / (784 + 512)) ≈ 0.068.
    expect(Math.abs(v)).toBeLessThanOrEqual(0.07);
    await screenshot(page, "views-heatmap-readout");
    await page.mouse.move(0, 0);

    // In the inspector, the view switcher offers the heatmap (shown) among others.
    await cell(page, "B1").click();
    const inspector = page.getByTestId("inspector");
    const switcher = inspector.getByTestId("view-switcher");
    await switcher.waitFor({ state: "visible" });
    expect(await switcher.getByTestId("view-switcher-heatmap").getAttribute("aria-pressed")).toBe("true");
    await inspector.getByTestId("view-heatmap").waitFor({ state: "visible" });
    await screenshot(page, "views-heatmap-inspector");
    session.page()!.assertNoPageErrors();
  });

  it("shows 2×2 matrices of the geometric example as numbers, and as maps of the plane with their determinant", async () => {
    const { page } = await firstLook();
    await page.getByTestId("examples-menu").selectOption("03-geometric.tensorsheet.json");
    await waitForCell(page, "A3", "name", "rotation", { timeoutMs: 30_000 });
    await waitForIdle(page, { timeoutMs: 30_000 });
    // A 2×2 matrix opens on its numbers (it may as well be data or a gradient); the geometric view
    // is one click away in the inspector's view switcher.
    const matrices: Record<string, [string, number[], number]> = {
      A3: ["rotation", [0.8660254, -0.5, 0.5, 0.8660254], 1],
      A4: ["scaling", [2, 0, 0, 0.5], 1],
      A5: ["shear", [1, 1, 0, 1], 1],
    };
    const inspector = page.getByTestId("inspector");
    for (const [address, [name, values, det]] of Object.entries(matrices)) {
      expect(await cellPart(page, address, "name")).toBe(name);
      expect(await cellPart(page, address, "shape")).toBe("[2, 2]");
      expect(await shownValues(page, address)).toEqual(values);
      await cell(page, address).click();
      await waitUntil(page, async () => (await inspector.locator("h2").innerText()).includes(name), 5_000, `the inspector to show ${name}`);
      await inspector.getByTestId("view-switcher-geometric").click();
      expect(await inspector.getByTestId("view-switcher-geometric").getAttribute("aria-pressed")).toBe("true");
      const view = inspector.getByTestId("view-geometric");
      await view.waitFor({ state: "visible" });
      const determinant = (await view.getByTestId("determinant").innerText()).trim();
      const m = /det\s*=\s*(-?[\d.]+(?:e[-+]?\d+)?)/.exec(determinant);
      expect(m, `${address} shows its determinant (${JSON.stringify(determinant)})`).not.toBeNull();
      expect(Number(m![1])).toBeCloseTo(det, 4);
      expect(await view.locator("svg").count()).toBe(1);
      if (address === "A3") await screenshot(page, "views-geometric-inspector");
    }
    await screenshot(page, "views-geometric-cells");
    session.page()!.assertNoPageErrors();
  });
});
