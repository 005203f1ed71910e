// Training shows in the sheet (issue 13): while a run trains, the cells downstream of its params
// refresh (test_acc's value changes at least twice before the run ends); each metric is charted by
// epoch beside the loss, which has a log scale; "Restart from initial weights" repeats a fresh
// run's first epoch exactly, although the sheet holds trained weights; Reset asks first and can
// be undone. Every wait is for a state (a cell's evaluation counter, a status, a stored
// checkpoint), never for an amount of time.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cell, formulaText, numberValue, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { shot } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedCheckpointOf, type StoredCheckpoint } from "./stored-checkpoint.ts";
import { panelAttribute, trainingPanel as panel, selectTrainingCell, waitForCheckpoint, waitForStatus } from "./training-panel.ts";
import { axeViolations, isBlocking } from "./axe.ts";

const session = useBrowserSession();

const TRAINING_CELL = "D1";
const TRAINING_NAME = "fit";
const METRIC_CELL = "C5";
const METRIC = "test_acc";
/** Far more epochs than the test needs, so the run never ends under it (it pauses or stops it). */
const EPOCHS = 40;
const TEST_TIMEOUT_MS = 420_000;
const WAIT_MS = 150_000;
/** 8,000 samples in batches of 128. */
const STEPS_PER_EPOCH = 63;

/** How many times the sheet has evaluated the metric cell (its own counter). */
async function evaluations(page: Page): Promise<number> {
  return Number(await cell(page, METRIC_CELL).getAttribute("data-evaluations"));
}

/** Pause the run and return the step it paused at, once its checkpoint of that step is stored. */
async function pauseAndStore(page: Page): Promise<StoredCheckpoint> {
  await panel(page).getByTestId("train-pause").click();
  await waitForStatus(page, "paused", WAIT_MS);
  const step = Number(await panelAttribute(page, "data-step"));
  return waitForCheckpoint(page, TRAINING_NAME, (c) => c.step === step, `the checkpoint of step ${step}`, WAIT_MS);
}

/** Serious and critical axe-core violations (WCAG 2.1 A/AA) in the training panels of the grid and the inspector. */
async function blockingViolations(page: Page): Promise<string[]> {
  const panels = ["[data-testid=inspector] [data-testid=training-panel]", `[data-testid=cell-${TRAINING_CELL}] [data-testid=training-panel]`];
  const violations = await axeViolations(page, panels);
  return violations.filter(isBlocking).map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe("training shows in the sheet", () => {
  it(
    "test_acc follows the run, metrics are charted by epoch, a restart repeats epoch 1 exactly, a reset asks and can be undone, an opted-in run resumes after a reload, and a finished run trains N more epochs, and the panels pass axe-core",
    async () => {
      const app = await session.firstLook();
      const { page } = app;
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      const source = await formulaText(page);
      expect(source).toContain("epochs: 5,");
      await typeInCell(page, TRAINING_CELL, source.replace("epochs: 5,", `epochs: ${EPOCHS},`));
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      // The panel says what the formula asks for (the cell's note was written for 5 epochs).
      expect(await panel(page).getByTestId("train-plan").innerText()).toBe(`Plan from the formula: ${EPOCHS} epochs · batch 128 · rmsprop, lr 0.001`);
      // The grid cell's panel keeps it on one line, whole in its title.
      expect(await cell(page, TRAINING_CELL).getByTestId("train-plan").getAttribute("title")).toBe(
        `Plan from the formula: ${EPOCHS} epochs · batch 128 · rmsprop, lr 0.001`,
      );

      // During the run, test_acc is re-evaluated with the run's params and its value changes twice.
      const before = await evaluations(page);
      const untrained = await numberValue(page, METRIC_CELL);
      await panel(page).getByTestId("train-start").click();
      await waitForStatus(page, "running", WAIT_MS);
      const seen = [untrained];
      await waitUntil(
        page,
        async () => {
          const v = await numberValue(page, METRIC_CELL);
          if (v !== null && v !== seen.at(-1)) seen.push(v);
          return seen.length >= 3 && (await evaluations(page)) >= before + 2;
        },
        WAIT_MS,
        `${METRIC} to change twice during the run`,
      ).catch((e: Error) => {
        throw new Error(`${e.message}; values seen: ${JSON.stringify(seen)}`);
      });
      expect(await panelAttribute(page, "data-status"), "the run has not ended").toBe("running");
      expect(Number(await panelAttribute(page, "data-live-step"))).toBeGreaterThan(0);
      console.info(`training-live: ${METRIC} during the run: ${seen.join(" → ")}`);
      expect(seen.at(-1)!, "the network learns while the cells watch").toBeGreaterThan(untrained! + 0.2);

      // Metrics by epoch are a chart beside the loss; the loss has a log scale.
      const fresh = await waitForCheckpoint(page, TRAINING_NAME, (c) => (c.metricHistory[METRIC]?.length ?? 0) >= 1, `a checkpoint with epoch 1's ${METRIC}`, WAIT_MS);
      const freshEpoch1 = fresh.metricHistory[METRIC]![0]!;
      const metricChart = panel(page).locator(`[data-metric="${METRIC}"]`).getByTestId("train-metric-chart");
      await metricChart.waitFor({ state: "visible" });
      expect(await metricChart.getAttribute("aria-label")).toBe(`${METRIC} by epoch`);
      const lossChart = panel(page).getByTestId("train-chart");
      expect(await lossChart.getAttribute("data-log")).toBe("false");
      await panel(page).getByTestId("train-log-scale").check();
      await waitUntil(page, async () => (await lossChart.getAttribute("data-log")) === "true", 5_000, "the log-scaled loss chart");
      await shot(page, "training-live-1-running");

      // Stop: the sheet keeps the trained weights. "Restart from initial weights" trains from the
      // initializers again: its first epoch's test_acc is the fresh run's, exactly.
      await panel(page).getByTestId("train-stop").click();
      await waitUntil(page, async () => (await panelAttribute(page, "data-status")) === "idle", WAIT_MS, "the run to stop");
      expect(await panel(page).getByTestId("train-continue").innerText()).toBe("Continue from current weights");
      await panel(page).getByTestId("train-restart").click();
      await waitForStatus(page, "running", WAIT_MS);
      await waitUntil(page, async () => (await panelAttribute(page, "data-step")) !== "" && Number(await panelAttribute(page, "data-step")) >= STEPS_PER_EPOCH, WAIT_MS, "the restarted run's first epoch");
      const restarted = await pauseAndStore(page);
      expect(restarted.metricHistory[METRIC]!.length).toBeGreaterThanOrEqual(1);
      expect(restarted.metricHistory[METRIC]![0], `epoch 1's ${METRIC}: restart vs fresh run`).toBe(freshEpoch1);
      console.info(`training-live: epoch 1 ${METRIC}: fresh ${freshEpoch1}, restarted ${restarted.metricHistory[METRIC]![0]}`);

      // Reset asks first; Cancel keeps the checkpoint. Reset deletes it; Undo brings it back.
      await panel(page).getByTestId("train-reset").click();
      await panel(page).getByTestId("train-reset-confirm").waitFor({ state: "visible" });
      await shot(page, "training-live-2-reset-confirm");
      await panel(page).getByTestId("train-reset-cancel").click();
      expect((await storedCheckpointOf(page, TRAINING_NAME))?.step).toBe(restarted.step);
      await panel(page).getByTestId("train-reset").click();
      await panel(page).getByTestId("train-reset-confirm-yes").click();
      await waitUntil(page, async () => (await storedCheckpointOf(page, TRAINING_NAME)) === null, WAIT_MS, "the checkpoint to be deleted");
      await panel(page).getByTestId("train-undo-reset").click();
      const back = await waitForCheckpoint(page, TRAINING_NAME, () => true, "the checkpoint to come back", WAIT_MS);
      expect(back.step).toBe(restarted.step);
      await waitUntil(page, async () => Number(await panelAttribute(page, "data-step")) === restarted.step, 15_000, "the panel to show the step again");
      expect(await panel(page).getByTestId("train-undo-reset").count()).toBe(0);
      await shot(page, "training-live-3-undone");

      // Opt in to resuming automatically, resume, and reload mid-run: the run goes on by itself
      // from the checkpoint the reload left.
      await panel(page).getByTestId("train-auto-resume").check();
      await panel(page).getByTestId("train-resume").click();
      await waitForStatus(page, "running", WAIT_MS);
      const beforeReload = await waitForCheckpoint(page, TRAINING_NAME, (c) => c.step > restarted.step, "a checkpoint after the resume", WAIT_MS);
      await page.reload({ waitUntil: "load" });
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      await waitForStatus(page, "running", WAIT_MS);
      const resumedText = await panel(page).getByTestId("train-status").innerText();
      const from = Number(/resumed from step ([\d,]+)/.exec(resumedText)?.[1]?.replace(/,/g, "") ?? "NaN");
      expect(from, `status: ${resumedText}`).toBeGreaterThanOrEqual(beforeReload.step);
      expect(await panel(page).getByTestId("train-auto-resume").isChecked()).toBe(true);
      await panel(page).getByTestId("train-stop").click();
      await waitUntil(page, async () => (await panelAttribute(page, "data-status")) === "idle", WAIT_MS, "the run to stop");

      // A finished run offers to train more epochs, not a Resume that would do nothing.
      const oneEpoch = source.replace("epochs: 5,", "epochs: 1,");
      await typeInCell(page, TRAINING_CELL, oneEpoch);
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      await panel(page).getByTestId("train-restart").click();
      await waitForStatus(page, "finished", WAIT_MS);
      expect(await panelAttribute(page, "data-step")).toBe(String(STEPS_PER_EPOCH));
      expect(await panel(page).getByTestId("train-resume").count()).toBe(0);
      expect(await panel(page).getByTestId("train-more").innerText()).toBe("Train 1 more epoch");
      expect(await cell(page, TRAINING_CELL).getByTestId("train-more").innerText()).toBe("Train 1 more epoch");
      await panel(page).getByTestId("train-more").click();
      await waitForStatus(page, "finished", WAIT_MS);
      expect(await panelAttribute(page, "data-step")).toBe(String(2 * STEPS_PER_EPOCH));
      expect((await storedCheckpointOf(page, TRAINING_NAME))?.metricHistory[METRIC]).toHaveLength(2);
      await shot(page, "training-live-4-more-epochs");

      // The panels, with the reset question open, pass axe-core's WCAG A/AA rules in both themes.
      await panel(page).getByTestId("train-reset").click();
      await panel(page).getByTestId("train-reset-confirm").waitFor({ state: "visible" });
      expect(await panel(page).getByTestId("train-reset").getAttribute("aria-expanded")).toBe("true");
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator(`html[data-theme=${scheme}]`).waitFor({ state: "attached" });
        expect(await blockingViolations(page), `${scheme} theme`).toEqual([]);
        await shot(page, `training-live-5-panel-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: "light" });
      await page.keyboard.press("Escape");
      await panel(page).getByTestId("train-reset-confirm").waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("train-reset");
      app.assertNoPageErrors();
    },
    TEST_TIMEOUT_MS,
  );
});
