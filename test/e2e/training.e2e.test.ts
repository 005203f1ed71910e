// Training in a real browser (the training issue's acceptance): on the first-look sheet, train the
// network from its training cell, watch it move, pause and resume, reload the page mid-run, resume
// from the stored checkpoint, see an epoch's metric, stop, and get the trained params back.
//
// Every check waits for an event or a state (a step reached, a checkpoint stored, a status shown),
// never for an amount of time: the same run may go ten times slower on a busy machine. What the
// checkpoint holds is read from IndexedDB itself (stored-checkpoint.ts), so its step and its
// histories are compared with each other, not with a display that may lag or run ahead of them.
// (How long the page's main thread is blocked meanwhile is measured by `npm run bench:browser`.)
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/training/format.ts";
import { FIRST_LOOK_TIMEOUT_MS, formulaText, numberValue, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { shot } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedCheckpointOf, type StoredCheckpoint } from "./stored-checkpoint.ts";
import { trainingPanel as panel, selectTrainingCell, waitForCheckpoint } from "./training-panel.ts";

const session = useBrowserSession();

const TRAINING_CELL = "D1";
const TRAINING_NAME = "fit";
const METRIC = "test_acc";
/** fit = train(…, {batch: 128, epochs: 5}) on 8,000 samples: 63 steps an epoch. */
const STEPS_PER_EPOCH = 63;
/**
 * More epochs than the sheet's 5, so that the run is still going when the test pauses, reloads
 * and resumes it on a fast machine (the WASM kernels run ~125 steps/s on two threads). The test
 * stops the run itself after the epoch that follows the reload.
 */
const EPOCHS = 40;
const TOTAL_STEPS = EPOCHS * STEPS_PER_EPOCH;
/** Generous: each wait below ends as soon as its event happens; this only bounds a stuck run. */
const TEST_TIMEOUT_MS = 420_000;
const STEP_TIMEOUT_MS = 120_000;

async function status(page: Page): Promise<string | null> {
  return panel(page).getAttribute("data-status", { timeout: 2_000 }).catch(() => null);
}

async function waitForStatus(page: Page, want: (status: string | null) => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  let last: string | null = null;
  await waitUntil(page, async () => want((last = await status(page))), timeoutMs, `training status ${what}`).catch(async (e: Error) => {
    throw new Error(`${e.message}; last status: ${last}; panel: ${JSON.stringify(await panelText(page))}`);
  });
}

const is = (want: string) => (status: string | null) => status === want;

function panelText(page: Page): Promise<string> {
  return panel(page).innerText({ timeout: 2_000 }).catch(() => "(no panel)");
}

/** The step the progress bar shows (its aria-valuenow); null when there is no progress bar. */
async function progressStep(page: Page): Promise<number | null> {
  const bar = panel(page).getByTestId("train-progress");
  if ((await bar.count()) === 0) return null;
  const v = await bar.getAttribute("aria-valuenow", { timeout: 2_000 }).catch(() => null);
  return v === null ? null : Number(v);
}

/** Wait until the progress bar shows a step above `step`; returns the step it shows then. */
async function waitForStepAbove(page: Page, step: number, what: string): Promise<number> {
  let shown: number | null = null;
  await waitUntil(page, async () => ((shown = await progressStep(page)) ?? -1) > step, STEP_TIMEOUT_MS, what);
  return shown!;
}

/**
 * What the panel shows of a metric by epoch, read in one snapshot: the values listed (the last 12
 * at most) and how many epochs have one ("… (last 12 of N)").
 */
interface ShownHistory {
  readonly shown: string[];
  readonly epochs: number;
}

async function shownHistory(page: Page, name: string): Promise<ShownHistory> {
  const text = await panel(page)
    .evaluate((el, name) => {
      for (const dt of el.querySelectorAll("dl.tp-history dt")) {
        if (dt.textContent?.trim() === `${name} by epoch`) return dt.nextElementSibling?.textContent ?? "";
      }
      return "";
    }, name)
    .catch(() => "");
  const trimmed = text.trim();
  if (trimmed === "") return { shown: [], epochs: 0 };
  const total = /\s*\(last \d+ of (\d+)\)$/.exec(trimmed);
  const shown = trimmed.slice(0, total ? total.index : undefined).split(",").map((v) => v.trim());
  return { shown, epochs: total ? Number(total[1]) : shown.length };
}

/** The stored checkpoint of the run; fails when there is none. */
async function storedCheckpoint(page: Page): Promise<StoredCheckpoint> {
  const c = await storedCheckpointOf(page, TRAINING_NAME);
  if (c === null) throw new Error(`no stored checkpoint of ${TRAINING_NAME}`);
  return c;
}

/** A checkpoint is one consistent record: its loss history, epochs and metric history match its step. */
function expectConsistent(c: StoredCheckpoint, what: string): void {
  expect(c.losses, `${what}: one stored loss per step`).toBe(c.step);
  expect({ epoch: c.epoch, stepInEpoch: c.stepInEpoch }, `${what}: epoch and step in epoch`).toEqual({
    epoch: Math.floor(c.step / STEPS_PER_EPOCH),
    stepInEpoch: c.step % STEPS_PER_EPOCH,
  });
  expect(c.metricHistory[METRIC] ?? [], `${what}: one ${METRIC} per completed epoch`).toHaveLength(c.epoch);
}

/** "1,234" → 1234 */
function count(text: string): number {
  return Number(text.replace(/,/g, ""));
}

const stepText = (step: number) => step.toLocaleString("en-US");

/**
 * The first and last steps the inspector's loss chart plots, read the way a user reads them: by
 * hovering its left and right edges and reading "step N: loss v".
 */
async function chartSteps(page: Page): Promise<{ first: number; last: number }> {
  const chart = panel(page).getByTestId("train-chart");
  const over = chart.locator(".u-over");
  await over.waitFor({ state: "visible" });
  const box = (await over.boundingBox())!;
  const read = async (x: number): Promise<number> => {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const readout = chart.locator(".tp-readout");
    await readout.waitFor({ state: "visible", timeout: 5_000 });
    const m = /step ([\d,]+)/.exec(await readout.innerText());
    if (!m) throw new Error(`unexpected chart readout: ${await readout.innerText()}`);
    return count(m[1]!);
  };
  const first = await read(1);
  const last = await read(box.width - 1);
  await page.mouse.move(0, 0);
  return { first, last };
}

describe("training in the browser", () => {
  it(
    "trains, pauses, resumes, survives a reload mid-run with its histories, reaches an epoch's metric and returns the params",
    async () => {
      const app = await session.firstLook();
      const { page } = app;
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      const fitSource = await formulaText(page);
      expect(fitSource).toContain("epochs: 5,");
      await typeInCell(page, TRAINING_CELL, fitSource.replace("epochs: 5,", `epochs: ${EPOCHS},`));
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      expect(await status(page)).toBe("idle");
      expect(await storedCheckpointOf(page, TRAINING_NAME), "no checkpoint before the first run").toBeNull();
      const untrainedLoss = (await numberValue(page, "C3"))!;
      expect(untrainedLoss, "the untrained network's loss is near ln 10").toBeGreaterThan(1.5);

      // Start: the run loads MNIST in its worker, then trains; the progress step goes up.
      await panel(page).getByTestId("train-start").click();
      await waitForStatus(page, is("running"), "running");
      const s1 = await waitForStepAbove(page, 0, "the first training step");
      const s2 = await waitForStepAbove(page, s1, "the progress step to increase");
      const progressText = await panel(page).getByTestId("train-progress").innerText();
      expect(progressText).toMatch(new RegExp(`epoch \\d+/${EPOCHS} · step [\\d,]+/${stepText(TOTAL_STEPS)}`));
      expect(await panel(page).getByTestId("train-metrics").innerText()).toMatch(/batch loss \d/);
      const moving = await chartSteps(page);
      expect(moving.first).toBe(1);
      expect(moving.last).toBeGreaterThanOrEqual(s1);
      let grown = moving;
      await waitUntil(page, async () => (grown = await chartSteps(page)).last > moving.last, STEP_TIMEOUT_MS, "the loss chart to grow");
      expect(grown.first).toBe(1);
      await shot(page, "training-4-running");

      // Pause: the run stops at a step, stores a checkpoint of exactly that step, and offers to resume.
      await panel(page).getByTestId("train-pause").click();
      await waitForStatus(page, is("paused"), "paused");
      const pausedText = await panel(page).getByTestId("train-status").innerText();
      const pausedMatch = /Paused at step ([\d,]+)/.exec(pausedText);
      expect(pausedMatch, `status text: ${pausedText}`).not.toBeNull();
      const pausedStep = count(pausedMatch![1]!);
      expect(pausedStep).toBeGreaterThanOrEqual(s2);
      expect(await progressStep(page)).toBe(pausedStep);
      const atPause = await waitForCheckpoint(page, TRAINING_NAME, (c) => c.step === pausedStep, `the checkpoint of step ${pausedStep}`, STEP_TIMEOUT_MS);
      expectConsistent(atPause, "the checkpoint at the pause");
      await waitUntil(page, () => panel(page).getByTestId("train-resume").isVisible(), 15_000, "the resume button after pausing");
      // Paused means paused: the checkpoint is stored, and neither it nor the panel moved on.
      expect(await status(page)).toBe("paused");
      expect(await progressStep(page)).toBe(pausedStep);
      await shot(page, "training-4-paused");

      // Resume: it continues from the paused step, with the loss history before the pause.
      await panel(page).getByTestId("train-resume").click();
      await waitForStatus(page, is("running"), "running after resuming");
      await waitForStepAbove(page, pausedStep, "training to continue after resuming");
      expect(await panel(page).getByTestId("train-status").innerText()).toMatch(new RegExp(`resumed from step ${stepText(pausedStep)}`));
      expect((await chartSteps(page)).first, "the loss chart keeps the steps before the pause").toBe(1);

      // Reload mid-run once a checkpoint past the pause and past epoch 1 is stored (one is written
      // at every epoch's end and every ~3 s), so the reload has a metric history to bring back.
      const beforeReload = await waitForCheckpoint(
        page,
        TRAINING_NAME,
        (c) => c.step > pausedStep && c.epoch >= 1,
        "a checkpoint after the pause with a completed epoch",
        STEP_TIMEOUT_MS,
      );
      expectConsistent(beforeReload, "the checkpoint before the reload");
      expect(await status(page), "still training before the reload").toBe("running");
      await shot(page, "training-4-before-reload");
      console.info(`training: reloading with a checkpoint at step ${beforeReload.step} (paused at ${pausedStep})`);
      await page.reload({ waitUntil: "load" });

      // After the reload, before any click: the panel shows the run as it was at the stored
      // checkpoint, paused by the reload: its status, step, progress bar and loss chart, and the
      // training cell's history in the grid is as long as the checkpoint's.
      await waitUntil(page, () => page.getByTestId("grid").isVisible(), 30_000, "the grid after the reload");
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      await waitForStatus(page, is("paused"), "paused by the reload", 30_000);
      const reloadText = await panel(page).getByTestId("train-status").innerText();
      const k = count(/Paused by reload at step ([\d,]+)/.exec(reloadText)?.[1] ?? "NaN");
      // Nothing trains now: the stored checkpoint is the one shown, and it is at least the one seen
      // before the reload (the run may have stored a later one before it was unloaded).
      const restored = await storedCheckpoint(page);
      console.info(`training: after the reload the panel says "${reloadText}"; stored: step ${restored.step}`);
      expect(k, `status text: ${reloadText}`).toBe(restored.step);
      expect(k).toBeGreaterThanOrEqual(beforeReload.step);
      expect(await progressStep(page), "the progress bar shows the checkpoint's step").toBe(k);
      expect(await chartSteps(page), "the loss chart shows every step up to the checkpoint").toEqual({ first: 1, last: k });
      await waitForCell(page, TRAINING_CELL, "shape", `[${k}]`, { timeoutMs: 30_000 });
      expect(await panel(page).getByTestId("train-reload-note").innerText()).toContain(`continues exactly from step ${stepText(k)}`);
      expectConsistent(restored, "the checkpoint after the reload");
      const restoredMetric = restored.metricHistory[METRIC]!;
      expect(restoredMetric.slice(0, beforeReload.epoch), `the ${METRIC} history stored before the reload is kept`).toEqual(
        beforeReload.metricHistory[METRIC],
      );
      const resumeButton = panel(page).getByTestId("train-resume");
      expect(await resumeButton.innerText()).toBe("Resume");
      await shot(page, "training-4-after-reload");

      // Resume: the run continues from step k, not 0, with its loss and metric histories.
      await resumeButton.click();
      await waitForStatus(page, is("running"), "running after the reload");
      const firstAfter = await waitForStepAbove(page, -1, "progress after resuming");
      expect(firstAfter, "the run resumes at the checkpoint's step, not 0").toBeGreaterThanOrEqual(k);
      expect(await panel(page).getByTestId("train-status").innerText()).toMatch(new RegExp(`resumed from step ${stepText(k)}`));
      await waitForStepAbove(page, k, "training to continue after the reload");
      const continued = await chartSteps(page);
      expect(continued.first, "the loss chart holds the history before the reload").toBe(1);
      expect(continued.last).toBeGreaterThan(k);
      await shot(page, "training-4-resumed");

      // The metric history came back with the checkpoint: the panel lists the stored values for
      // the epochs before it (and maybe more, as the run goes on).
      const shownAfter = await shownHistory(page, METRIC);
      expect(shownAfter.epochs, `${METRIC} by epoch, restored`).toBeGreaterThanOrEqual(restored.epoch);
      // The panel lists the last 12 epochs: shown[i] is epoch firstShown + i.
      const firstShown = shownAfter.epochs - shownAfter.shown.length;
      expect(firstShown, "the panel lists some of the restored epochs").toBeLessThan(restored.epoch);
      const restoredShown = shownAfter.shown.slice(0, restored.epoch - firstShown);
      expect(restoredShown, `${METRIC} by epoch after the reload: ${JSON.stringify(shownAfter)}`).toEqual(
        restoredMetric.slice(firstShown).map((v) => formatValue(v)),
      );

      // An epoch completes after the resume: its metric appears, and the network has learned.
      const wantEpochs = restored.epoch + 1;
      await waitUntil(page, async () => (await shownHistory(page, METRIC)).epochs >= wantEpochs, STEP_TIMEOUT_MS, `${METRIC} of epoch ${wantEpochs}`);
      const metrics = await panel(page).getByTestId("train-metrics").innerText();
      expect(metrics).toMatch(new RegExp(`${METRIC} \\d`));
      const acc = Number(new RegExp(`${METRIC} ([\\d.]+)`).exec(metrics)![1]);
      console.info(`training: after epoch ${wantEpochs}: ${metrics}`);
      expect(acc).toBeGreaterThan(0.5);
      expect(acc).toBeLessThanOrEqual(1);
      await shot(page, "training-4-epoch-done");

      // Stop: the run stores its last checkpoint, with every step's loss and every epoch's metric
      // from the start, across the pause and the reload.
      await panel(page).getByTestId("train-stop").click();
      await waitForStatus(page, (s) => s !== "running" && s !== "starting", "to leave running after stop");
      const stoppedText = await panel(page).getByTestId("train-status").innerText();
      const stoppedStep = count(/Stopped at step ([\d,]+)/.exec(stoppedText)?.[1] ?? "NaN");
      expect(stoppedStep, `status text: ${stoppedText}`).toBeGreaterThanOrEqual(wantEpochs * STEPS_PER_EPOCH);
      const final = await waitForCheckpoint(page, TRAINING_NAME, (c) => c.step === stoppedStep, `the checkpoint of step ${stoppedStep}`, STEP_TIMEOUT_MS);
      expectConsistent(final, "the checkpoint at the stop");
      expect(final.metricHistory[METRIC]!.slice(0, restored.epoch), `the ${METRIC} history before the reload is kept`).toEqual(restoredMetric);
      expect(final.epoch).toBeGreaterThanOrEqual(wantEpochs);

      // The run's params come back into the sheet: the loss cell shows the trained network's loss.
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await waitUntil(page, async () => ((await numberValue(page, "C3")) ?? Infinity) < untrainedLoss - 0.5, 30_000, "the sheet's loss to show the trained params");
      console.info(`training: the sheet's loss went from ${untrainedLoss} to ${await numberValue(page, "C3")}`);
      await shot(page, "training-4-settled");
      expect(await page.getByTestId("inspector").getByTestId("train-error").count()).toBe(0);
      app.assertNoPageErrors();
    },
    TEST_TIMEOUT_MS,
  );
});
