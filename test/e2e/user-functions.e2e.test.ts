// A function defined in a cell, in a real browser: the first-look sheet's blank cell defines
// dense(x, W, b); it shows as a function, autocomplete and the function reference offer it, and
// another cell calls it on the sheet's own tensors.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { cell, cellPart, screenshot, settleCompletions, waitForCell } from "./app.ts";
import { waitForFormula } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();
const panel = (page: Page) => page.getByRole("complementary", { name: "Function reference" });

describe("functions defined in a cell", () => {
  it("defines dense(x, W, b) in a blank cell, offers it in autocomplete and the reference, and calls it", async () => {
    const app = await session.firstLook();
    const { page } = app;
    // A8 is empty in the first-look sheet.
    await cell(page, "A8").click();
    await page.keyboard.type("dense(x, W, b) = relu(dot(x, W) + b)");
    await waitForFormula(page, "dense(x, W, b) = relu(dot(x, W) + b)");
    await settleCompletions(page);
    await page.keyboard.press("Enter");
    const notes = cell(page, "A8").getByTestId("cell-notes");
    await notes.filter({ hasText: "function dense(x, W, b)" }).waitFor();
    expect(await notes.innerText()).toBe("function dense(x, W, b): call it from another cell, e.g. dense(…)");
    expect(await cellPart(page, "A8", "error")).toBeNull();

    await cell(page, "A9").click();
    await page.keyboard.type("h4 = den");
    const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "dense" });
    await option.waitFor();
    expect(await option.locator(".cm-completionDetail").innerText()).toBe("dense(x, W, b)");
    await settleCompletions(page);
    await page.keyboard.type("se(x_train[0:4], W1, b1)");
    await waitForFormula(page, "h4 = dense(x_train[0:4], W1, b1)");
    await settleCompletions(page);
    await page.keyboard.press("Enter");
    await waitForCell(page, "A9", "shape", "[4, 512]");
    await screenshot(page, "user-function-defined-and-called");

    await page.keyboard.press("F1");
    await panel(page).waitFor({ state: "visible" });
    const groups = await panel(page).getByRole("group").evaluateAll((els) => els.map((e) => e.querySelector(".help-group-label")!.textContent));
    expect(groups[0]).toBe("Your functions");
    const entry = page.locator("[data-testid=help-entry][data-name=dense]");
    expect(await entry.locator(".help-signature").innerText()).toBe("dense(x, W, b)");
    expect(await entry.locator(".help-summary").innerText()).toBe("defined in A8");
    await screenshot(page, "user-function-in-reference");
    await page.keyboard.press("F1");
    await panel(page).waitFor({ state: "detached" });
    app.assertNoPageErrors();
    expect(app.consoleErrors).toEqual([]);
  });
});
