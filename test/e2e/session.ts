// The lifecycle every browser test file shares: one dev server and one Chromium per file, a
// lazily opened first-look page, and console errors reported after each test.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, openApp, waitForCell, waitForIdle, type AppPage } from "./app.ts";
import { launchChromium } from "../../tools/chromium.node.ts";
import { startApp, type RunningApp } from "../../tools/app-server.node.ts";

export interface BrowserSession {
  readonly server: () => RunningApp;
  readonly browser: () => Browser;
  /** The shared page: a new user on the first-look sheet, evaluated and saved. */
  firstLook(): Promise<AppPage>;
  /** The shared page, if opened. */
  page(): AppPage | null;
}

/** Register the hooks for one test file; call at the top level of the file. */
export function useBrowserSession(): BrowserSession {
  let server: RunningApp;
  let browser: Browser;
  let app: AppPage | null = null;

  beforeAll(async () => {
    server = await startApp();
    browser = await launchChromium();
  });
  afterEach(() => {
    if (app && app.consoleErrors.length > 0) console.warn(`console errors in the page:\n${app.consoleErrors.splice(0).join("\n")}`);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
  });

  return {
    server: () => server,
    browser: () => browser,
    page: () => app,
    async firstLook() {
      if (!app) {
        app = await openApp(browser, server.url);
        await waitForCell(app.page, "A1", "name", "train_images", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      }
      await waitForIdle(app.page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      return app;
    },
  };
}
