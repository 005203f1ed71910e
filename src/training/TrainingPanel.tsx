import { For, Show, createEffect, createSignal, on, untrack, type JSX } from "solid-js";
import { formatCount, formatMetrics, formatValue } from "./format.ts";
import { LossChart } from "./LossChart.tsx";
import { TrainingControls } from "./TrainingControls.tsx";
import { autoResumeEnabled, setAutoResume } from "./run-memo.ts";
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
  const { mine, status, busy, savedStep, progress } = run;
  const actions = trainingActions(props);

  // After a reload, show the stored checkpoint (IndexedDB, through the worker) as the run was
  // left; a run the reload interrupted resumes by itself when the user opted in.
  createEffect(
    on(
      () => props.runKey,
      (key) => {
        if (untrack(() => s.checkpoints[key]) !== undefined) return;
        void client.restore(key, props.address).then((how) => {
          if (how === "interrupted" && autoResumeEnabled(client.memos) && !props.readOnly) actions.resume();
        });
      },
    ),
  );

  return (
    <section
      class="tp"
      classList={{ "tp-compact": props.compact, "tp-in-grid": props.inGrid, [`tp-${status()}`]: true }}
      aria-label={`Training ${props.runKey.split(":").at(-1) ?? props.address}`}
      data-testid="training-panel"
      data-status={status()}
      data-step={progress()?.step ?? ""}
      data-live-step={mine() ? (s.liveStep ?? "") : ""}
      onKeyDown={keep}
      onDblClick={keep}
    >
      <TrainingControls panel={props} run={run} actions={actions} />

      <RunNotes panel={props} run={run} />

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
        <LossPlot panel={props} run={run} />
      </Show>

      <Show when={!props.compact && run.metricHistory().length > 0}>
        <MetricCharts run={run} />
        <MetricHistory run={run} />
      </Show>

      <Show when={!props.compact && !props.inGrid}>
        <AutoResume panel={props} />
      </Show>

      <RunMessages panel={props} run={run} />
    </section>
  );
}

/** Lines above the progress: another run holds the worker, the sheet changed, the plan, the reload. */
function RunNotes(props: { panel: TrainingPanelProps; run: TrainingRun }): JSX.Element {
  const panel = props.panel;
  const s = panel.client.state;
  const { mine, status, busy, otherBusy, progress } = props.run;
  const terse = () => panel.compact === true || panel.inGrid === true;
  return (
    <>
      <Show when={otherBusy()}>
        <p class="tp-note muted" data-testid="train-other">Another run ({s.runKey?.split(":").at(-1)}) is training; pause or stop it first.</p>
      </Show>
      <Show when={mine() && panel.sheetChanged && (busy() || status() === "paused")}>
        <p class="tp-note tp-changed" data-testid="train-sheet-changed">
          sheet changed since start — the run keeps its snapshot
        </p>
      </Show>
      <Show when={props.run.plan()}>
        {(plan) => (
          <p class="tp-note tp-plan muted" data-testid="train-plan" title={`Plan from the formula: ${plan().text}`}>
            {terse() ? plan().text : `Plan from the formula: ${plan().text}`}
          </p>
        )}
      </Show>
      <Show when={props.run.pausedByReload() && !terse()}>
        <p class="tp-note" data-testid="train-reload-note">
          The page was reloaded while this run trained. Resume continues exactly from step {formatCount(progress()?.step ?? 0)}.
        </p>
      </Show>
    </>
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

/** The loss by step, with a log-scale toggle (the full panel only). */
function LossPlot(props: { panel: TrainingPanelProps; run: TrainingRun }): JSX.Element {
  const [log, setLog] = createSignal(false);
  const name = () => props.panel.runKey.split(":").at(-1) ?? props.panel.address;
  return (
    <div class="tp-loss">
      <Show when={!props.panel.compact}>
        <label class="tp-toggle">
          <input type="checkbox" data-testid="train-log-scale" checked={log()} onChange={(e) => setLog(e.currentTarget.checked)} />
          log scale
        </label>
      </Show>
      <LossChart data={props.run.chartData} compact={props.panel.compact ?? false} log={log} label={`Loss by step of ${name()}${log() ? " (log scale)" : ""}`} />
    </div>
  );
}

/** Each metric by epoch, charted beside the loss. */
function MetricCharts(props: { run: TrainingRun }): JSX.Element {
  return (
    <div class="tp-metric-charts">
      <For each={props.run.metricHistory().map(([name]) => name)}>
        {(name) => {
          const data = () => {
            const values = props.run.metricHistory().find(([n]) => n === name)?.[1] ?? [];
            return [values.map((_, i) => i + 1), values] as const;
          };
          return (
            <figure class="tp-metric" data-metric={name}>
              <figcaption>{name} by epoch</figcaption>
              <LossChart data={data} xName="epoch" yName={name} points height={110} testId="train-metric-chart" label={`${name} by epoch`} />
            </figure>
          );
        }}
      </For>
    </div>
  );
}

/** The user's opt-in: a run interrupted by a reload resumes by itself (remembered for every sheet). */
function AutoResume(props: { panel: TrainingPanelProps }): JSX.Element {
  const memos = props.panel.client.memos;
  const [on, setOn] = createSignal(autoResumeEnabled(memos));
  return (
    <label class="tp-toggle tp-auto-resume">
      <input
        type="checkbox"
        data-testid="train-auto-resume"
        checked={on()}
        onChange={(e) => {
          setAutoResume(memos, e.currentTarget.checked);
          setOn(e.currentTarget.checked);
        }}
      />
      Resume automatically after a reload
    </label>
  );
}

/** Each metric's values by epoch (the last 12), as text for screen readers (the charts show them). */
function MetricHistory(props: { run: TrainingRun }): JSX.Element {
  return (
    <dl class="tp-history sr-only">
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
