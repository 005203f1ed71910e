// "PyTorch script" in a real browser: the first-look sheet, which reads MNIST, downloads as a zip of
// a Python program (its header says how to run it, its cells are the sheet's, one statement each
// under its source) with the digits and the large values beside it as .npy files.
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
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
    const title = await page.getByTestId("sheet-title").inputValue();
    expect(file.suggestedFilename()).toBe(`${title}.zip`);
    const entries = unzipSync(readFileSync((await file.path())!));
    const data = ["W1.npy", "W2.npy", "mnist_test_images.npy", "mnist_test_labels.npy", "mnist_train_images.npy", "mnist_train_labels.npy"];
    expect(Object.keys(entries).sort()).toEqual([`${title}/${title}.py`, ...data.map((f) => `${title}/${f}`)].sort());
    // NumPy's magic, and the training split's 8,000 labels as uint8 after a 128-byte header.
    expect(strFromU8(entries[`${title}/mnist_train_labels.npy`]!.subarray(0, 6), true)).toBe("\x93NUMPY");
    expect(entries[`${title}/mnist_train_labels.npy`]!.length).toBe(128 + 8000);
    const script = strFromU8(entries[`${title}/${title}.py`]!);

    expect(script.split("\n").slice(0, 2)).toEqual(["#!/usr/bin/env python3", `r"""${title}: exported from Tensorsheet (20 cells).`]);
    expect(script).toContain("    torchrun --nproc_per_node=N ");
    expect(script).toContain("# C1: hidden = relu(dot(x_train, W1) + b1)\nhidden = torch.relu(dot(x_train, W1) + b1)\n");
    expect(script).toContain('W1 = param(torch.from_numpy(load_array("W1.npy")))');
    expect(script).toContain('if __name__ == "__main__":\n    main()\n');
    const notice = await waitForNotice(page, new RegExp(`^Wrote ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.zip: unzip it and run python3 `));
    expect(notice.text).toContain(`run python3 '${title}.py' in its folder; beside the script are the data it reads and its large values as .npy files (`);
    expect(await button.getAttribute("data-exported")).toBe(`${title}.zip`);
    await screenshot(page, "export-pytorch");
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
