// Threads in the browser: with the COOP/COEP headers of vite.config.ts the page and its workers
// are cross-origin isolated and training shares its matrix products across the cores; served
// without them (a static host that doesn't send them), the same page trains on one thread,
// cleanly: no error, no warning, the same progress. Only text and state are checked, never speed.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { cell, FIRST_LOOK_TIMEOUT_MS, openApp, screenshot, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();
const TRAINING_CELL = "D1";

/** Every response from the dev server, minus the two isolation headers. */
async function withoutIsolationHeaders(context: BrowserContext): Promise<void> {
  await context.route("**/*", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers["cross-origin-opener-policy"];
    delete headers["cross-origin-embedder-policy"];
    await route.fulfill({ response, headers });
  });
}

/** Starts the first-look sheet's training, waits for a few steps, pauses; returns the progress line. */
async function trainBriefly(page: Page): Promise<string> {
  await waitForCell(page, TRAINING_CELL, "name", "fit", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
  await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
  const panel = page.getByTestId("inspector").getByTestId("training-panel");
  await cell(page, TRAINING_CELL).getByTestId("cell-name").click();
  await waitUntil(page, () => panel.isVisible(), 15_000, "the training panel");
  await panel.getByTestId("train-start").click();
  const progress = panel.getByTestId("train-progress");
  await waitUntil(page, async () => /samples\/s/.test(await progress.innerText().catch(() => "")), 60_000, "training progress with a speed");
  const line = await progress.innerText();
  await panel.getByTestId("train-pause").click();
  await waitUntil(page, async () => (await panel.getAttribute("data-status")) === "paused", 30_000, "the run to pause");
  return line;
}

/** crossOriginIsolated of the page's workers, leaving out the matrix helper threads (they block in Atomics.wait). */
async function workersIsolated(page: Page): Promise<boolean[]> {
  const silent = () => new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000));
  const workers = page.workers().filter((w) => !w.url().includes("gemm-thread"));
  const isolated = await Promise.all(workers.map((w) => Promise.race([w.evaluate(() => self.crossOriginIsolated).catch(() => null), silent()])));
  return isolated.filter((v): v is boolean => v !== null);
}

describe("threads in the browser", () => {
  it("serves the app cross-origin isolated, its workers too, and trains on both cores", async () => {
    const app = await openApp(session.browser(), session.server().url);
    try {
      const { page } = app;
      expect(await page.evaluate(() => crossOriginIsolated), "the app page is crossOriginIsolated").toBe(true);
      expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe("function");
      await expect.poll(() => workersIsolated(page), { timeout: 30_000, message: "the app's workers are crossOriginIsolated" })
        .toEqual(expect.arrayContaining([true]));
      expect(await workersIsolated(page)).not.toContain(false);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const line = await trainBriefly(page);
      console.info(`isolated: ${line}`);
      if (cores > 1) expect(line).toMatch(new RegExp(`samples/s on ${Math.min(4, cores)} threads`));
      await screenshot(page, "isolation-threads");
      app.assertNoPageErrors();
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("without the headers, trains on one thread, with no error or warning", async () => {
    const context = await session.browser().newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await withoutIsolationHeaders(context);
      const warnings: string[] = [];
      context.on("console", (m) => void (m.type() === "warning" && warnings.push(m.text())));
      const app = await openApp(context, session.server().url);
      const { page } = app;
      expect(await page.evaluate(() => crossOriginIsolated), "the page is not isolated without the headers").toBe(false);
      const line = await trainBriefly(page);
      console.info(`not isolated: ${line}`);
      expect(line).toMatch(/samples\/s/);
      expect(line).not.toMatch(/threads/);
      await screenshot(page, "isolation-single-thread");
      app.assertNoPageErrors();
      // The dev server's live-reload socket doesn't get through the header-stripping route; that
      // is this test's doing, not the app's.
      expect(app.consoleErrors.filter((e) => !/WebSocket connection .*@vite\/client|\[vite\] failed to connect to websocket/.test(e))).toEqual([]);
      expect(warnings.filter((w) => /thread/i.test(w))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
