// Tells the page how one training run goes while it trains: started, progress, epoch and
// checkpointed events, and storage failures of the checkpoints it saves.
import { progressOf, type CheckpointStore, type TrainingCheckpoint, type TrainingProgress, type TrainingRun } from "../../cells/index.ts";
import { describe } from "./error-text.ts";
import type { TrainingEvent } from "./protocol.ts";
import { copyHistory } from "./training-state.ts";

/**
 * One run's reporter. Events carry only what is new since the last one (losses from `sent`,
 * metrics from `epochsSent`), so the page appends them to what it already has.
 */
export class RunReporter {
  /** The checkpoint store to drive the run with: saves go through, and each is reported. */
  readonly store: CheckpointStore;
  /** The step of the last checkpoint known to be stored (null: none). */
  savedStep: number | null;
  private sent: number;
  private epochsSent: number;
  private lastEpochPost = -Infinity;
  private lastParamsPost: number;
  private storageFailing = false;

  constructor(
    private readonly run: TrainingRun,
    private readonly runKey: string,
    resumedFrom: number | null,
    backing: CheckpointStore,
    private readonly post: (event: TrainingEvent) => void,
    private readonly progressEveryMs: number,
    /** Send the live params at most this often (null: never, only when the run settles). */
    private readonly paramsEveryMs: number | null = null,
    private readonly address = "",
  ) {
    this.lastParamsPost = performance.now();
    this.savedStep = resumedFrom;
    this.sent = run.step;
    this.epochsSent = run.epoch;
    this.store = {
      save: (c) => this.save(backing, c),
      load: (k) => backing.load(k),
      delete: (k) => backing.delete(k),
      list: () => backing.list(),
    };
  }

  started(address: string, resumedFrom: number | null): void {
    const run = this.run;
    this.post({
      type: "started",
      runKey: this.runKey,
      address,
      resumedFrom,
      progress: progressOf(run, run.lossHistory().at(-1) ?? NaN),
      lossHistory: run.lossHistory(),
      metricHistory: copyHistory(run.metrics()),
      notice: run.resumeNotice,
    });
  }

  progress(progress: TrainingProgress): void {
    const losses = this.run.lossHistory().slice(this.sent);
    const fromStep = this.sent;
    this.sent += losses.length;
    this.post({ type: "progress", runKey: this.runKey, progress, fromStep, losses });
    this.liveParams();
  }

  epoch(progress: TrainingProgress): void {
    // Tiny epochs (a step each) would flood the page: send what is new at most every progressEveryMs.
    const now = performance.now();
    if (now - this.lastEpochPost < this.progressEveryMs) return;
    this.lastEpochPost = now;
    const metrics = Object.fromEntries(Object.entries(this.run.metrics()).map(([name, values]) => [name, values.slice(this.epochsSent)]));
    const fromEpoch = this.epochsSent;
    this.epochsSent = this.run.epoch;
    this.post({ type: "epoch", runKey: this.runKey, progress, fromEpoch, metrics });
    this.liveParams();
  }

  /**
   * The params as they are now, when paramsEveryMs has passed since the last ones: checked after
   * every progress and epoch report, so an epoch longer than that interval always sends some. The
   * copy costs one pass over the params; the step loop goes on while the page evaluates them.
   */
  private liveParams(): void {
    if (this.paramsEveryMs === null) return;
    const now = performance.now();
    if (now - this.lastParamsPost < this.paramsEveryMs) return;
    this.lastParamsPost = now;
    const params = Object.fromEntries(
      [...this.run.currentParams()].map(([name, t]) => [name, { shape: [...t.shape], data: t.data as Float32Array }]),
    );
    this.post({ type: "params", runKey: this.runKey, address: this.address, step: this.run.step, params });
  }

  private async save(backing: CheckpointStore, c: TrainingCheckpoint): Promise<void> {
    try {
      await backing.save(c);
    } catch (e) {
      // Training goes on without this checkpoint; tell the user once per streak of failures.
      if (!this.storageFailing) this.storageFailed(e);
      this.storageFailing = true;
      return;
    }
    this.storageFailing = false;
    this.savedStep = c.step;
    this.post({ type: "checkpointed", runKey: this.runKey, step: c.step });
  }

  private storageFailed(e: unknown): void {
    const last = this.savedStep === null ? "" : `; the last saved checkpoint is at step ${this.savedStep}`;
    this.post({
      type: "failed",
      runKey: this.runKey,
      kind: "storage",
      continuing: true,
      message: `${describe(e)} Training continues without checkpoints for now (saving is retried every few seconds and at every epoch)${last}.`,
    });
  }
}
