// The page's handle on the training worker: commands out, a Solid store of the run's state in.
// Nothing heavy happens here: the worker trains, checkpoints and reads IndexedDB.
import { batch } from "solid-js";
import { createStore, produce, type SetStoreFunction } from "solid-js/store";
import { sheetFingerprint, type SheetDocument } from "../../cells/index.ts";
import { LossSeries } from "./loss-series.ts";
import { LOSS_POINTS, copyHistory, initialState, type TrainingState, type TrainingStatus } from "./training-state.ts";
import type { CheckpointSummary, FailureKind, TrainedParams, TrainingCommand, TrainingEvent, TrainingProgress, TrainingResult } from "./protocol.ts";

/** What the client needs of a Worker (tests pass a fake). */
export interface TrainingWorkerPort {
  postMessage(message: TrainingCommand): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TrainingEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface TrainingClientOptions {
  /**
   * The run paused, stopped, finished, or failed keeping its last good params: put them (and the
   * loss history) back into the sheet, e.g. with the sheet worker's `setParams`.
   */
  readonly onParams?: (params: TrainedParams, lossHistory: Float32Array, address: string, runKey: string) => void;
  /** The checkpoint of runKey was deleted: re-initialize these params in the sheet and clear the history. */
  readonly onReset?: (paramNames: readonly string[], address: string | null, runKey: string) => void;
  /** Defaults to the real training worker. */
  readonly createWorker?: () => TrainingWorkerPort;
}

/** The worker's event of one type. */
type EventOf<T extends TrainingEvent["type"]> = Extract<TrainingEvent, { type: T }>;

function defaultWorker(): TrainingWorkerPort {
  return new Worker(new URL("./train-worker.ts", import.meta.url), { type: "module", name: "training" }) as unknown as TrainingWorkerPort;
}

/**
 * Owns the training worker (one run at a time). start/resume/pause/stop/reset send commands;
 * events update `state`. A crashed worker is replaced at the next command.
 */
export class TrainingClient {
  readonly state: Readonly<TrainingState>;
  private readonly setState: SetStoreFunction<TrainingState>;
  private worker: TrainingWorkerPort | null = null;
  private readonly series = new LossSeries(LOSS_POINTS);
  private nextId = 1;
  private readonly probes = new Map<number, (c: CheckpointSummary | null) => void>();
  private readonly resetAddresses = new Map<string, string | null>();
  /** Bumped by every start/resume, so a late document does not start a superseded run. */
  private generation = 0;
  /** start/resume waits for its document; the worker knows nothing of the run yet. */
  private awaitingDocument = false;
  /** The current worker has sent something (so it loads; a crash of one that never did is not retried). */
  private heardFrom = false;

  constructor(private readonly options: TrainingClientOptions = {}) {
    const [state, setState] = createStore<TrainingState>(initialState());
    this.state = state;
    this.setState = setState;
  }

  /** A run is being prepared or trains (so another cannot start). */
  get busy(): boolean {
    return this.state.status === "starting" || this.state.status === "running";
  }

  /** Train a fresh run of the training cell at `address` on a snapshot of the sheet. */
  start(runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>): boolean {
    return this.launch("start", runKey, address, document);
  }

  /** Continue the run of runKey from its stored checkpoint (a fresh run when there is none). */
  resume(runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>): boolean {
    return this.launch("resume", runKey, address, document);
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
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.probes.set(id, resolve);
      this.send({ type: "probe", id, runKey });
    });
  }

  /** The latest stored checkpoint of runKey, as far as this client knows (undefined: not asked yet). */
  checkpointOf(runKey: string): CheckpointSummary | null | undefined {
    return this.state.checkpoints[runKey];
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const resolve of this.probes.values()) resolve(null);
    this.probes.clear();
  }

  // ---- internals -----------------------------------------------------------------------------

  private launch(type: "start" | "resume", runKey: string, address: string, document: SheetDocument | Promise<SheetDocument>): boolean {
    if (this.busy) return false;
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
        this.send({ type, runKey, document: doc, address });
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
    this.ensureWorker().postMessage(command);
  }

  private ensureWorker(): TrainingWorkerPort {
    if (this.worker !== null) return this.worker;
    const worker = (this.options.createWorker ?? defaultWorker)();
    this.heardFrom = false;
    worker.onmessage = (m) => {
      this.heardFrom = true;
      this.receive(m.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.crashed(e.message || "an error it could not report");
    };
    worker.onmessageerror = () => this.crashed("a message it sent could not be read");
    this.worker = worker;
    return worker;
  }

  /** The worker died: drop it (the next command starts a new one) and say so. */
  private crashed(detail: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const resolve of this.probes.values()) resolve(null);
    this.probes.clear();
    if (this.busy) {
      this.fail(`The training worker crashed (${detail}); the last checkpoint is kept, so the run can be resumed from it.`, "crash");
    }
    // Ask a fresh worker what the last checkpoint is, unless this one never even started up.
    const key = this.state.runKey;
    if (key !== null && this.heardFrom) void this.checkResumable(key);
  }

  private fail(message: string, kind: FailureKind): void {
    this.setState({ status: "failed", error: message, errorKind: kind });
  }

  /** Handles one event from the worker (public for tests with a fake worker). */
  receive(e: TrainingEvent): void {
    if (e.type === "probed") return this.probed(e);
    if (e.type === "reset") return this.wasReset(e);
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
    const resolve = this.probes.get(e.id);
    this.probes.delete(e.id);
    this.noteCheckpoint(e.runKey, e.checkpoint);
    resolve?.(e.checkpoint);
  }

  private wasReset(e: EventOf<"reset">): void {
    const address = this.resetAddresses.get(e.runKey) ?? (this.state.runKey === e.runKey ? this.state.address : null);
    this.resetAddresses.delete(e.runKey);
    batch(() => {
      this.noteCheckpoint(e.runKey, null);
      if (this.state.runKey === e.runKey) {
        this.series.clear();
        this.setState({ status: "idle", progress: null, losses: [], lossSteps: [], metrics: {}, error: null, errorKind: null, warning: null, resumedFrom: null, snapshot: null });
      }
    });
    this.options.onReset?.(e.params, address, e.runKey);
  }

  private started(e: EventOf<"started">): void {
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
        for (const [name, values] of Object.entries(e.metrics)) {
          const h = (s.metrics[name] ??= []);
          // Indexed by epoch: an event repeated adds nothing.
          values.forEach((v, i) => {
            if (e.fromEpoch + i <= h.length) h[e.fromEpoch + i] = v;
          });
        }
      }),
    );
  }

  private checkpointed(e: EventOf<"checkpointed">): void {
    batch(() => {
      this.setState({ warning: null });
      const old = this.state.checkpoints[e.runKey];
      const p = this.state.progress;
      this.noteCheckpoint(e.runKey, {
        runKey: e.runKey,
        step: e.step,
        epoch: p?.step === e.step ? p.epoch : (old?.epoch ?? 0),
        stepInEpoch: p?.step === e.step ? p.stepInEpoch : (old?.stepInEpoch ?? 0),
        savedAt: Date.now(),
        params: old?.params ?? [],
      });
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
    this.options.onParams?.(result.params, result.lossHistory, result.address, result.runKey);
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

export type { CheckpointSummary, TrainedParams, TrainingProgress, TrainingState, TrainingStatus };
export { LOSS_POINTS };
