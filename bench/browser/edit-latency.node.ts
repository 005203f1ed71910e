/**
 * "first-look sheet: b1 edit to updated, in Chromium": the app's own edit loop, measured inside
 * the page. With b1 selected, the formula bar gets a new source and Enter; the clock starts at
 * that Enter keydown and stops at the first animation frame after every cell on screen has its
 * new value (none pending, the loss cell evaluated once more, the status "All changes saved").
 * Each edit starts from an idle sheet, at least BURST_GAP_MS after the previous one, so this is
 * the latency of one edit: the sheet worker takes edits less than a second apart for a burst
 * (quick commits, undo held down) and waits for it to pause (src/worker/edit-bursts.ts), which
 * heavy-edits.e2e.test.ts covers.
 * Selectors are the app's data-testid contract (as in test/e2e/app.ts).
 */
import type { Browser, Page } from "playwright-core";
import { median } from "../measure.ts";

const B1 = "B2";
const LOSS = "C3";
const TIMEOUT_MS = 5 * 60_000;
/** More than the sheet worker's BURST_MS (src/worker/edit-bursts.ts). */
const BURST_GAP_MS = 1100;

export interface AppEditLatency {
  /** Median milliseconds from Enter to every visible cell updated. */
  readonly msPerEdit: number;
  readonly samples: number;
  readonly all: readonly number[];
}

/** Until the grid shows the sheet evaluated and saved, with nothing pending. */
async function waitForIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const grid = document.querySelector("[data-testid=grid]");
      if (!grid || grid.getAttribute("aria-busy") === "true" || !grid.querySelector("[data-testid=cell-name]")) return false;
      if (grid.querySelector(".gc-pending, [data-testid=cell-pending]")) return false;
      return document.querySelector("[data-testid=save-status]")?.textContent?.trim() === "All changes saved";
    },
    null,
    { timeout: TIMEOUT_MS, polling: 100 },
  );
}

/** Arm the page: the next Enter starts the clock; the frame after the loss cell's next evaluation, with nothing pending, stops it. */
async function armClock(page: Page): Promise<void> {
  await page.evaluate(({ loss }) => {
    const w = window as unknown as { __edit: { start: number; end: number } };
    // No named functions in here: the bench runs under tsx, whose keepNames helper the page lacks.
    const selector = `[data-testid="cell-${loss}"]`;
    const before = Number(document.querySelector(selector)?.getAttribute("data-evaluations") ?? 0);
    const clock = { start: 0, end: 0 };
    w.__edit = clock;
    document.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && clock.start === 0) clock.start = performance.now();
    }, true);
    const observer = new MutationObserver(() => {
      if (clock.start === 0) return;
      const evaluated = Number(document.querySelector(selector)?.getAttribute("data-evaluations") ?? 0) > before;
      const pending = document.querySelector("[data-testid=grid] .gc-pending") !== null;
      const saved = document.querySelector("[data-testid=save-status]")?.textContent?.trim() === "All changes saved";
      if (!evaluated || pending || !saved) return;
      observer.disconnect();
      requestAnimationFrame(() => (clock.end = performance.now()));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, { loss: LOSS });
}

/** Open the first-look sheet at `url` and time `samples` edits of b1, each from idle. */
export async function measureAppEditLatency(browser: Browser, url: string, samples: number, log: (line: string) => void): Promise<AppEditLatency> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on("pageerror", (e) => log(`[app page error] ${e.message}`));
    await page.goto(url, { waitUntil: "load" });
    await waitForIdle(page);
    await page.getByTestId(`cell-${B1}`).click();
    const all: number[] = [];
    // One edit first, unmeasured: it warms the worker's code paths as any user's first edit does.
    let lastEnter = 0;
    for (let i = 0; i <= samples; i++) {
      await waitForIdle(page);
      // The gap is the scenario (an edit on its own), not a wait for a result.
      await page.waitForTimeout(Math.max(0, lastEnter + BURST_GAP_MS - Date.now()));
      await armClock(page);
      await page.keyboard.press("F2");
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.insertText(`b1 = param(zeros([512]) + ${((i + 1) * 0.01).toFixed(2)})`);
      await page.keyboard.press("Enter");
      lastEnter = Date.now();
      const ms = await (await page.waitForFunction(() => {
        const c = (window as unknown as { __edit: { start: number; end: number } }).__edit;
        return c.end > 0 ? c.end - c.start : null;
      }, null, { timeout: TIMEOUT_MS, polling: 50 })).jsonValue();
      if (i > 0) all.push(ms!);
    }
    log(`b1 edits in Chromium: ${all.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    return { msPerEdit: median(all), samples, all };
  } finally {
    await context.close();
  }
}

/** The bench table's row. */
export function appEditLatencyRow(r: AppEditLatency): string {
  return `| Chromium: the app, from Enter to the frame after every visible cell shows its new value | ${r.msPerEdit.toFixed(0)} ms (median of ${r.samples}) | a production build; the sheet worker evaluates, the page draws |`;
}

/** The table of both rows (Node's from bench/first-look-edit.ts), or Chromium's reason for missing. */
export function firstLookEditTable(nodeRow: string, chromium: AppEditLatency | string): string {
  const chromiumRow = typeof chromium === "string" ? `| Chromium: the app | not measured: ${chromium} | |` : appEditLatencyRow(chromium);
  return `| first-look sheet, edit b1 (target: < 250 ms in Chromium on 2 cores) | latency | work |\n|---|--:|---|\n${nodeRow}\n${chromiumRow}`;
}
