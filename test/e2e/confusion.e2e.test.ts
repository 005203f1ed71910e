// The confusion matrix in a real browser: the first-look sheet's confusion cell (untrained, so
// most test digits land off the diagonal) opens in the inspector as a matrix of count squares;
// clicking one, or Enter/Space on a focused one, lists that square's test digits as images.
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { IMAGE_BUDGET, SQUARE_LIST_CAP } from "../../cells/preview-confusion.ts";
import { cell, screenshot, waitUntil } from "./app.ts";
import { axeViolations, isBlocking } from "./axe.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

interface Square {
  readonly truth: number;
  readonly predicted: number;
  readonly count: number;
}

async function squaresOf(view: Locator): Promise<Square[]> {
  return view.getByTestId("confusion-square").evaluateAll((els) =>
    els.map((el) => ({ truth: Number(el.dataset.truth), predicted: Number(el.dataset.predicted), count: Number(el.dataset.count) })),
  );
}

/** As cells/preview-confusion.ts caps it: 12 per square, fewer (not under 4) when many squares share the budget. */
function listedOf(squares: readonly Square[], count: number): number {
  const wrong = squares.filter((s) => s.truth !== s.predicted && s.count > 0).length;
  return Math.min(count, Math.max(4, Math.min(SQUARE_LIST_CAP, Math.floor(IMAGE_BUDGET / wrong))));
}

async function expectListed(page: Page, view: Locator, squares: readonly Square[], s: Square): Promise<void> {
  const heading = view.getByTestId("confusion-heading");
  const want = `True ${s.truth}, predicted ${s.predicted}: ${s.count} digit${s.count === 1 ? "" : "s"}`;
  await waitUntil(page, async () => (await heading.innerText()) === want, 15_000, `the list of true ${s.truth}, predicted ${s.predicted}`);
  const listed = listedOf(squares, s.count);
  expect(await view.getByTestId("confusion-example").count()).toBe(listed);
  expect(await view.locator("[data-testid=confusion-example] canvas[role=img]").count()).toBe(listed);
  const more = view.getByTestId("confusion-more");
  if (s.count > listed) expect(await more.innerText()).toBe(`and ${s.count - listed} more`);
  else expect(await more.count()).toBe(0);
  expect(await view.getByTestId("confusion-missing").count()).toBe(0);
  // Each thumbnail is a digit of the square: its index is a test digit, labelled as such.
  const first = view.getByTestId("confusion-example").first();
  const index = await first.getAttribute("data-index");
  expect(await first.locator("canvas").getAttribute("aria-label")).toBe(`digit ${index}`);
  expect(await first.innerText()).toBe(`#${index}`);
}

describe("the confusion matrix", () => {
  it("opens a square's misclassified test digits by click and by keyboard", async () => {
    const app = await session.firstLook();
    const { page } = app;
    await cell(page, "C6").click();
    const view = page.getByTestId("inspector").getByTestId("view-confusion");
    await view.waitFor({ state: "visible" });
    expect(await view.getAttribute("aria-label")).toBe("confusion matrix of 10 classes, rows true, columns predicted");

    // The matrix fits the inspector: no square is cut off at its right edge.
    const widths = await page.evaluate(() => [document.querySelector(".tv-cm")!.clientWidth, document.querySelector(".tv-cm-table")!.getBoundingClientRect().width]);
    expect(widths[1]).toBeLessThanOrEqual(widths[0]!);
    const squares = await squaresOf(view);
    expect(squares).toHaveLength(100);
    expect(squares.reduce((a, s) => a + s.count, 0)).toBe(2000);
    const wrong = squares.filter((s) => s.truth !== s.predicted && s.count > 0).sort((a, b) => b.count - a.count);
    expect(wrong.length).toBeGreaterThan(1);

    // Click the fullest wrong square: it holds more digits than are listed.
    const big = wrong[0]!;
    const bigButton = view.locator(`[data-testid=confusion-square][data-truth="${big.truth}"][data-predicted="${big.predicted}"]`);
    expect(await bigButton.getAttribute("aria-label")).toBe(`true ${big.truth}, predicted ${big.predicted}: ${big.count} digit${big.count === 1 ? "" : "s"}`);
    await bigButton.click();
    await expectListed(page, view, squares, big);
    expect(await bigButton.getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "confusion-square-clicked");

    // Keyboard: from the clicked square, arrows walk to another wrong square and Space opens it.
    const other = wrong.find((s) => s !== big)!;
    const keys = [
      ...Array<string>(Math.abs(other.truth - big.truth)).fill(other.truth > big.truth ? "ArrowDown" : "ArrowUp"),
      ...Array<string>(Math.abs(other.predicted - big.predicted)).fill(other.predicted > big.predicted ? "ArrowRight" : "ArrowLeft"),
    ];
    for (const key of keys) await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.dataset.truth},${el.dataset.predicted}` : null;
    });
    expect(focused).toBe(`${other.truth},${other.predicted}`);
    await page.keyboard.press(" ");
    await expectListed(page, view, squares, other);
    await screenshot(page, "confusion-square-keyboard");
    // WCAG A/AA over the matrix and its open list, in both themes: names, roles, and the counts' contrast on their fills.
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator(`html[data-theme=${scheme}]`).waitFor({ state: "attached" });
      const violations = await axeViolations(page, ["[data-testid=inspector] [data-testid=view-confusion]"]);
      expect(violations.filter(isBlocking).map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), `${scheme} theme`).toEqual([]);
    }
    await screenshot(page, "confusion-square-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await page.locator("html[data-theme=light]").waitFor({ state: "attached" });

    // A diagonal square counts the correct answers and lists none.
    const right = squares.find((s) => s.truth === 0 && s.predicted === 0)!;
    await page.keyboard.press("Home");
    for (let i = 0; i < other.truth; i++) await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    const heading = view.getByTestId("confusion-heading");
    const want = `True 0, predicted 0: ${right.count} digit${right.count === 1 ? "" : "s"}, classified correctly`;
    await waitUntil(page, async () => (await heading.innerText()) === want, 15_000, "the diagonal square's heading");
    expect(await view.getByTestId("confusion-example").count()).toBe(0);

    app.assertNoPageErrors();
    expect(app.consoleErrors).toEqual([]);
  });
});
