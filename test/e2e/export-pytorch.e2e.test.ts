// "PyTorch script" in a real browser: the first-look sheet downloads as a Python program whose
// header says how to run it and whose cells are the sheet's, one statement each under its source.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { screenshot, waitUntil } from "./app.ts";
import { readNotice, showFileActions, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

describe("export as PyTorch", () => {
  it("downloads the first-look sheet as a PyTorch script named after the sheet", async () => {
    const { page, consoleErrors } = await session.firstLook();
    await showFileActions(page);
    const saved = page.waitForEvent("download", { timeout: 120_000 });
    await page.getByRole("button", { name: "PyTorch script" }).click();
    // Its accessible name says "Writing script…" while busy, so follow it by its test id.
    const button = page.getByTestId("export-pytorch-button");
    // The script is written in a worker: wait until the button says it was exported, or the notice says why not.
    await waitUntil(page, async () => (await button.getAttribute("data-exported")) !== null || (await readNotice(page))?.error === true, 120_000, "the script to be written");
    const failure = await readNotice(page);
    if (failure?.error) throw new Error(`the export failed: ${failure.text}`);
    const file = await saved;
    const script = readFileSync((await file.path())!, "utf8");
    const title = await page.getByTestId("sheet-title").inputValue();

    expect(file.suggestedFilename()).toBe(`${title}.py`);
    expect(script.split("\n").slice(0, 2)).toEqual(["#!/usr/bin/env python3", `r"""${title}: exported from Tensorsheet (16 cells).`]);
    expect(script).toContain("    torchrun --nproc_per_node=N ");
    expect(script).toContain("# C1: hidden = relu(dot(x_train, W1) + b1)\nhidden = torch.relu(dot(x_train, W1) + b1)\n");
    expect(script).toContain('W1 = param(from_base64("');
    expect(script).toContain('if __name__ == "__main__":\n    main()\n');
    const notice = await waitForNotice(page, new RegExp(`^Wrote ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.py: run it with python3 `));
    // The first-look sheet reads MNIST, which stays out of the one file: the notice says where the script looks.
    expect(notice.text).toContain(`python3 '${title}.py'; it holds the sheet's current values. It reads its data from .npy files beside it: `);
    expect(await button.getAttribute("data-exported")).toBe(`${title}.py`);
    await screenshot(page, "export-pytorch");
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
