// An accessibility scan of the main screen with axe-core, in the real browser: the first-look
// sheet evaluated, a cell selected so the inspector shows it. Serious and critical violations
// fail the test, each listed with the elements it names; minor ones are printed.
import { describe, expect, it } from "vitest";
import { screenshot, waitForIdle } from "./app.ts";
import { axeViolations, isBlocking, type AxeViolation } from "./axe.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

function describeViolation(v: AxeViolation): string {
  const where = v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? "").split("\n").join(" ")}`);
  return `${v.impact} ${v.id} (${v.help}), ${v.nodes.length} element(s):\n${where.join("\n")}`;
}

describe("accessibility", () => {
  it("the main screen has no serious or critical axe-core violations", async () => {
    const app = await session.firstLook();
    const { page } = app;
    // Select W1 by its name (examples may move cells around): the inspector then shows a heatmap.
    const w1 = page.locator("[role=gridcell]", { has: page.getByTestId("cell-name").getByText("W1", { exact: true }) });
    await w1.click();
    await page.getByTestId("inspector").locator("h2", { hasText: "W1" }).waitFor();
    await waitForIdle(page);
    // Light, then dark: the theme follows the system's colour scheme unless the user picked one.
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator(`html[data-theme=${scheme}]`).waitFor({ state: "attached" });
      const violations = await axeViolations(page, null);
      const minor = violations.filter((v) => !isBlocking(v));
      if (minor.length > 0) console.info(`axe-core (${scheme}), minor or moderate:\n${minor.map(describeViolation).join("\n")}`);
      await screenshot(page, `a11y-main-screen-${scheme}`);
      const blocking = violations.filter(isBlocking);
      expect(blocking.map(describeViolation), `${scheme} theme`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
  });
});
