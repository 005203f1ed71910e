// Editing in a real browser: incremental re-evaluation, errors, cycles, undo/redo and the keyboard.
// The tests share one page on the first-look sheet (it takes a while to evaluate) and use
// disjoint empty cells: B6 (a mistake), A10–C10 (a cycle), A8–B8 (undo), D8–D9 (keyboard).
import { describe, expect, it } from "vitest";
import {
  cell,
  cellPart,
  screenshot,
  typeInCell,
  typeMistake,
  waitForCell,
  waitForIdle,
  waitUntil,
} from "./app.ts";
import {
  closeCompletions,
  evaluationCounts,
  formulaHasFocus,
  gridHasFocus,
  selectedAddress,
  waitForEmpty,
  waitForEvaluations,
  waitForFormula,
  waitForNumber,
} from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();
const firstLook = () => session.firstLook();

const FIRST_LOOK_CELLS = [
  "A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4", "C5", "C6", "D1", "E2", "E4", "E5",
];
/** b1 (B2) and everything downstream of it: hidden, probs, loss, test_probs, test_acc, confusion, fit, my_probs, guess. */
const B1_AND_DOWNSTREAM = ["B2", "C1", "C2", "C3", "C4", "C5", "C6", "D1", "E4", "E5"];

describe("editing", () => {
  it("re-evaluates exactly the cells downstream of an edit, and shows and clears a mistake", async () => {
    const { page } = await firstLook();
    const before = await evaluationCounts(page);
    expect(Object.keys(before).sort()).toEqual([...FIRST_LOOK_CELLS].sort());
    expect(await cellPart(page, "B2", "name")).toBe("b1");

    // Editing a param's initializer re-initializes it; everything downstream updates, nothing else.
    await typeInCell(page, "B2", "b1 = param(zeros([512]) + 0.01)");
    await waitForEvaluations(page, Object.fromEntries(B1_AND_DOWNSTREAM.map((a) => [a, before[a]! + 1])));
    // Idle: nothing pending or evaluating, and saved, for a while; a spurious re-evaluation would
    // have marked its cells pending and kept the sheet from being idle.
    await waitForIdle(page, { timeoutMs: 60_000 });
    const after = await evaluationCounts(page);
    const expected = { ...before };
    for (const a of B1_AND_DOWNSTREAM) expected[a] = before[a]! + 1;
    expect(after, "only b1 and its downstream cells were re-evaluated, once each").toEqual(expected);
    expect(await cellPart(page, "B2", "shape")).toBe("[512]");
    expect(await page.locator("[data-testid=cell-error]").allInnerTexts(), "no cell fails").toEqual([]);
    await screenshot(page, "editing-b1-downstream");

    // A mistake in an empty cell: explained in the cell and in the formula bar.
    // (No brackets: the editor closes them as you type.)
    await typeMistake(page, "B6", "bad = 1 + * 2");
    await screenshot(page, "editing-mistake");

    // The fix clears both.
    await typeInCell(page, "B6", "bad = 1 + 2 * 3");
    await waitForNumber(page, "B6", 7);
    await waitUntil(page, async () => (await cellPart(page, "B6", "error")) === null, 15_000, "B6's error to clear");
    await waitUntil(page, async () => !(await page.getByTestId("formula-error").isVisible()), 15_000, "the formula bar's error to clear");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-mistake-fixed");
    session.page()!.assertNoPageErrors();
  });

  it("names the cycle path on every cell of a circular reference", async () => {
    const { page } = await firstLook();
    await typeInCell(page, "A10", "p = q + 1");
    await typeInCell(page, "B10", "q = r * 2");
    await typeInCell(page, "C10", "r = p - 1");
    const paths: Record<string, string> = { A10: "p → q → r → p", B10: "q → r → p → q", C10: "r → p → q → r" };
    for (const [address, path] of Object.entries(paths)) {
      await waitForCell(page, address, "error", /circular reference/i);
      const error = (await cellPart(page, address, "error")) ?? "";
      expect(error, `${address} names the cycle`).toMatch(/circular reference/i);
      expect(error).toContain(path);
    }
    // The selected cell (r, the last edited) says so in the formula bar too.
    await waitUntil(page, () => page.getByTestId("formula-error").isVisible(), 15_000, "the formula bar's cycle error");
    expect(await page.getByTestId("formula-error").innerText()).toContain("→");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-cycle");
    session.page()!.assertNoPageErrors();
  });

  it("undoes and redoes the last three edits with Ctrl+Z / Ctrl+Shift+Z and the toolbar", async () => {
    const { page } = await firstLook();
    expect(await cellPart(page, "A8", "name")).toBeNull();
    expect(await cellPart(page, "B8", "name")).toBeNull();
    await typeInCell(page, "A8", "u = 1");
    await waitForNumber(page, "A8", 1);
    await typeInCell(page, "B8", "v = u + 1");
    await waitForNumber(page, "B8", 2);
    await typeInCell(page, "A8", "u = 5");
    await waitForNumber(page, "B8", 6);
    await waitForIdle(page, { timeoutMs: 30_000 });

    // A commit hands the focus back to the grid, which takes the shortcuts.
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus after a commit");
    await page.keyboard.press("Control+z"); // u = 5 → u = 1
    await waitForNumber(page, "A8", 1);
    await waitForNumber(page, "B8", 2);
    await waitForFormula(page, "u = 1");
    await page.keyboard.press("Control+z"); // v removed
    await waitForEmpty(page, "B8");
    await waitForNumber(page, "A8", 1);
    await page.keyboard.press("Control+z"); // u removed
    await waitForEmpty(page, "A8");
    await waitForEmpty(page, "B8");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-undone");

    await page.keyboard.press("Control+Shift+z"); // u = 1
    await waitForNumber(page, "A8", 1);
    expect(await cellPart(page, "B8", "name")).toBeNull();
    await page.keyboard.press("Control+Shift+z"); // v = u + 1
    await waitForNumber(page, "B8", 2);
    await page.keyboard.press("Control+Shift+z"); // u = 5
    await waitForNumber(page, "A8", 5);
    await waitForNumber(page, "B8", 6);
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-redone");

    // The toolbar buttons do the same.
    const undo = page.getByTestId("undo");
    const redo = page.getByTestId("redo");
    expect(await redo.isDisabled(), "nothing left to redo").toBe(true);
    await undo.click();
    await waitForNumber(page, "A8", 1);
    await waitForNumber(page, "B8", 2);
    expect(await redo.isEnabled()).toBe(true);
    await redo.click();
    await waitForNumber(page, "A8", 5);
    await waitForNumber(page, "B8", 6);
    await waitUntil(page, () => redo.isDisabled(), 5_000, "the redo button to be disabled again");
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-toolbar-undo-redo");
    session.page()!.assertNoPageErrors();
  });

  it("works from the keyboard alone: arrows, typing to edit, Enter, Escape, Tab, F2", async () => {
    const { page } = await firstLook();
    // One click, only to give the grid focus; from here on only keys.
    await cell(page, "A1").click();
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus");
    expect(await selectedAddress(page)).toBe("A1");

    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    // Down from fit (D1), which spans five rows: the first press leaves the span for D6.
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    expect(await selectedAddress(page)).toBe("D8");
    expect(await cell(page, "D8").getAttribute("aria-selected")).toBe("true");
    expect(await cellPart(page, "D8", "name")).toBeNull();

    // Typing a character starts editing in the formula bar; Enter commits.
    await page.keyboard.type("k = 6 * 7", { delay: 20 });
    expect(await formulaHasFocus(page), "typing moved the focus to the formula bar").toBe(true);
    await waitForFormula(page, "k = 6 * 7");
    await closeCompletions(page);
    await page.keyboard.press("Enter");
    await waitForCell(page, "D8", "name", "k");
    await waitForNumber(page, "D8", 42);
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus after Enter");
    await screenshot(page, "editing-keyboard-commit");

    // Escape while editing another cell discards the edit.
    await page.keyboard.press("ArrowDown");
    expect(await selectedAddress(page)).toBe("D9");
    await page.keyboard.type("m = 1", { delay: 20 });
    await waitForFormula(page, "m = 1");
    await closeCompletions(page);
    await page.keyboard.press("Escape");
    await waitForFormula(page, "");
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to have focus after Escape");
    // A committed edit would have made the sheet evaluate and save: wait until it is idle and saved.
    await waitForIdle(page, { timeoutMs: 30_000 });
    expect(await cellPart(page, "D9", "name"), "the discarded edit left D9 empty").toBeNull();
    await screenshot(page, "editing-keyboard-escape");

    // ArrowRight moves right (Tab leaves the grid, which is one tab stop: names-keys.e2e).
    await page.keyboard.press("ArrowRight");
    expect(await selectedAddress(page)).toBe("E9");
    expect(await cell(page, "E9").getAttribute("aria-selected")).toBe("true");
    await waitUntil(page, () => gridHasFocus(page), 5_000, "the grid to keep focus on ArrowRight");

    // Back to k with the arrows, F2 edits the source in place.
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowUp");
    expect(await selectedAddress(page)).toBe("D8");
    await page.keyboard.press("F2");
    expect(await formulaHasFocus(page)).toBe(true);
    await waitForFormula(page, "k = 6 * 7");
    await page.keyboard.press("End");
    await page.keyboard.type(" + 1", { delay: 20 });
    await closeCompletions(page);
    await page.keyboard.press("Enter");
    await waitForNumber(page, "D8", 43);
    await waitForIdle(page, { timeoutMs: 30_000 });
    await screenshot(page, "editing-keyboard-f2");
    session.page()!.assertNoPageErrors();
  });
});
