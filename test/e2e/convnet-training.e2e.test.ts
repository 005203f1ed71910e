// The convnet trains in the browser worker and survives a reload mid-run exactly (issue 15's
// acceptance): open the convnet sheet, set its fit cell to one epoch in the formula bar, start,
// reload once a checkpoint inside the epoch is stored, resume, and finish. The finished run's
// stored checkpoint (params, optimizer slots, every step's loss, test_acc) is then compared bit for
// bit with an uninterrupted run of the same sheet in the same browser (after Reset puts the params
// back to their initializers): the same kernels compute
// both, so equality is exact, not within a tolerance. A reference computed in Node could differ in
// the last bits (engine/kernels/variant.ts: the browser may use the relaxed-SIMD FMA gemm).
//
// Every wait is for a state (a status, a stored checkpoint), never for an amount of time; one
// epoch is ~8 s on a quiet thread and several times longer on a busy machine, which the timeouts
// allow for without any assertion depending on it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/app-server.node.ts";
import { FIRST_LOOK_TIMEOUT_MS, formulaText, typeInCell, waitForCell, waitForIdle, waitUntil } from "./app.ts";
import { openExample, shot } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedCheckpointFingerprint, storedCheckpointOf, type CheckpointFingerprint } from "./stored-checkpoint.ts";
import { panelAttribute, panelStep, selectTrainingCell, statusText, trainingPanel, waitForCheckpoint, waitForStatus } from "./training-panel.ts";

const session = useBrowserSession();

const EXAMPLE = "08-convnet.tensorsheet.json";
const EXAMPLE_ADDRESSES: string[] = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, "public", "examples", EXAMPLE), "utf8")) as { cells: { address: string }[] }
).cells.map((c) => c.address);
const TRAINING_CELL = "E1";
const TRAINING_NAME = "fit";
const METRIC = "test_acc";
/** 8,000 training digits in batches of 64. */
const STEPS_PER_EPOCH = 125;
/** Bounds a stuck run only: loading MNIST in the worker and one epoch on a busy machine. */
const RUN_TIMEOUT_MS = 300_000;
const TEST_TIMEOUT_MS = 900_000;

const count = (text: string) => Number(text.replace(/,/g, ""));
const stepText = (step: number) => step.toLocaleString("en-US");

/** The stored checkpoint's fingerprint; fails when there is none. */
async function fingerprint(page: Parameters<typeof storedCheckpointFingerprint>[0]): Promise<CheckpointFingerprint> {
  const f = await storedCheckpointFingerprint(page, TRAINING_NAME);
  if (f === null) throw new Error(`no stored checkpoint of ${TRAINING_NAME}`);
  return f;
}

describe("the convnet trains in the browser", () => {
  it(
    "trains one epoch in the worker, resumes after a reload mid-run from its checkpoint, and ends bit for bit like an uninterrupted run",
    async () => {
      const app = await session.firstLook();
      const { page } = app;
      await openExample(page, EXAMPLE, EXAMPLE_ADDRESSES);
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });

      // One epoch, edited in the formula bar as a user would.
      await selectTrainingCell(page, TRAINING_CELL);
      const source = await formulaText(page);
      expect(source).toContain("epochs: 5,");
      await typeInCell(page, TRAINING_CELL, source.replace("epochs: 5,", "epochs: 1,"));
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      expect(await trainingPanel(page).getByTestId("train-plan").innerText()).toBe("Plan from the formula: 1 epoch · batch 64 · rmsprop, lr 0.001");
      expect(await storedCheckpointOf(page, TRAINING_NAME), "no checkpoint before the first run").toBeNull();

      // Start, and reload as soon as a checkpoint inside the epoch is stored (every ~3 s).
      await trainingPanel(page).getByTestId("train-start").click();
      await waitForStatus(page, "running", RUN_TIMEOUT_MS);
      const seen = await waitForCheckpoint(
        page,
        TRAINING_NAME,
        (c) => c.step >= 1 && c.step < STEPS_PER_EPOCH,
        "a checkpoint inside the epoch",
        RUN_TIMEOUT_MS,
      );
      expect(seen.losses, "one stored loss per step").toBe(seen.step);
      console.info(`convnet-training: reloading with a checkpoint at step ${seen.step}`);
      await page.reload({ waitUntil: "load" });

      // After the reload the run waits at the stored checkpoint: at least the one seen (the run may
      // have stored a later one before it was unloaded), still inside the epoch.
      await waitUntil(page, () => page.getByTestId("grid").isVisible(), 30_000, "the grid after the reload");
      await waitForCell(page, TRAINING_CELL, "name", TRAINING_NAME, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await selectTrainingCell(page, TRAINING_CELL);
      await waitForStatus(page, "paused", 30_000);
      const reloadText = await statusText(page);
      const k = count(/Paused by reload at step ([\d,]+)/.exec(reloadText)?.[1] ?? "NaN");
      const restored = (await storedCheckpointOf(page, TRAINING_NAME))!;
      expect(k, `status line: ${reloadText}`).toBe(restored.step);
      expect(k).toBeGreaterThanOrEqual(seen.step);
      expect(k, "the reload came before the epoch's end").toBeLessThan(STEPS_PER_EPOCH);
      expect(await panelStep(page)).toBe(k);
      expect(await trainingPanel(page).getByTestId("train-reload-note").innerText()).toContain(`continues exactly from step ${stepText(k)}`);

      // Resume: the panel says it resumed from step k, and the step goes on from k, never from 0.
      const stepsShown: number[] = [];
      const watchStep = async () => {
        const step = await panelStep(page);
        if (step !== null) stepsShown.push(step);
      };
      await trainingPanel(page).getByTestId("train-resume").click();
      await waitUntil(
        page,
        async () => {
          await watchStep();
          return (await statusText(page)).includes(`resumed from step ${stepText(k)}`) && (stepsShown.at(-1) ?? -1) > k;
        },
        RUN_TIMEOUT_MS,
        `the run to say it resumed from step ${k} and go past it`,
      );
      expect(await panelAttribute(page, "data-status")).toBe("running");
      console.info(`convnet-training: ${await statusText(page)}, at step ${stepsShown.at(-1)}`);
      await shot(page, "convnet-training-1-resumed");
      await waitUntil(
        page,
        async () => {
          await watchStep();
          return (await panelAttribute(page, "data-status")) === "finished";
        },
        RUN_TIMEOUT_MS,
        "the resumed run to finish its epoch",
      );
      expect(Math.min(...stepsShown), `steps shown after resuming: ${stepsShown.join(",")}`).toBeGreaterThanOrEqual(k);
      expect(await panelStep(page)).toBe(STEPS_PER_EPOCH);
      const resumedEnd = await waitForCheckpoint(page, TRAINING_NAME, (c) => c.step === STEPS_PER_EPOCH, "the final checkpoint", RUN_TIMEOUT_MS);
      expect(resumedEnd.losses, "every step's loss, across the reload").toBe(STEPS_PER_EPOCH);
      expect(resumedEnd.metricHistory[METRIC]).toHaveLength(1);
      const resumed = await fingerprint(page);
      // The sheet takes the trained params back, and the training cell's history has every step.
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await waitForCell(page, TRAINING_CELL, "shape", `[${STEPS_PER_EPOCH}]`);
      await shot(page, "convnet-training-2-finished");

      // The same epoch without a reload: Reset deletes the checkpoint and puts the params back to
      // their initializers (as the sheet opened), and Start trains them from there.
      await trainingPanel(page).getByTestId("train-reset").click();
      await trainingPanel(page).getByTestId("train-reset-confirm-yes").click();
      await waitUntil(page, async () => (await storedCheckpointOf(page, TRAINING_NAME)) === null, RUN_TIMEOUT_MS, "the reset to delete the checkpoint");
      await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
      await trainingPanel(page).getByTestId("train-start").click();
      await waitForStatus(page, "finished", RUN_TIMEOUT_MS);
      await waitForCheckpoint(page, TRAINING_NAME, (c) => c.step === STEPS_PER_EPOCH, "the uninterrupted run's final checkpoint", RUN_TIMEOUT_MS);
      const uninterrupted = await fingerprint(page);
      console.info(`convnet-training: resumed from ${k}: ${JSON.stringify(resumed)}\nuninterrupted: ${JSON.stringify(uninterrupted)}`);
      expect(resumed.metricHistory[METRIC]![0]!, "a trained convnet").toBeGreaterThan(0.8);
      expect(resumed, "the run resumed after the reload ends exactly like the uninterrupted one").toEqual(uninterrupted);
      await shot(page, "convnet-training-3-uninterrupted");
      expect(await trainingPanel(page).getByTestId("train-error").count()).toBe(0);
      app.assertNoPageErrors();
      expect(app.consoleErrors, "no console errors, the reload included").toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
