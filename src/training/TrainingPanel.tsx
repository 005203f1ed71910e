import { For, Show, createEffect, on, untrack, type JSX } from "solid-js";
import { formatCount, formatMetrics, formatValue } from "./format.ts";
import { LossChart } from "./LossChart.tsx";
import { TrainingControls } from "./TrainingControls.tsx";
import { keep, trainingActions, trainingRun, type TrainingPanelProps, type TrainingRun } from "./training-run.ts";
import "./training.css";

export type { TrainingPanelProps } from "./training-run.ts";

/**
 * Controls and live view of one training cell's run: start / pause / resume / stop / reset, a
 * progress bar with speed and ETA, the latest loss and metrics, and the live loss chart.
 * All work happens in the training worker; this only renders the client's state.
 */
export function TrainingPanel(props: TrainingPanelProps): JSX.Element {
  const client = props.client;
  const s = client.state;
  const run = trainingRun(props);
  const { mine, status, busy, otherBusy, savedStep, progress } = run;
  const actions = trainingActions(props);

  // After a reload, ask IndexedDB (through the worker) whether this run can be resumed.
  createEffect(
    on(
      () => props.runKey,
      (key) => {
        if (untrack(() => s.checkpoints[key]) === undefined) void client.checkResumable(key);
      },
    ),
  );

  return (
    <section
      class="tp"
      classList={{ "tp-compact": props.compact, [`tp-${status()}`]: true }}
      aria-label={`Training ${props.runKey.split(":").at(-1) ?? props.address}`}
      data-testid="training-panel"
      data-status={status()}
      onKeyDown={keep}
      onDblClick={keep}
    >
      <TrainingControls panel={props} run={run} actions={actions} />

      <Show when={otherBusy()}>
        <p class="tp-note muted" data-testid="train-other">Another run ({s.runKey?.split(":").at(-1)}) is training; pause or stop it first.</p>
      </Show>

      <Show when={mine() && props.sheetChanged && (busy() || status() === "paused")}>
        <p class="tp-note tp-changed" data-testid="train-sheet-changed">
          sheet changed since start — the run keeps its snapshot
        </p>
      </Show>

      <Show when={progress()}>
        <ProgressBar run={run} />
        <div class="tp-metrics mono" data-testid="train-metrics">
          {formatMetrics(progress()!)}
        </div>
      </Show>

      <Show when={!props.compact && !progress() && savedStep() !== null && status() !== "starting"}>
        <p class="tp-note muted" data-testid="train-saved">
          A checkpoint at step {formatCount(savedStep()!)} is saved{status() === "failed" ? "" : " — resume to continue where it left off"}.
        </p>
      </Show>

      <Show when={run.hasChart() || busy()} fallback={props.idleView}>
        <LossChart data={run.chartData} compact={props.compact ?? false} label={`Loss by step of ${props.runKey.split(":").at(-1) ?? props.address}`} />
      </Show>

      <Show when={!props.compact && run.metricHistory().length > 0}>
        <MetricHistory run={run} />
      </Show>

      <RunMessages panel={props} run={run} />
    </section>
  );
}

function ProgressBar(props: { run: TrainingRun }): JSX.Element {
  const { progress, progressText, fraction } = props.run;
  return (
    <div
      class="tp-progress"
      role="progressbar"
      aria-label="Training progress"
      aria-valuemin={0}
      aria-valuemax={progress()!.totalSteps}
      aria-valuenow={progress()!.step}
      aria-valuetext={progressText()}
      data-testid="train-progress"
    >
      <div class="tp-bar">
        <div class="tp-bar-fill" style={{ width: `${(fraction() * 100).toFixed(2)}%` }} />
      </div>
      <div class="tp-progress-text">{progressText()}</div>
    </div>
  );
}

/** Each metric's values by epoch (the last 12). */
function MetricHistory(props: { run: TrainingRun }): JSX.Element {
  return (
    <dl class="tp-history">
      <For each={props.run.metricHistory()}>
        {([name, values]) => (
          <>
            <dt>{name} by epoch</dt>
            <dd class="mono">{values.slice(-12).map((v) => formatValue(v)).join(", ")}{values.length > 12 ? ` (last 12 of ${values.length})` : ""}</dd>
          </>
        )}
      </For>
    </dl>
  );
}

/** The run's notice, warning and error, when the run is this cell's. */
function RunMessages(props: { panel: TrainingPanelProps; run: TrainingRun }): JSX.Element {
  const s = props.panel.client.state;
  const mine = props.run.mine;
  return (
    <>
      <Show when={mine() && s.notice}>
        {(n) => (
          <p class="tp-notice" data-testid="train-notice">
            {n()}
          </p>
        )}
      </Show>
      <Show when={mine() && s.warning}>
        {(w) => (
          <p class="tp-warning" role="alert" data-testid="train-warning">
            {w()}
          </p>
        )}
      </Show>
      <Show when={mine() && s.error}>
        {(e) => (
          <p class="tp-error" role="alert" data-testid="train-error">
            {e()}
          </p>
        )}
      </Show>
    </>
  );
}
