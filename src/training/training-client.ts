// The page's handle on the training worker: commands out, a Solid store of the run's state in.
// Nothing heavy happens here: the worker trains, checkpoints and reads IndexedDB.
import { batch } from "solid-js";
import { createStore, produce, type SetStoreFunction } from "solid-js/store";
import { sheetFingerprint, type SheetDocument } from "../../cells/index.ts";
import { launchCommand, type LaunchOptions, type TrainingClientOptions, type UndoableReset } from "./client-types.ts";
import { checkpointView, summaryAfterSave } from "./checkpoint-view.ts";
import { LossSeries } from "./loss-series.ts";
import { browserMemoStore, readRunMemo, writeRunMemo, type RunMemo, type RunMemoStore } from "./run-memo.ts";
import { WorkerLink } from "./worker-link.ts";
import { LOSS_POINTS, copyHistory, initialState, mergeEpochMetrics, type TrainingState, type TrainingStatus } from "./training-state.ts";
import type { CheckpointDetail, CheckpointSummary, FailureKind, TrainedParams, TrainingCommand, TrainingEvent, TrainingProgress, TrainingResult } from "./protocol.ts";

/** The worker's event of one type. */
type EventOf<T extends TrainingEvent["type"]> = Extract<TrainingEvent, { type: T }>;

/**
 * Owns the training worker (one run at a time). start/resume/pause/stop/reset send commands;
 * events update `state`. A crashed worker is replaced at the next command.
 */
export class TrainingClient {
  readonly state: Readonly<TrainingState>;
  private readonly setState: SetStoreFunction<TrainingState>;
  private readonly link: WorkerLink;
  private readonly series = new LossSeries(LOSS_POINTS);
  readonly memos: RunMemoStore;
  private undoable: UndoableReset | null = null;
  /** The epochs target the current run was launched with (null: its cell's own setting). */
  private launchedEpochs: number | null = null;
  private readonly resetAddresses = new Map<string, string | null>();
  /** Bumped by every start/resume, so a late document does not start a superseded run. */
  private generation = 0;
  /** start/resume waits for its document; the worker knows nothing of the run yet. */
  private awaitingDocument = false;

  constructor(private readonly options: TrainingClientOptions = {}) {
    const [state, setState] = createStore<TrainingState>(initialState());
    this.state = state;
    this.setState = setState;
    this.memos = options.memos ?? browserMemoStore();
    this.link = new WorkerLink({
      ...(options.createWorker ? { createWorker: options.createWorker } : {}),
      onEvent: (e) => this.receive(e),
      onCrash: (detail, heardFrom) => this.crashed(detail, heardFrom),
    });
  }

  /** A run is being prepared or trains (so another cannot start). */
  get busy(): boolean {
    return this.state.status === "starting" || this.state.status === "running";
  }

  /** Train a fresh run of the training cell at `address` on a snapshot of the sheet. */
  start(runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>, options: LaunchOptions = {}): boolean {
    return this.launch("start", runKey, address, document, options);
  }

  /**
   * Continue the run of runKey from its stored checkpoint (a fresh run when there is none). A run
   * that was asked for more epochs than its cell's own setting keeps that target.
   */
  resume(runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>, options: LaunchOptions = {}): boolean {
    const epochs = options.epochs ?? readRunMemo(this.memos, runKey)?.epochsOverride ?? undefined;
    return this.launch("resume", runKey, address, document, epochs === undefined ? {} : { epochs });
  }

  pause(): void {
    if (this.cancelPendingLaunch()) return;
    if (this.busy) this.send({ type: "pause" });
  }

  stop(): void {
    if (this.cancelPendingLaunch()) return;
    if (this.busy) this.send({ type: "stop" });
  }

  /** Pause/stop before the worker even got the run (the document is still coming): just don't send it. */
  private cancelPendingLaunch(): boolean {
    if (!this.awaitingDocument) return false;
    this.awaitingDocument = false;
    this.generation++;
    this.setState({ status: "idle", snapshot: null });
    return true;
  }

  /**
   * Stop the run of runKey if it trains, delete its checkpoint, then call onReset with the params
   * to re-initialize. `source` (the training cell's) names them when there is no checkpoint.
   */
  reset(runKey: string, address: string | null, source?: string): void {
    this.dropUndo();
    this.resetAddresses.set(runKey, address);
    // The state follows the run the user acts on (unless another one is training).
    if (!this.busy && this.state.runKey !== runKey) {
      this.series.clear();
      const { checkpoints: _, ...fresh } = initialState();
      const saved = this.state.checkpoints[runKey];
      this.setState({ ...fresh, runKey, address, resumable: saved != null, resumeStep: saved?.step ?? null });
    }
    this.send(source === undefined ? { type: "reset", runKey } : { type: "reset", runKey, source });
  }

  /** Ask IndexedDB (in the worker) whether a checkpoint of runKey exists, e.g. after a reload. */
  checkResumable(runKey: string): Promise<CheckpointSummary | null> {
    return this.link.probe(runKey, false).then((answer) => answer?.checkpoint ?? null);
  }

  /**
   * After a reload: show the stored checkpoint of runKey as the run was left (step, progress,
   * chart, metrics), unless another run holds the panel. A run that was training when the page
   * closed is "paused by reload", and its checkpoint's params go back into the sheet (whose saved
   * params may be later ones, sent live). Resolves to whether the run was interrupted so.
   */
  async restore(runKey: string, address: string): Promise<"interrupted" | "shown" | null> {
    const answer = await this.link.probe(runKey, true);
    if (!answer?.checkpoint || !answer.detail) return null;
    if (this.busy || this.awaitingDocument || (this.state.runKey !== null && this.state.runKey !== runKey) || this.state.progress !== null) return null;
    const pausedByReload = this.show(runKey, address, answer.checkpoint, answer.detail, readRunMemo(this.memos, runKey));
    if (pausedByReload) this.options.onParams?.(answer.detail.params, answer.detail.lossHistory, address, runKey);
    return pausedByReload ? "interrupted" : "shown";
  }

  /** Put the checkpoint deleted by the last reset back (until another action drops it). */
  undoReset(): void {
    if (this.undoable === null || this.busy) return;
    this.send({ type: "restore", checkpoint: this.undoable.checkpoint });
  }

  private dropUndo(): void {
    this.undoable = null;
    if (this.state.undoReset !== null) this.setState({ undoReset: null });
  }

  /** Show a checkpoint as the run's state; true when the run was interrupted by a reload. */
  private show(runKey: string, address: string | null, c: CheckpointSummary, detail: CheckpointDetail, memo: RunMemo | null): boolean {
    const view = checkpointView(c, detail, memo);
    this.series.clear();
    this.series.append(0, detail.lossHistory);
    const { checkpoints: _, ...fresh } = initialState();
    batch(() => {
      this.setState({ ...fresh, runKey, address, ...view, metrics: view.metrics });
      this.noteCheckpoint(runKey, c);
    });
    return view.pausedByReload;
  }

  /** The latest stored checkpoint of runKey, as far as this client knows (undefined: not asked yet). */
  checkpointOf(runKey: string): CheckpointSummary | null | undefined {
    return this.state.checkpoints[runKey];
  }

  dispose(): void {
    this.link.dispose();
  }

  // ---- internals -----------------------------------------------------------------------------

  private launch(type: "start" | "resume", runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>, options: LaunchOptions): boolean {
    if (this.busy) return false;
    this.dropUndo();
    this.launchedEpochs = options.epochs ?? null;
    const generation = ++this.generation;
    this.series.clear();
    const saved = this.state.checkpoints[runKey];
    // A new run starts from the idle state; only the known checkpoints carry over.
    this.setState({
      ...initialState(),
      checkpoints: this.state.checkpoints,
      status: "starting",
      runKey,
      address,
      resumable: saved != null,
      resumeStep: saved?.step ?? null,
    });
    this.awaitingDocument = true;
    void Promise.resolve(document).then(
      (doc) => {
        if (generation !== this.generation || this.state.status !== "starting") return;
        this.awaitingDocument = false;
        this.setState("snapshot", sheetFingerprint(doc.seed, doc.cells));
        this.send(launchCommand(type, runKey, doc, address, options));
      },
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.awaitingDocument = false;
        this.fail(`Could not read the sheet to train it: ${e instanceof Error ? e.message : String(e)}`, "crash");
      },
    );
    return true;
  }

  private send(command: TrainingCommand): void {
    this.link.send(command);
  }

  /** The worker died (the link starts a new one for the next command): say so. */
  private crashed(detail: string, heardFrom: boolean): void {
    if (this.busy) {
      this.fail(`The training worker crashed (${detail}); the last checkpoint is kept, so the run can be resumed from it.`, "crash");
    }
    // Ask a fresh worker what the last checkpoint is, unless this one never even started up.
    const key = this.state.runKey;
    if (key !== null && heardFrom) void this.checkResumable(key);
  }

  private fail(message: string, kind: FailureKind): void {
    this.setState({ status: "failed", error: message, errorKind: kind });
  }

  /** Handles one event from the worker (public for tests with a fake worker). */
  receive(e: TrainingEvent): void {
    if (e.type === "probed") return this.probed(e);
    if (e.type === "reset") return this.wasReset(e);
    if (e.type === "restored") return this.restored(e);
    // Everything else is about a run: ignore stragglers of an older one.
    if (e.runKey !== null && e.runKey !== this.state.runKey) return;
    switch (e.type) {
      case "started":
        return this.started(e);
      case "progress":
        this.series.append(e.fromStep, e.losses);
        return this.setState({ progress: e.progress, ...this.chart() });
      case "epoch":
        return this.epoch(e);
      case "params":
        this.setState({ liveStep: e.step });
        return this.options.onLiveParams?.(e.params, e.address, e.runKey);
      case "checkpointed":
        return this.checkpointed(e);
      case "paused":
      case "stopped":
      case "finished":
        return this.settle(e.result, e.type === "paused" ? "paused" : e.type === "finished" ? "finished" : "idle");
      case "failed":
        return this.failed(e);
    }
  }

  private probed(e: EventOf<"probed">): void {
    this.noteCheckpoint(e.runKey, e.checkpoint);
    this.link.answer(e);
  }

  private wasReset(e: EventOf<"reset">): void {
    const address = this.resetAddresses.get(e.runKey) ?? (this.state.runKey === e.runKey ? this.state.address : null);
    this.resetAddresses.delete(e.runKey);
    const memo = readRunMemo(this.memos, e.runKey);
    writeRunMemo(this.memos, e.runKey, null);
    this.undoable = e.deleted === null ? null : { runKey: e.runKey, address, checkpoint: e.deleted, memo };
    batch(() => {
      this.setState({ undoReset: e.deleted === null ? null : e.runKey, pausedByReload: false });
      this.noteCheckpoint(e.runKey, null);
      if (this.state.runKey === e.runKey) {
        this.series.clear();
        this.setState({ status: "idle", progress: null, losses: [], lossSteps: [], metrics: {}, error: null, errorKind: null, warning: null, resumedFrom: null, snapshot: null });
      }
    });
    this.options.onReset?.(e.params, address, e.runKey);
  }

  /** The reset is undone: the checkpoint shows again, and its params go back into the sheet. */
  private restored(e: EventOf<"restored">): void {
    const undone = this.undoable;
    this.undoable = null;
    this.setState({ undoReset: null });
    if (e.checkpoint === null || !e.detail || undone === null || undone.runKey !== e.runKey) {
      if (e.error) this.setState({ error: e.error, errorKind: "storage" });
      return;
    }
    writeRunMemo(this.memos, e.runKey, undone.memo);
    if (this.busy) return this.noteCheckpoint(e.runKey, e.checkpoint);
    this.show(e.runKey, undone.address, e.checkpoint, e.detail, undone.memo === null ? null : { ...undone.memo, status: undone.memo.status === "running" ? "paused" : undone.memo.status });
    if (undone.address !== null) this.options.onParams?.(e.detail.params, e.detail.lossHistory, undone.address, e.runKey);
  }

  private started(e: EventOf<"started">): void {
    this.remember(e.runKey, e.progress, "running");
    this.series.clear();
    this.series.append(0, e.lossHistory);
    this.setState({
      status: this.state.status === "starting" ? "running" : this.state.status,
      address: e.address,
      progress: e.progress,
      metrics: copyHistory(e.metricHistory),
      resumedFrom: e.resumedFrom,
      notice: e.notice,
      ...this.chart(),
    });
  }

  private epoch(e: EventOf<"epoch">): void {
    this.setState(
      produce((s) => {
        s.progress = e.progress;
        mergeEpochMetrics(s.metrics, e.fromEpoch, e.metrics);
      }),
    );
  }

  private checkpointed(e: EventOf<"checkpointed">): void {
    batch(() => {
      this.setState({ warning: null });
      this.noteCheckpoint(e.runKey, summaryAfterSave(e.runKey, e.step, this.state.progress, this.state.checkpoints[e.runKey]));
    });
  }

  private failed(e: EventOf<"failed">): void {
    if (e.continuing) {
      this.setState({ warning: e.message });
      return;
    }
    batch(() => {
      if (e.result) this.settle(e.result, "failed");
      this.fail(e.message, e.kind);
    });
    if (e.runKey !== null) void this.checkResumable(e.runKey);
  }

  private settle(result: TrainingResult, status: TrainingStatus): void {
    this.series.clear();
    this.series.append(0, result.lossHistory);
    this.setState({ status, progress: result.progress, metrics: copyHistory(result.metricHistory), ...this.chart() });
    this.remember(result.runKey, result.progress, status);
    this.options.onParams?.(result.params, result.lossHistory, result.address, result.runKey);
  }

  /** How the run is left, for the page after a reload (see run-memo.ts). */
  private remember(runKey: string, p: TrainingProgress, status: TrainingStatus): void {
    writeRunMemo(this.memos, runKey, { epochs: p.epochs, stepsPerEpoch: p.stepsPerEpoch, epochsOverride: this.launchedEpochs, status });
  }

  private noteCheckpoint(runKey: string, c: CheckpointSummary | null): void {
    batch(() => {
      this.setState("checkpoints", runKey, c);
      if (this.state.runKey === runKey) this.setState({ resumable: c !== null, resumeStep: c?.step ?? null });
    });
  }

  private chart(): { losses: number[]; lossSteps: number[] } {
    const { steps, values } = this.series.points();
    return { losses: values, lossSteps: steps };
  }
}

export type { CheckpointSummary, LaunchOptions, TrainedParams, TrainingClientOptions, TrainingProgress, TrainingState, TrainingStatus };
export type { TrainingWorkerPort } from "./worker-link.ts";
export { LOSS_POINTS };
