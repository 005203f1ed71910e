// What the training panel shows of one training cell's run, derived from the training client's
// store: whether the run is this cell's, its status and progress, its saved checkpoint and chart.
import { createEffect, createMemo, type Accessor, type JSX } from "solid-js";
import { unwrap } from "solid-js/store";
import type { SheetDocument } from "../../cells/index.ts";
import { formatCount, formatProgress } from "./format.ts";
import { noteTrainingSource, trainingSource } from "./cell-sources.ts";
import { planWords, type PlanWords } from "./plan-text.ts";
import type { LossData } from "./LossChart.tsx";
import type { TrainingClient, TrainingProgress, TrainingStatus } from "./training-client.ts";

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
  /**
   * In a grid cell, however tall: short button labels, the plan on one line, and no settings;
   * the inspector's panel has the full texts and the auto-resume setting.
   */
  readonly inGrid?: boolean;
  /** The sheet's sources changed since the run took its snapshot. */
  readonly sheetChanged?: boolean;
  /** Another tab writes this sheet (and may train its runs): no starting, resuming or resetting here. */
  readonly readOnly?: boolean;
  /**
   * Shown in place of the live chart while this panel has no live run data, e.g. the training
   * cell's stored loss history (`<TensorView preview={cell.preview} … />`) after a reload.
   */
  readonly idleView?: JSX.Element;
  /** The training cell's formula, to show the plan it asks for (epochs, batch, optimizer). */
  readonly source?: string;
}

const STATUS_TEXT: Record<TrainingStatus, string> = {
  idle: "Not training",
  starting: "Starting… (loading data, evaluating the sheet)",
  running: "Training",
  paused: "Paused",
  finished: "Finished",
  failed: "Stopped by an error",
};

export interface TrainingRun {
  /** Whether the client's run is this cell's. */
  readonly mine: Accessor<boolean>;
  readonly status: Accessor<TrainingStatus>;
  readonly busy: Accessor<boolean>;
  /** Another cell's run holds the worker. */
  readonly otherBusy: Accessor<boolean>;
  /** Step of the stored checkpoint of this run, or null when there is none (or not known yet). */
  readonly savedStep: Accessor<number | null>;
  readonly progress: Accessor<TrainingProgress | null>;
  readonly chartData: Accessor<LossData>;
  readonly hasChart: Accessor<boolean>;
  readonly metricHistory: Accessor<[string, number[]][]>;
  readonly progressText: Accessor<string>;
  /** How far the run is, in [0, 1]. */
  readonly fraction: Accessor<number>;
  readonly statusText: Accessor<string>;
  /** All the run's epochs are done: resuming would do nothing, training more epochs would. */
  readonly finished: Accessor<boolean>;
  /** The run was training when the page closed; it shows its checkpoint, paused. */
  readonly pausedByReload: Accessor<boolean>;
  /** The plan the formula asks for, in words, and its epochs. */
  readonly plan: Accessor<PlanWords | null>;
}

export function trainingRun(props: TrainingPanelProps): TrainingRun {
  const s = props.client.state;
  const mine = () => s.runKey === props.runKey;
  const status = createMemo<TrainingStatus>(() => (mine() ? s.status : "idle"));
  const busy = () => status() === "starting" || status() === "running";
  const otherBusy = () => !mine() && (s.status === "starting" || s.status === "running");
  const savedStep = createMemo<number | null>(() => (mine() ? (s.resumable ? s.resumeStep : null) : (s.checkpoints[props.runKey]?.step ?? null)));
  const progress = () => (mine() ? s.progress : null);
  const chartData = createMemo<LossData>(() => (mine() ? [unwrap(s.lossSteps), unwrap(s.losses)] : [[], []]));
  const hasChart = () => chartData()[0].length > 0;
  const metricHistory = createMemo(() => (mine() ? Object.entries(s.metrics).filter(([, v]) => v.length > 0) : []));

  const progressText = () => {
    const p = progress();
    return p ? formatProgress(p, busy()) : "";
  };
  const fraction = () => {
    const p = progress();
    return p && p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  };
  const finished = () => {
    const p = progress();
    return status() === "finished" || (p !== null && savedStep() !== null && savedStep()! >= p.totalSteps);
  };
  const pausedByReload = () => mine() && s.pausedByReload && status() === "paused";
  createEffect(() => {
    if (props.source !== undefined) noteTrainingSource(props.runKey, props.source);
  });
  const plan = createMemo(() => {
    const source = props.source ?? trainingSource(props.runKey);
    return source === undefined ? null : planWords(source);
  });
  const statusText = () => {
    const st = status();
    if (pausedByReload() && progress()) return `Paused by reload at step ${formatCount(progress()!.step)}`;
    if (st === "paused" && progress()) return `Paused at step ${formatCount(progress()!.step)}`;
    if (st === "idle" && mine() && progress()) return `Stopped at step ${formatCount(progress()!.step)}`;
    if (st === "running" && mine() && s.resumedFrom !== null) return `Training (resumed from step ${formatCount(s.resumedFrom)})`;
    if (st === "idle" && props.compact) return "";
    return STATUS_TEXT[st];
  };
  return { mine, status, busy, otherBusy, savedStep, progress, chartData, hasChart, metricHistory, progressText, fraction, statusText, finished, pausedByReload, plan };
}

export interface TrainingActions {
  /** A new run from the params' current values, or (fromInitial) from their initializers. */
  start(fromInitial?: boolean): void;
  resume(): void;
  /** A finished run trains `epochs` more epochs, on from its checkpoint. */
  more(epochs: number): void;
  reset(): Promise<void>;
  undoReset(): void;
}

/** The panel's commands to the client, each on a fresh snapshot of the sheet. */
export function trainingActions(props: TrainingPanelProps): TrainingActions {
  const client = props.client;
  return {
    start: (fromInitial = false) => client.start(props.runKey, props.address, props.getDocument(), { fromInitial }),
    resume: () => client.resume(props.runKey, props.address, props.getDocument()),
    more: (epochs) => {
      const done = client.checkpointOf(props.runKey)?.epoch ?? client.state.progress?.epoch ?? 0;
      client.resume(props.runKey, props.address, props.getDocument(), { epochs: done + epochs });
    },
    undoReset: () => client.undoReset(),
    reset: async () => {
      let source: string | undefined;
      try {
        source = (await props.getDocument()).cells.find((c) => c.address === props.address)?.source;
      } catch {
        // Without the source the worker names the params from the checkpoint alone.
      }
      client.reset(props.runKey, props.address, source);
    },
  };
}

/** Keys and clicks on the panel's controls are theirs, not the grid's (Space would start editing). */
export const keep = (e: Event) => e.stopPropagation();
