import { For, Show, createEffect, createMemo, on, untrack, type JSX } from "solid-js";
import { unwrap } from "solid-js/store";
import type { SheetDocument } from "../../cells/document.ts";
import { formatCount, formatMetrics, formatProgress, formatValue } from "./format.ts";
import { LossChart, type LossData } from "./LossChart.tsx";
import type { TrainingClient, TrainingStatus } from "./training-client.ts";
import "./training.css";

export interface TrainingPanelProps {
  readonly client: TrainingClient;
  /** `${sheetId}:${trainingCellName}` */
  readonly runKey: string;
  /** The training cell's address. */
  readonly address: string;
  /** A snapshot of the sheet (with its param values) for the worker to train on. */
  readonly getDocument: () => Promise<SheetDocument>;
  /** In a grid cell: a small chart and terse text. */
  readonly compact?: boolean;
  /** The sheet's sources changed since the run took its snapshot. */
  readonly sheetChanged?: boolean;
  /** Another tab writes this sheet (and may train its runs): no starting, resuming or resetting here. */
  readonly readOnly?: boolean;
  /**
   * Shown in place of the live chart while this panel has no live run data, e.g. the training
   * cell's stored loss history (`<TensorView preview={cell.preview} … />`) after a reload.
   */
  readonly idleView?: JSX.Element;
}

const STATUS_TEXT: Record<TrainingStatus, string> = {
  idle: "Not training",
  starting: "Starting… (loading data, evaluating the sheet)",
  running: "Training",
  paused: "Paused",
  finished: "Finished",
  failed: "Stopped by an error",
};

/**
 * Controls and live view of one training cell's run: start / pause / resume / stop / reset, a
 * progress bar with speed and ETA, the latest loss and metrics, and the live loss chart.
 * All work happens in the training worker; this only renders the client's state.
 */
export function TrainingPanel(props: TrainingPanelProps): JSX.Element {
  const client = props.client;
  const s = client.state;
  /** Whether the client's run is this cell's. */
  const mine = () => s.runKey === props.runKey;
  const status = createMemo<TrainingStatus>(() => (mine() ? s.status : "idle"));
  const busy = () => status() === "starting" || status() === "running";
  /** Another cell's run holds the worker. */
  const otherBusy = () => !mine() && (s.status === "starting" || s.status === "running");
  /** Step of the stored checkpoint of this run, or null when there is none (or not known yet). */
  const savedStep = createMemo<number | null>(() => (mine() ? (s.resumable ? s.resumeStep : null) : (s.checkpoints[props.runKey]?.step ?? null)));
  const progress = () => (mine() ? s.progress : null);
  const chartData = createMemo<LossData>(() => (mine() ? [unwrap(s.lossSteps), unwrap(s.losses)] : [[], []]));
  const hasChart = () => chartData()[0].length > 0;
  const metricHistory = createMemo(() => (mine() ? Object.entries(s.metrics).filter(([, v]) => v.length > 0) : []));

  // After a reload, ask IndexedDB (through the worker) whether this run can be resumed.
  createEffect(
    on(
      () => props.runKey,
      (key) => {
        if (untrack(() => s.checkpoints[key]) === undefined) void client.checkResumable(key);
      },
    ),
  );

  const start = () => client.start(props.runKey, props.address, props.getDocument());
  const resume = () => client.resume(props.runKey, props.address, props.getDocument());
  const reset = async () => {
    let source: string | undefined;
    try {
      source = (await props.getDocument()).cells.find((c) => c.address === props.address)?.source;
    } catch {
      // Without the source the worker names the params from the checkpoint alone.
    }
    client.reset(props.runKey, props.address, source);
  };

  const progressText = () => {
    const p = progress();
    return p ? formatProgress(p, busy()) : "";
  };
  const fraction = () => {
    const p = progress();
    return p && p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  };
  const statusText = () => {
    const st = status();
    if (st === "paused" && progress()) return `Paused at step ${formatCount(progress()!.step)}`;
    if (st === "idle" && mine() && progress()) return `Stopped at step ${formatCount(progress()!.step)}`;
    if (st === "running" && mine() && s.resumedFrom !== null) return `Training (resumed from step ${formatCount(s.resumedFrom)})`;
    if (st === "idle" && props.compact) return "";
    return STATUS_TEXT[st];
  };

  // Keys and clicks on the panel's controls are theirs, not the grid's (Space would start editing).
  const keep = (e: Event) => e.stopPropagation();

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
      <div class="tp-buttons" role="group" aria-label="Training controls">
        <Show when={!busy()}>
          <button
            type="button"
            data-testid="train-start"
            aria-label={savedStep() !== null || progress() ? "Start a new training run from the current params" : "Start training"}
            title="Train a new run on a snapshot of the sheet, from the params' current values"
            disabled={otherBusy() || props.readOnly}
            onMouseDown={keep}
            onClick={start}
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
            disabled={otherBusy() || props.readOnly}
            onMouseDown={keep}
            onClick={resume}
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
            disabled={props.readOnly}
            onMouseDown={keep}
            onClick={() => void reset()}
          >
            Reset
          </button>
        </Show>
        <span class="tp-status" role="status" aria-live="polite" data-testid="train-status">
          {statusText()}
        </span>
      </div>

      <Show when={otherBusy()}>
        <p class="tp-note muted" data-testid="train-other">Another run ({s.runKey?.split(":").at(-1)}) is training; pause or stop it first.</p>
      </Show>

      <Show when={mine() && props.sheetChanged && (busy() || status() === "paused")}>
        <p class="tp-note tp-changed" data-testid="train-sheet-changed">
          sheet changed since start — the run keeps its snapshot
        </p>
      </Show>

      <Show when={progress()}>
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
        <div class="tp-metrics mono" data-testid="train-metrics">
          {formatMetrics(progress()!)}
        </div>
      </Show>

      <Show when={!props.compact && !progress() && savedStep() !== null && status() !== "starting"}>
        <p class="tp-note muted" data-testid="train-saved">
          A checkpoint at step {formatCount(savedStep()!)} is saved{status() === "failed" ? "" : " — resume to continue where it left off"}.
        </p>
      </Show>

      <Show when={hasChart() || busy()} fallback={props.idleView}>
        <LossChart data={chartData} compact={props.compact ?? false} label={`Loss by step of ${props.runKey.split(":").at(-1) ?? props.address}`} />
      </Show>

      <Show when={!props.compact && metricHistory().length > 0}>
        <dl class="tp-history">
          <For each={metricHistory()}>
            {([name, values]) => (
              <>
                <dt>{name} by epoch</dt>
                <dd class="mono">{values.slice(-12).map((v) => formatValue(v)).join(", ")}{values.length > 12 ? ` (last 12 of ${values.length})` : ""}</dd>
              </>
            )}
          </For>
        </dl>
      </Show>

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
    </section>
  );
}
