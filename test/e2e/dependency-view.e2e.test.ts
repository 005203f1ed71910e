// The sheet-level dependency view: cells as nodes, references as arrows, and after an edit the
// cells that re-ran highlighted with their times.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, typeInCell, waitForIdle, waitUntil } from "./app.ts";
import { evaluationCounts, selectedAddress, waitForEvaluations } from "./editing-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { axeViolations, isBlocking } from "./axe.ts";

const session = useBrowserSession();
/** axe-core's serious and critical WCAG 2 A/AA violations inside the dependency view, as "rule: targets". */
async function blockingViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, ["[data-testid=dependency-view]"]);
  return violations.filter(isBlocking).map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The diagram's node for the cell with this name. */
const nodeNamed = (page: Page, name: string) => page.locator(`[data-testid^="dependency-node-"][data-name="${name}"]`);

/** Whether each named node is marked as re-run ("true"/"false"), read in one go. */
async function reranFlags(page: Page, names: readonly string[]): Promise<Record<string, string | null>> {
  return page.evaluate((names) => {
    const out: Record<string, string | null> = {};
    for (const n of names) out[n] = document.querySelector(`[data-testid^="dependency-node-"][data-name="${n}"]`)?.getAttribute("data-reran") ?? null;
    return out;
  }, names);
}

describe("dependency view", () => {
  it("draws the sheet's cells and references, and highlights the cells an edit of b1 re-ran", async () => {
    const app = await session.firstLook();
    const { page } = app;
    const toggle = page.getByTestId("dependency-toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const diagram = page.getByTestId("dependency-diagram");
    await diagram.waitFor({ state: "visible" });

    // One node per filled cell; W1 (B1) is read by hidden (C1).
    expect(await page.locator('[data-testid^="dependency-node-"]').count()).toBe(20);
    expect(await nodeNamed(page, "hidden").getAttribute("data-address")).toBe("C1");
    const w1ToHidden = page.locator('[data-testid="dependency-edge"][data-from="B1"][data-to="C1"]');
    expect(await w1ToHidden.count()).toBe(1);
    expect(await w1ToHidden.getAttribute("data-from-name")).toBe("W1");
    expect(await w1ToHidden.getAttribute("data-to-name")).toBe("hidden");
    expect(await diagram.getAttribute("role")).toBe("img");
    expect(await diagram.getAttribute("aria-label")).toMatch(/^Dependency diagram of 20 cells and 33 references; /);
    expect(await page.getByTestId("dependency-list").innerText()).toContain("W1 (B1) → hidden, test_probs, fit");

    // An edit of b1 through the formula bar re-runs what reads it, and nothing upstream.
    const before = await evaluationCounts(page);
    await typeInCell(page, "B2", "b1 = param(zeros([512]) + 0.1)");
    await waitForEvaluations(page, { B2: before.B2! + 1, C1: before.C1! + 1, C2: before.C2! + 1, C3: before.C3! + 1 });
    await waitForIdle(page);
    const names = ["b1", "hidden", "probs", "loss", "train_images", "W1"];
    const expected = { b1: "true", hidden: "true", probs: "true", loss: "true", train_images: "false", W1: "false" };
    let flags: Record<string, string | null> = {};
    await waitUntil(page, async () => JSON.stringify((flags = await reranFlags(page, names))) === JSON.stringify(expected), 15_000, "the re-run cells to be highlighted").catch((e: Error) => {
      throw new Error(`${e.message}; last seen ${JSON.stringify(flags)}`);
    });

    // The legend counts the highlighted cells and sums their times; each shows its own.
    const reran = page.locator('[data-testid^="dependency-node-"][data-reran="true"]');
    const count = await reran.count();
    expect(count).toBeGreaterThanOrEqual(4);
    const legend = (await page.getByTestId("dependency-reruns").innerText()).trim();
    expect(legend).toMatch(new RegExp(`^re-ran after the last edit: ${count} cells, [\\d,.]+ ms$`));
    // Incremental evaluation: hidden kept dot(x_train, W1), which does not read b1; probs reused nothing.
    expect(await nodeNamed(page, "hidden").getByTestId("dependency-ms").textContent()).toMatch(/^↻ [\d,.]+ ms, 1 reused$/);
    expect(await nodeNamed(page, "probs").getByTestId("dependency-ms").textContent()).toMatch(/^↻ [\d,.]+ ms$/);
    expect(await nodeNamed(page, "W1").getByTestId("dependency-ms").count()).toBe(0);
    expect(await page.locator('[data-testid="dependency-edge"][data-from="C1"][data-to="C2"]').getAttribute("class")).toContain("dv-edge-reran");
    await screenshot(page, "dependency-view-after-b1-edit");

    // Clicking a node selects its cell in the grid.
    await nodeNamed(page, "loss").click();
    await waitUntil(page, async () => (await selectedAddress(page)) === "C3", 10_000, "loss (C3) to be selected");
    app.assertNoPageErrors();
  });

  it("passes axe-core's WCAG A/AA rules in light and dark", async () => {
    const app = await session.firstLook();
    const { page } = app;
    await page.getByTestId("dependency-diagram").waitFor({ state: "visible" });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator(`html[data-theme=${scheme}]`).waitFor({ state: "attached" });
      expect(await blockingViolations(page), `${scheme} theme`).toEqual([]);
      await screenshot(page, `dependency-view-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    app.assertNoPageErrors();
  });
});
