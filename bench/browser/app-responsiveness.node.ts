/**
 * How responsive the app's page stays: open the app (a new user's first-look sheet, which loads
 * MNIST and evaluates in the sheet worker), train its network from the training cell until the
 * first epoch's metric shows, stop, and wait for the trained params to come back into the sheet.
 * Reports the page's main-thread long tasks in each phase. Selectors are the app's data-testid
 * contract (as in test/e2e/app.ts); this runs outside vitest, so it drives the page directly.
 */
import type { Browser, Page } from "playwright-core";
import { describeLongTask, observeLongTasks, pageTime, recordedTasks, type LongTask } from "./long-tasks.node.ts";

const TRAINING_CELL = "D1";
const TRAINING_NAME = "fit";
/** The sheet's loss (a scalar): it changes when the trained params come back. */
const LOSS_CELL = "C3";
/** Every wait ends on its event; this bounds a stuck page. */
const TIMEOUT_MS = 5 * 60_000;

export interface PhaseTasks {
  readonly phase: string;
  readonly tasks: number;
  /** ms; 0 when there was no long task */
  readonly longest: number;
  /** Sum of the long tasks' durations, ms. */
  readonly blocked: number;
}

export interface Responsiveness {
  readonly phases: PhaseTasks[];
  /** The longest tasks of the whole session, one line each with what ran in them. */
  readonly longestDescribed: string[];
}

/** Wait, inside the page, until the sheet shows `fit` in A16 with no cell pending or busy. */
async function waitForSheet(page: Page): Promise<void> {
  await page.waitForFunction(
    ({ address, name }) => {
      const grid = document.querySelector("[data-testid=grid]");
      if (!grid || grid.getAttribute("aria-busy") === "true" || grid.querySelector("[data-testid=cell-pending]")) return false;
      const cell = document.querySelector(`[data-testid="cell-${address}"] [data-testid=cell-name]`);
      return cell?.textContent?.trim() === name;
    },
    { address: TRAINING_CELL, name: TRAINING_NAME },
    { timeout: TIMEOUT_MS, polling: 100 },
  );
}

function trainingPanel(page: Page) {
  return page.getByTestId("inspector").getByTestId("training-panel");
}

/** Wait until the inspector's training panel has stopped (neither starting nor running). */
async function waitForStopped(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const status = document.querySelector("[data-testid=inspector] [data-testid=training-panel]")?.getAttribute("data-status");
      return status !== undefined && status !== null && status !== "running" && status !== "starting";
    },
    null,
    { timeout: TIMEOUT_MS, polling: 100 },
  );
}

/** The text of the loss cell's number view. */
function lossText(page: Page): Promise<string> {
  return page.getByTestId(`cell-${LOSS_CELL}`).getByTestId("number-value").innerText();
}

function summarize(phase: string, tasks: readonly LongTask[]): PhaseTasks {
  return {
    phase,
    tasks: tasks.length,
    longest: Math.round(tasks.reduce((m, t) => Math.max(m, t.duration), 0)),
    blocked: Math.round(tasks.reduce((s, t) => s + t.duration, 0)),
  };
}

export async function measureAppResponsiveness(browser: Browser, url: string, log: (line: string) => void): Promise<Responsiveness> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await observeLongTasks(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on("pageerror", (e) => log(`[app page error] ${e.message}`));
    log(`opening ${url}`);
    await page.goto(url, { waitUntil: "load" });
    await waitForSheet(page);
    const loaded = await pageTime(page);
    log(`the first-look sheet evaluated at ${(loaded / 1000).toFixed(1)} s; training until the first epoch's metric`);

    const untrainedLoss = await lossText(page);
    await page.getByTestId(`cell-${TRAINING_CELL}`).getByTestId("cell-name").click();
    const panel = trainingPanel(page);
    await panel.getByTestId("train-start").click();
    const started = await pageTime(page);
    // The panel lists "test_acc by epoch" once the first epoch ends.
    await panel.locator("dl.tp-history dt").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
    const progress = await panel.getByTestId("train-progress").innerText();
    await panel.getByTestId("train-stop").click();
    await waitForStopped(page);
    await page.waitForFunction(
      ({ address, before }) => document.querySelector(`[data-testid="cell-${address}"] [data-testid=number-value]`)?.textContent?.trim() !== before,
      { address: LOSS_CELL, before: untrainedLoss.trim() },
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    await waitForSheet(page);
    const settled = await pageTime(page);
    log(`trained: ${progress.replace(/\s+/g, " ")}; stopped, params back in the sheet at ${(settled / 1000).toFixed(1)} s`);

    const { tasks, frames } = await recordedTasks(page);
    const during = (from: number, to: number) => tasks.filter((t) => t.startTime >= from && t.startTime < to);
    const phases = [
      summarize("opening the first-look sheet", during(0, loaded)),
      summarize("training one epoch, stopping, params back", during(started, settled)),
      summarize("the whole session", tasks),
    ];
    const longestDescribed = [...tasks]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5)
      .map((t) => describeLongTask(t, frames));
    return { phases, longestDescribed };
  } finally {
    await context.close();
  }
}

/** A markdown table like the bench's: one row per phase. */
export function responsivenessTable(r: Responsiveness): string {
  const rows = r.phases.map((p) => `| ${p.phase} | ${p.tasks} | ${p.longest} | ${p.blocked} |`);
  return [
    "| app main thread (long tasks > 50 ms) | count | longest ms | total ms |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
