// A convnet's layers as pictures, in a real browser: in the convnet sheet each conv and pool cell
// shows sample 0's channels as tiled heatmaps on a shared scale (no hand-made tiling cells), and
// the first kernel K1 shows its 32 filters.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/app-server.node.ts";
import { cell, screenshot, waitUntil } from "./app.ts";
import { openExample } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();
const EXAMPLE = "08-convnet.tensorsheet.json";
const ADDRESSES = (JSON.parse(readFileSync(path.join(REPO_ROOT, "public", "examples", EXAMPLE), "utf8")) as { cells: { address: string }[] }).cells.map((c) => c.address);

describe("feature maps", () => {
  it("shows each conv layer's maps for the first digit, and K1's filters, in the cell and the inspector", async () => {
    const app = await session.firstLook();
    const { page } = app;
    await openExample(page, EXAMPLE, ADDRESSES);
    const layers: [string, number, string][] = [
      ["C2", 32, "feature maps of a 64 × 26 × 26 × 32 tensor, sample 0 of 64: 32 maps of 26 × 26"],
      ["C3", 32, "feature maps of a 64 × 13 × 13 × 32 tensor, sample 0 of 64: 32 maps of 13 × 13"],
      ["C4", 64, "feature maps of a 64 × 11 × 11 × 64 tensor, sample 0 of 64: 64 maps of 11 × 11"],
      ["C5", 64, "feature maps of a 64 × 5 × 5 × 64 tensor, sample 0 of 64: 64 maps of 5 × 5"],
      ["C6", 128, "feature maps of a 64 × 3 × 3 × 128 tensor, sample 0 of 64: 128 maps of 3 × 3"],
    ];
    for (const [address, count, label] of layers) {
      const view = cell(page, address).getByTestId("view-maps");
      await view.waitFor({ state: "visible" });
      expect(await view.getAttribute("data-count")).toBe(String(count));
      expect(await view.getAttribute("aria-label")).toBe(label);
    }
    await screenshot(page, "feature-maps-convnet-cells");

    await cell(page, "C2").click();
    const inspector = page.getByTestId("inspector");
    const caption = inspector.getByTestId("maps-caption");
    await waitUntil(page, async () => (await caption.count()) > 0 && (await caption.innerText()).startsWith("sample 0 of 64: 32 maps of 26 × 26 · shared scale 0"), 15_000, "conv1's maps in the inspector");
    expect(await inspector.getByTestId("view-switcher-maps").getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "feature-maps-conv1-inspector");

    await cell(page, "B1").click();
    await waitUntil(page, async () => (await caption.count()) > 0 && (await caption.innerText()).startsWith("32 filters of 3 × 3 · shared scale"), 15_000, "K1's filters in the inspector");
    expect(await cell(page, "B1").getByTestId("view-maps").getAttribute("data-count")).toBe("32");
    await screenshot(page, "feature-maps-k1-filters");

    app.assertNoPageErrors();
    expect(app.consoleErrors).toEqual([]);
  });
});
