// The inspector's training panel as the training browser tests drive it: select a training cell,
// read the panel's status and step from its data attributes, and wait for a status or a stored
// checkpoint. Every wait is for a state, never for an amount of time.
import type { Locator, Page } from "playwright-core";
import { cell, waitUntil } from "./app.ts";
import { storedCheckpointOf, type StoredCheckpoint } from "./stored-checkpoint.ts";

/** The inspector's training panel (select the training cell first). */
export function trainingPanel(page: Page): Locator {
  return page.getByTestId("inspector").getByTestId("training-panel");
}

/** Select the training cell at `address` by its name (the cell's middle holds its own training buttons). */
export async function selectTrainingCell(page: Page, address: string): Promise<void> {
  await cell(page, address).getByTestId("cell-name").click();
  await waitUntil(page, () => trainingPanel(page).isVisible(), 15_000, "the inspector's training panel");
}

/** One of the panel's data attributes (data-status, data-step, data-live-step); null when unreadable. */
export function panelAttribute(page: Page, name: string): Promise<string | null> {
  return trainingPanel(page).getAttribute(name, { timeout: 2_000 }).catch(() => null);
}

/** The step the panel shows (data-step); null when it shows none. */
export async function panelStep(page: Page): Promise<number | null> {
  const step = await panelAttribute(page, "data-step");
  return step === null || step === "" ? null : Number(step);
}

/** The panel's status line, e.g. "Training (resumed from step 45)". */
export function statusText(page: Page): Promise<string> {
  return trainingPanel(page).getByTestId("train-status").innerText({ timeout: 2_000 }).catch(() => "");
}

/** Wait until the panel's data-status is `want`; the failure says what the panel showed last. */
export async function waitForStatus(page: Page, want: string, timeoutMs: number): Promise<void> {
  let last: string | null = null;
  await waitUntil(page, async () => (last = await panelAttribute(page, "data-status")) === want, timeoutMs, `training status ${want}`).catch(async (e: Error) => {
    throw new Error(`${e.message}; last status: ${last}; status line: ${JSON.stringify(await statusText(page))}`);
  });
}

/** Wait until the stored checkpoint of the training cell named `cellName` satisfies `want`; returns it. */
export async function waitForCheckpoint(
  page: Page,
  cellName: string,
  want: (c: StoredCheckpoint) => boolean,
  what: string,
  timeoutMs: number,
): Promise<StoredCheckpoint> {
  let last: StoredCheckpoint | null = null;
  await waitUntil(page, async () => (last = await storedCheckpointOf(page, cellName)) !== null && want(last), timeoutMs, what).catch((e: Error) => {
    throw new Error(`${e.message}; last stored: ${JSON.stringify(last && { ...last, metricHistory: undefined })}`);
  });
  return last!;
}
