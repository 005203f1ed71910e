import { Show, type JSX } from "solid-js";
import { formatCount } from "./format.ts";
import { keep, type TrainingActions, type TrainingPanelProps, type TrainingRun } from "./training-run.ts";

/** Start / pause / stop / resume / reset for one training cell, and its status line. */
export function TrainingControls(props: { panel: TrainingPanelProps; run: TrainingRun; actions: TrainingActions }): JSX.Element {
  const { panel, run, actions } = props;
  const client = panel.client;
  const { busy, otherBusy, savedStep, progress, status } = run;
  return (
    <div class="tp-buttons" role="group" aria-label="Training controls">
      <Show when={!busy()}>
        <button
          type="button"
          data-testid="train-start"
          aria-label={savedStep() !== null || progress() ? "Start a new training run from the current params" : "Start training"}
          title="Train a new run on a snapshot of the sheet, from the params' current values"
          disabled={otherBusy() || panel.readOnly}
          onMouseDown={keep}
          onClick={actions.start}
        >
          {savedStep() !== null || progress() ? "Start new" : "Start"}
        </button>
      </Show>
      <Show when={busy()}>
        <button type="button" data-testid="train-pause" aria-label="Pause training (saves a checkpoint)" onMouseDown={keep} onClick={() => client.pause()}>
          Pause
        </button>
        <button type="button" data-testid="train-stop" aria-label="Stop training (saves a checkpoint and keeps the params)" onMouseDown={keep} onClick={() => client.stop()}>
          Stop
        </button>
      </Show>
      <Show when={!busy() && savedStep() !== null}>
        <button
          type="button"
          data-testid="train-resume"
          aria-label={`Resume training from step ${formatCount(savedStep()!)}`}
          title="Continue exactly where the saved checkpoint left off"
          disabled={otherBusy() || panel.readOnly}
          onMouseDown={keep}
          onClick={actions.resume}
        >
          {status() === "paused" ? "Resume" : `Resume from step ${formatCount(savedStep()!)}`}
        </button>
      </Show>
      <Show when={!busy()}>
        <button
          type="button"
          class="tp-reset"
          data-testid="train-reset"
          aria-label="Reset: delete the checkpoint and re-initialize the trained params"
          title="Delete the saved checkpoint and re-initialize the trained params"
          disabled={panel.readOnly}
          onMouseDown={keep}
          onClick={() => void actions.reset()}
        >
          Reset
        </button>
      </Show>
      <span class="tp-status" role="status" aria-live="polite" data-testid="train-status">
        {run.statusText()}
      </span>
    </div>
  );
}
