// The function reference in a real browser: F1 and the "?" button open it, the filter finds a
// function, the keyboard chooses one and Enter puts a call of it into the formula bar; Escape
// closes it and hands focus back. Every function of the language is listed with an example.
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../cells/index.ts";
import { cell, cellPart, formulaText, screenshot, settleCompletions, waitForCell } from "./app.ts";
import { formulaHasFocus, gridHasFocus, selectedAddress, waitForFormula } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";
import type { Page } from "playwright-core";
import { axeViolations } from "./axe.ts";

const session = useBrowserSession();
/** axe-core's WCAG 2 A/AA findings inside the panel, as "impact rule: target" lines. */
async function panelViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, ["[data-testid=help-panel]"]);
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${JSON.stringify(n.target)}`));
}

const panel = (page: Page) => page.getByRole("complementary", { name: "Function reference" });
const entryNames = (page: Page) => page.getByTestId("help-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));
const activeName = (page: Page) => page.locator("[data-testid=help-entry][aria-selected=true]").getAttribute("data-name");
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);

describe("the function reference", () => {
  it("opens on F1, lists every function with an example, and inserts the filtered choice on Enter", async () => {
    const app = await session.firstLook();
    const { page } = app;
    // A8 is empty in the first-look sheet.
    await cell(page, "A8").click();
    expect(await selectedAddress(page)).toBe("A8");
    expect(await gridHasFocus(page)).toBe(true);

    await page.keyboard.press("F1");
    await panel(page).waitFor({ state: "visible" });
    expect(await focusedTestId(page)).toBe("help-filter");
    expect(await page.getByRole("button", { name: "Function reference (F1)" }).getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByTestId("help-count").innerText()).toBe(`${FUNCTIONS.size} functions · ↑↓ choose · Enter inserts`);
    expect([...(await entryNames(page))].sort()).toEqual([...FUNCTIONS.keys()].sort());
    const examples = await page.getByTestId("help-example").allInnerTexts();
    expect(examples).toHaveLength(FUNCTIONS.size);
    expect(examples.filter((e) => e.replace(/^e\.g\.\s*/, "").trim() === "")).toEqual([]);
    const groups = await panel(page).getByRole("group").evaluateAll((els) => els.map((e) => e.querySelector(".help-group-label")!.textContent));
    expect(groups).toEqual(["Creation", "Element-wise", "Comparisons", "Reductions", "Products", "Shapes", "Neural networks & losses", "Data", "Training"]);
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? "light")).toBe("light");
    await screenshot(page, "help-panel-light");
    expect(await panelViolations(page)).toEqual([]);

    await page.keyboard.type("soft");
    await page.getByTestId("help-count").filter({ hasText: "2 functions" }).waitFor();
    expect(await entryNames(page)).toEqual(["softmax", "log_softmax"]);
    expect(await activeName(page)).toBe("softmax");
    const softmax = page.locator("[data-testid=help-entry][data-name=softmax]");
    expect(await softmax.locator(".help-signature").innerText()).toBe("softmax(x, axis?)");
    expect(await softmax.locator(".help-summary").innerText()).toBe("exp(x) normalized to sum to 1 along axis (default -1)");
    expect(await page.getByTestId("help-filter").getAttribute("aria-activedescendant")).toBe(await softmax.getAttribute("id"));
    await page.keyboard.press("ArrowDown");
    expect(await activeName(page)).toBe("log_softmax");
    await page.keyboard.press("ArrowUp");
    expect(await activeName(page)).toBe("softmax");
    await screenshot(page, "help-panel-filtered");

    await page.keyboard.press("Enter");
    await waitForFormula(page, "softmax(x)");
    expect(await formulaHasFocus(page)).toBe(true);
    // The placeholder is selected: typing replaces it.
    await page.keyboard.type("[1, 2, 3]");
    await waitForFormula(page, "softmax([1, 2, 3])");
    await settleCompletions(page);
    await page.keyboard.press("Enter");
    await waitForCell(page, "A8", "shape", "[3]");
    expect(await cellPart(page, "A8", "error")).toBeNull();
    app.assertNoPageErrors();
  });

  it("closes on Escape and gives focus back; the ? button opens it and a click inserts at the cursor", async () => {
    const app = await session.firstLook();
    const { page } = app;
    // Still open from the first test; the grid had focus when it opened.
    await page.getByTestId("help-filter").click();
    await page.keyboard.press("Escape");
    await panel(page).waitFor({ state: "detached" });
    expect(await gridHasFocus(page)).toBe(true);
    expect(await page.getByRole("button", { name: "Function reference (F1)" }).getAttribute("aria-expanded")).toBe("false");

    // An empty cell's draft "y = " gets the call at its cursor.
    await cell(page, "A9").click();
    await page.keyboard.type("y = ");
    await waitForFormula(page, "y = ");
    await settleCompletions(page);
    await page.getByRole("button", { name: "Function reference (F1)" }).click();
    await panel(page).waitFor({ state: "visible" });
    expect(await focusedTestId(page)).toBe("help-filter");
    await page.keyboard.type("zzz");
    expect(await page.getByTestId("help-count").innerText()).toBe("No function matches “zzz”");
    expect(await entryNames(page)).toEqual([]);
    await page.getByTestId("help-filter").fill("");
    await page.keyboard.type("zeros");
    await page.getByTestId("help-count").filter({ hasText: "1 function ·" }).waitFor();
    await page.locator("[data-testid=help-entry][data-name=zeros]").click();
    await waitForFormula(page, "y = zeros(shape)");
    expect(await formulaHasFocus(page)).toBe(true);
    await page.keyboard.type("[2]");
    expect(await formulaText(page)).toBe("y = zeros([2])");

    // F1 toggles it closed again.
    await page.keyboard.press("F1");
    await panel(page).waitFor({ state: "detached" });
    app.assertNoPageErrors();
    expect(app.consoleErrors).toEqual([]);
  });
});
