// "Export a cell" in a real browser: the inspector downloads a cell's values as .npy and .csv and
// its view as a PNG, and both value files load back through Load data… as the same float32 values.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseNpy } from "../../engine/datasets/index.ts";
import { cell, numberValue, openApp, screenshot, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { openExample, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

const EXAMPLE = "02-tensor-operations.tensorsheet.json";
const EXAMPLE_ADDRESSES = ["A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3", "A4", "B4", "A5", "B5", "A6"];
/** W = [[0.5, -1, 0.25], [1, 0.5, -0.5]] divided by 3: values with all nine digits a float32 has. */
const THIRD = Float32Array.from([0.5, -1, 0.25, 1, 0.5, -0.5], (v) => v / 3);
const THIRD_CSV = "0.16666667,-0.33333334,0.083333336\n0.33333334,0.16666667,-0.16666667\n";

/** Click a download button of the inspector and return the file the browser saved. */
async function download(page: Page, format: "npy" | "csv" | "png"): Promise<{ name: string; bytes: Buffer }> {
  const saved = page.waitForEvent("download");
  await page.getByTestId("inspector").getByTestId(`download-${format}`).click();
  const file = await saved;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Load a file through Load data…, naming the dataset `name` in the prompt, and wait for the app to say so. */
async function loadData(page: Page, file: { name: string; bytes: Buffer }, name: string): Promise<void> {
  page.once("dialog", (d) => void d.accept(name));
  await page.getByTestId("load-data-input").setInputFiles({ name: file.name, mimeType: "application/octet-stream", buffer: file.bytes });
  await waitForNotice(page, new RegExp(`^Loaded ${file.name.replace(".", "\\.")} as dataset\\("${name}"\\), shape \\[2, 3\\]\\.$`));
}

/** Wait until the download row's status line says `text`. */
async function statusIs(page: Page, text: string): Promise<void> {
  const status = page.getByTestId("inspector").getByTestId("download-status");
  let last = "";
  await waitUntil(page, async () => (last = (await status.innerText()).trim()) === text, 10_000, `the download status to say ${JSON.stringify(text)}`).catch((e: Error) => {
    throw new Error(`${e.message}; last seen ${JSON.stringify(last)}`);
  });
}

async function select(page: Page, address: string): Promise<void> {
  await cell(page, address).click();
  await page.getByTestId("inspector").getByTestId("cell-downloads").waitFor({ state: "visible" });
}

describe("cell downloads", () => {
  it("downloads a 2-D cell as .npy and .csv, and both load back as exactly the same values", async () => {
    const app = await openApp(session.browser(), session.server().url);
    const { page } = app;
    await openExample(page, EXAMPLE, EXAMPLE_ADDRESSES);
    await typeInCell(page, "D1", "third = W / 3");
    await waitForCell(page, "D1", "shape", "[2, 3]");
    await waitForIdle(page);
    await select(page, "D1");
    await screenshot(page, "cell-downloads-inspector");

    const npy = await download(page, "npy");
    expect(npy.name).toBe("third.npy");
    const tensor = parseNpy(new Uint8Array(npy.bytes), npy.name);
    expect(tensor.shape).toEqual([2, 3]);
    expect(Float32Array.from(tensor.data)).toEqual(THIRD);
    const csv = await download(page, "csv");
    expect(csv.name).toBe("third.csv");
    expect(csv.bytes.toString("utf8")).toBe(THIRD_CSV);
    await statusIs(page, "Downloaded third.csv.");

    await loadData(page, npy, "third_npy");
    await loadData(page, csv, "third_csv");
    await typeInCell(page, "D2", 'back_npy = dataset("third_npy")');
    await typeInCell(page, "D3", 'back_csv = dataset("third_csv")');
    await typeInCell(page, "D4", "gap = max(abs(back_npy - third)) + max(abs(back_csv - third))");
    await waitForCell(page, "D2", "shape", "[2, 3]");
    await waitForCell(page, "D3", "shape", "[2, 3]");
    await waitForIdle(page);
    expect(await numberValue(page, "D4")).toBe(0);
    // Downloaded again, the loaded datasets are the same files, byte for byte.
    for (const address of ["D2", "D3"]) {
      await select(page, address);
      expect((await download(page, "npy")).bytes.equals(npy.bytes)).toBe(true);
      expect((await download(page, "csv")).bytes.toString("utf8")).toBe(THIRD_CSV);
    }
    app.assertNoPageErrors();
    await app.close();
  });

  it("downloads PNGs of canvas and SVG views, and says why a text view or a 3-D CSV cannot be", async () => {
    const app = await openApp(session.browser(), session.server().url);
    const { page } = app;
    await openExample(page, EXAMPLE, EXAMPLE_ADDRESSES);
    await select(page, "A1");
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("view-switcher-heatmap").click();
    await inspector.getByTestId("view-heatmap").waitFor({ state: "visible" });
    const heatmap = await download(page, "png");
    expect(heatmap.name).toBe("x.png");
    expect([...heatmap.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The IHDR chunk's width and height: the view's size on screen, not the 3 × 2 pixels it paints.
    expect(heatmap.bytes.readUInt32BE(16)).toBeGreaterThan(30);
    expect(heatmap.bytes.readUInt32BE(20)).toBeGreaterThan(20);

    await select(page, "A2");
    await inspector.getByTestId("view-switcher-bars").click();
    await inspector.getByTestId("view-bars").waitFor({ state: "visible" });
    const bars = await download(page, "png");
    expect(bars.name).toBe("b.png");
    expect(bars.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bars.bytes.length).toBeGreaterThan(500);

    await inspector.getByTestId("view-switcher-values").click();
    const png = inspector.getByTestId("download-png");
    await waitUntil(page, async () => (await png.getAttribute("aria-disabled")) === "true", 10_000, "the PNG button to be unavailable for the values view");
    const textReason = "The Values view has no picture to save: switch to another view for a PNG, or download the values as .npy or .csv.";
    expect(await png.getAttribute("title")).toBe(textReason);
    // aria-disabled, not disabled: it can still be clicked and focused, and says why it does nothing.
    await png.click({ force: true });
    await statusIs(page, textReason);

    await typeInCell(page, "D1", "T3 = reshape(arange(24), [2, 3, 4])");
    await waitForCell(page, "D1", "shape", "[2, 3, 4]");
    await waitForIdle(page);
    await select(page, "D1");
    const csv = inspector.getByTestId("download-csv");
    expect(await csv.getAttribute("aria-disabled")).toBe("true");
    expect(await csv.getAttribute("title")).toBe("CSV holds tables of up to 2 axes; this tensor has 3 (shape [2, 3, 4]). Download .npy instead.");
    await csv.focus();
    await page.keyboard.press("Enter");
    await statusIs(page, "CSV holds tables of up to 2 axes; this tensor has 3 (shape [2, 3, 4]). Download .npy instead.");
    const npy = await download(page, "npy");
    expect(npy.name).toBe("T3.npy");
    expect([...parseNpy(new Uint8Array(npy.bytes), npy.name).data]).toEqual(Array.from({ length: 24 }, (_, i) => i));
    await screenshot(page, "cell-downloads-3d");
    app.assertNoPageErrors();
    await app.close();
  });
});
