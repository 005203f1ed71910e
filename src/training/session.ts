// The training worker's logic, free of worker globals so it runs (and is tested) in Node: it takes
// commands, trains one run at a time, and reports through `post`.
import {
  CellError,
  CheckpointStoreError,
  drive,
  EngineError,
  FormatError,
  parseCell,
  progressOf,
  sheetFromDocument,
  TrainingError,
  TrainingRun,
  type CheckpointStore,
  type DatasetProvider,
  type DriveOptions,
  type Sheet,
  type SheetDocument,
  type TrainingCheckpoint,
} from "../../cells/index.ts";
import { describe } from "./error-text.ts";
import { RunReporter } from "./run-reporter.ts";
import { copyHistory } from "./training-state.ts";
import { transferables, type CheckpointDetail, type CheckpointSummary, type FailureKind, type TrainingCommand, type TrainingEvent, type TrainingResult } from "./protocol.ts";

/** Loads the built-in datasets a sheet's sources need (undefined when they need none). */
export type DatasetLoader = (sources: readonly string[]) => Promise<DatasetProvider | undefined>;

export interface TrainingSessionOptions {
  /** Where events go; `transfer` lists buffers that may be transferred rather than copied. */
  readonly post: (event: TrainingEvent, transfer: Transferable[]) => void;
  readonly store: CheckpointStore;
  readonly loadDataset?: DatasetLoader;
  /**
   * Takes the run's lock for as long as it trains (the worker: a Web Lock), so two tabs never
   * train, and checkpoint, the same run; resolves to null when another holder has it.
   */
  readonly lockRun?: (runKey: string) => Promise<(() => void) | null>;
  /** Driver timing; defaults: checkpoint every 3 s, progress at most every 100 ms, yield every 50 ms. */
  readonly timing?: Pick<DriveOptions, "checkpointEveryMs" | "progressEveryMs" | "yieldEveryMs">;
  /** Send the run's params to the page at most this often while it trains (default 2 s; null: only when it settles). */
  readonly liveParamsEveryMs?: number | null;
}

/** How a start/resume command wants its run. */
interface RunRequest {
  readonly resume: boolean;
  readonly fromInitial?: boolean;
  readonly epochs?: number;
}

type Control = "run" | "pause" | "stop";

/** How often a training run sends its params to the page: the sheet's cells follow the run this closely. */
export const LIVE_PARAMS_EVERY_MS = 2000;

interface ActiveRun {
  readonly runKey: string;
  readonly address: string;
  control: Control;
  /** Settles when the run has ended and its final events are posted. */
  finished: Promise<void>;
}

/** A failure the worker explains and then carries on from (the process itself is fine). */
class ResumeLoadError extends Error {
  override name = "ResumeLoadError";
}

/**
 * Trains one run at a time. start/resume build a Sheet from the document snapshot, evaluate it,
 * and drive a TrainingRun, checkpointing every epoch, every ~3 s and on pause/stop. pause/stop set
 * a flag the driver polls between steps (it yields to the event loop every 50 ms, so they get
 * through). Every failure becomes a `failed` event; nothing throws out of `handle`.
 */
export class TrainingSession {
  private active: ActiveRun | null = null;

  constructor(private readonly options: TrainingSessionOptions) {}

  /** The run in progress, if any. */
  get activeRunKey(): string | null {
    return this.active?.runKey ?? null;
  }

  /**
   * Handle one command. For start/resume the promise settles when the run has ended, so callers
   * must not wait for it before handling the next message (pause and stop must get through).
   */
  async handle(cmd: TrainingCommand): Promise<void> {
    try {
      switch (cmd.type) {
        case "start":
          return await this.train(cmd.runKey, cmd.document, cmd.address, { resume: false, fromInitial: cmd.fromInitial === true });
        case "resume":
          return await this.train(cmd.runKey, cmd.document, cmd.address, { resume: true, ...(cmd.epochs === undefined ? {} : { epochs: cmd.epochs }) });
        case "pause":
        case "stop":
          if (this.active !== null && this.active.control === "run") this.active.control = cmd.type;
          return;
        case "reset":
          return await this.reset(cmd.runKey, cmd.source);
        case "probe":
          return await this.probe(cmd.id, cmd.runKey, cmd.full === true);
        case "restore":
          return await this.restore(cmd.checkpoint);
      }
    } catch (e) {
      this.crash("runKey" in cmd ? cmd.runKey : (this.active?.runKey ?? null), e);
    }
  }

  /** Report an exception nobody expected (the worker's global error handlers call this too). */
  crash(runKey: string | null, e: unknown): void {
    try {
      this.post({
        type: "failed",
        runKey,
        kind: "crash",
        continuing: false,
        message: crashMessage(e),
      });
    } catch {
      // Posting failed too: nothing left to tell anyone with.
    }
  }

  private post(event: TrainingEvent): void {
    this.options.post(event, transferables(event));
  }

  private async train(runKey: string, document: SheetDocument, address: string, request: RunRequest): Promise<void> {
    if (this.active !== null) {
      return this.refuse(runKey, `${this.active.runKey} is still training; pause or stop it before starting another run.`);
    }
    let settle!: () => void;
    const active: ActiveRun = { runKey, address, control: "run", finished: new Promise<void>((resolve) => (settle = resolve)) };
    this.active = active;
    let run: TrainingRun | null = null;
    let reporter: RunReporter | null = null;
    let unlock: (() => void) | null = null;
    try {
      if (this.options.lockRun) {
        unlock = await this.options.lockRun(runKey);
        if (unlock === null) {
          return this.refuse(runKey, "This run is training in another tab; pause it there, or close that tab, to train it here.");
        }
      }
      const source = document.cells.find((c) => c.address === address)?.source ?? "";
      const sheet = await this.buildSheet(document, request.fromInitial ? trainedParamNames(source) : []);
      const checkpoint = request.resume ? await this.loadForResume(runKey) : null;
      const overrides = request.epochs === undefined ? {} : { epochs: request.epochs };
      run = checkpoint === null ? TrainingRun.start(sheet, address, overrides) : TrainingRun.resume(sheet, address, checkpoint, overrides);
      const resumedFrom = checkpoint?.step ?? null;
      const progressEvery = this.options.timing?.progressEveryMs ?? 100;
      const paramsEvery = this.options.liveParamsEveryMs === undefined ? LIVE_PARAMS_EVERY_MS : this.options.liveParamsEveryMs;
      const post = (event: TrainingEvent) => this.post(event);
      reporter = new RunReporter(run, runKey, resumedFrom, this.options.store, post, progressEvery, paramsEvery, address);
      reporter.started(address, resumedFrom);
      await this.driveToEnd(run, active, reporter);
    } catch (e) {
      this.post(this.failure(runKey, address, e, run, reporter?.savedStep ?? null));
    } finally {
      unlock?.();
      if (this.active === active) this.active = null;
      settle();
    }
  }

  /** Train until the run finishes or is paused/stopped, then hand back its params. */
  private async driveToEnd(run: TrainingRun, active: ActiveRun, reporter: RunReporter): Promise<void> {
    const { runKey, address } = active;
    const outcome = await drive(run, {
      runKey,
      store: reporter.store,
      ...this.options.timing,
      control: () => active.control,
      onProgress: (progress) => reporter.progress(progress),
      onEpoch: (progress) => reporter.epoch(progress),
    });
    this.post({ type: outcome, runKey, result: resultOf(run, runKey, address) });
  }

  /** A start/resume this worker will not train (another run holds it): the run is not touched. */
  private refuse(runKey: string, message: string): void {
    this.post({ type: "failed", runKey, kind: "training", continuing: false, message });
  }

  private async loadForResume(runKey: string): Promise<TrainingCheckpoint | null> {
    try {
      return await this.options.store.load(runKey);
    } catch (e) {
      throw new ResumeLoadError(
        `${describe(e)} The run could not resume; try again, or start a new run (which does not need the checkpoint).`,
      );
    }
  }

  private failure(runKey: string, address: string, e: unknown, run: TrainingRun | null, savedStep: number | null): TrainingEvent {
    const kept = savedStep === null ? "" : ` The last checkpoint (step ${savedStep}) is kept.`;
    const kind = failureKind(e);
    if (kind === "crash") {
      return {
        type: "failed",
        runKey,
        kind,
        continuing: false,
        message: crashMessage(e),
      };
    }
    if (e instanceof ResumeLoadError) return { type: "failed", runKey, kind: "storage", continuing: false, message: e.message };
    const message = `${describe(e)}${kept}`;
    // A failed step changes nothing: the run's params are its last good ones. Hand them back too.
    return run === null
      ? { type: "failed", runKey, kind, continuing: false, message }
      : { type: "failed", runKey, kind, continuing: false, message, result: resultOf(run, runKey, address) };
  }

  /** The document's sheet, evaluated; the params named in `initial` start from their initializers. */
  private async buildSheet(document: SheetDocument, initial: readonly string[]): Promise<Sheet> {
    const dataset = await this.options.loadDataset?.(document.cells.map((c) => c.source));
    const sheet = sheetFromDocument(document, dataset ?? undefined);
    for (const name of initial) sheet.reinitialize(name);
    sheet.evaluate();
    return sheet;
  }

  private async reset(runKey: string, source: string | undefined): Promise<void> {
    const active = this.active;
    if (active !== null && active.runKey === runKey) {
      if (active.control === "run") active.control = "stop";
      await active.finished;
    }
    const names = new Set(source === undefined ? [] : trainedParamNames(source));
    let deleted: TrainingCheckpoint | null = null;
    try {
      deleted = await this.options.store.load(runKey);
      for (const name of Object.keys(deleted?.params ?? {})) names.add(name);
    } catch {
      // The delete below reports storage problems.
    }
    let problem: unknown = null;
    try {
      await this.options.store.delete(runKey);
    } catch (e) {
      problem = e;
    }
    this.post({ type: "reset", runKey, params: [...names], deleted: problem === null ? deleted : null });
    if (problem !== null) {
      this.post({
        type: "failed",
        runKey,
        kind: failureKind(problem) === "storage" ? "storage" : "crash",
        continuing: false,
        message: `${describe(problem)} The checkpoint could not be deleted; the params were re-initialized anyway.`,
      });
    }
  }

  private async probe(id: number, runKey: string, full: boolean): Promise<void> {
    try {
      const c = await this.options.store.load(runKey);
      if (c === null) return this.post({ type: "probed", id, runKey, checkpoint: null });
      this.post({ type: "probed", id, runKey, checkpoint: summarize(c), ...(full ? { detail: detailOf(c) } : {}) });
    } catch (e) {
      this.post({ type: "probed", id, runKey, checkpoint: null, error: describe(e) });
    }
  }

  /** Store a checkpoint a reset deleted, unless a run of it trains (its next save would replace it). */
  private async restore(c: TrainingCheckpoint): Promise<void> {
    const runKey = c.runKey;
    if (this.active?.runKey === runKey) return this.post({ type: "restored", runKey, checkpoint: null, error: `${runKey} is training; the reset cannot be undone now.` });
    try {
      await this.options.store.save(c);
      this.post({ type: "restored", runKey, checkpoint: summarize(c), detail: detailOf(c) });
    } catch (e) {
      this.post({ type: "restored", runKey, checkpoint: null, error: `${describe(e)} The reset could not be undone.` });
    }
  }
}

/** A copy of a checkpoint's params and histories, to transfer to the page. */
export function detailOf(c: TrainingCheckpoint): CheckpointDetail {
  const params = Object.fromEntries(Object.entries(c.params).map(([name, t]) => [name, { shape: [...t.shape], data: Float32Array.from(t.data) }]));
  return { params, lossHistory: Float32Array.from(c.lossHistory), metricHistory: copyHistory(c.metricHistory) };
}

export function summarize(c: TrainingCheckpoint): CheckpointSummary {
  return { runKey: c.runKey, step: c.step, epoch: c.epoch, stepInEpoch: c.stepInEpoch, savedAt: c.savedAt, params: Object.keys(c.params) };
}

/** The params a training cell's source trains: the refs of `train(loss, [a, b], …)`'s second argument. */
export function trainedParamNames(source: string): string[] {
  const { expr } = parseCell(source);
  if (expr?.kind !== "call" || expr.fn !== "train") return [];
  const arg = expr.args[1];
  if (arg === undefined) return [];
  const items = arg.kind === "array" ? arg.items : [arg];
  return items.flatMap((e) => (e.kind === "ref" ? [e.name] : []));
}

/** Errors of the sheet, the run or the data are the user's to fix; storage ones are storage; the rest are bugs. */
export function failureKind(e: unknown): FailureKind {
  if (e instanceof CheckpointStoreError || e instanceof ResumeLoadError) return "storage";
  if (e instanceof TrainingError || e instanceof CellError || e instanceof EngineError || e instanceof FormatError) return "training";
  return "crash";
}

function resultOf(run: TrainingRun, runKey: string, address: string): TrainingResult {
  const params = Object.fromEntries(
    [...run.currentParams()].map(([name, t]) => [name, { shape: [...t.shape], data: t.data as Float32Array }]),
  );
  const lossHistory = run.lossHistory();
  return {
    runKey,
    address,
    params,
    lossHistory,
    metricHistory: copyHistory(run.metrics()),
    progress: progressOf(run, lossHistory.at(-1) ?? NaN),
  };
}

function crashMessage(e: unknown): string {
  return `Training crashed on an unexpected error (${describe(e)}); the last checkpoint is kept, so the run can be resumed from it.`;
}
