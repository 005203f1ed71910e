import {
  BufferArena, Rng, Tensor, createOptimizer, grad, kernelVariantName, noGrad, restoreOptimizer, take, type ArenaStats,
  type Optimizer,
} from "../../engine/index.ts";
import type { Sheet } from "../sheet.ts";
import type { TrainingCheckpoint } from "./checkpoint.ts";
import { checkpointExpectations, checkpointProblems } from "./checkpoint-check.ts";
import { planTraining, stepsPerEpoch, type PlanOverrides, type TrainingPlan } from "./plan.ts";
import { planHash } from "./plan-hash.ts";
import { SheetProgram } from "./program.ts";

/** A run stopped because it cannot go on: NaN loss, a broken cell. Params keep their last good values. */
export class TrainingError extends Error {
  override name = "TrainingError";
}

export interface StepResult {
  readonly loss: number;
  /** Set when this step completed an epoch: the metrics evaluated on the full data. */
  readonly epochMetrics: Readonly<Record<string, number>> | null;
}

/**
 * One training run of a sheet's training cell: mini-batch gradient descent on the plan's params.
 * Deterministic: epoch e's batch order is a permutation drawn from (sheet seed, cell, e), so a run
 * resumed from a checkpoint on the same kernel variant continues bit for bit like one that never
 * stopped; on another variant it continues numerically equivalent, and `resumeNotice` says so.
 */
export class TrainingRun {
  readonly plan: TrainingPlan;
  readonly hash: string;
  readonly stepsPerEpoch: number;
  epoch = 0;
  stepInEpoch = 0;
  private readonly lossProgram: SheetProgram;
  private readonly metricProgram: SheetProgram | null;
  private readonly paramData: Float32Array[];
  private readonly optimizer: Optimizer;
  private losses: Float32Array;
  private lossCount = 0;
  private readonly metricHistory: Record<string, number[]>;
  private permutation: { epoch: number; order: Uint32Array } | null = null;
  private readonly feedValues: Tensor[];
  /**
   * Every buffer a step computes (batch, activations, gradients) comes from here and is recycled
   * when the step ends: a step keeps only numbers and writes params in place, so after the
   * first step (and the first epoch's metric pass) training allocates no tensor memory.
   */
  private readonly arena = new BufferArena();
  /** Time spent in training steps: what samples/s divides by, so the metric passes don't drag it down. */
  elapsedMs = 0;
  /** How long the last metric pass (on the full data, at an epoch's end) took; 0 before the first. */
  metricsMs = 0;
  /**
   * Set when resuming on other kernels than the checkpoint was saved on (see
   * engine/kernels/variant.ts): the run continues, but not bit-identical to one that never stopped.
   */
  readonly resumeNotice: string | null = null;
  /** The kernels this process runs, recorded in every checkpoint. */
  private readonly kernelVariant = kernelVariantName();

  private constructor(private readonly sheet: Sheet, address: string, checkpoint: TrainingCheckpoint | null, overrides: PlanOverrides) {
    this.plan = planTraining(sheet, address, overrides);
    this.hash = planHash(sheet, this.plan);
    const plan = this.plan;
    const paramAddresses = plan.params.map((p) => p.address);
    this.lossProgram = SheetProgram.build(sheet, [plan.loss.address], [...paramAddresses, ...plan.feed.map((f) => f.address)]);
    this.metricProgram = plan.metrics.length > 0 ? SheetProgram.build(sheet, plan.metrics.map((m) => m.address), paramAddresses) : null;
    this.stepsPerEpoch = stepsPerEpoch(plan);
    this.feedValues = plan.feed.map((f) => sheet.result(f.address)!.value!);
    this.metricHistory = Object.fromEntries(plan.metrics.map((m) => [m.name, [] as number[]]));
    this.losses = new Float32Array(this.stepsPerEpoch * plan.epochs);

    if (checkpoint === null) {
      // The run trains its own copies; the sheet's params change only when the run hands them back.
      this.paramData = plan.params.map((p) => Float32Array.from(sheet.result(p.address)!.value!.data));
      this.optimizer = createOptimizer(plan.optimizer);
      return;
    }
    if (checkpoint.planHash !== this.hash) {
      throw new TrainingError(`the sheet changed since this checkpoint of ${plan.key} was saved; start a new run (or undo the change) to continue`);
    }
    const problems = checkpointProblems(checkpoint, checkpointExpectations(sheet, plan));
    if (problems.length > 0) {
      const { field, reason } = problems[0]!;
      throw new TrainingError(`the checkpoint of ${plan.key} cannot be resumed: ${field}: ${reason}`);
    }
    if (checkpoint.kernelVariant !== undefined && checkpoint.kernelVariant !== this.kernelVariant) {
      this.resumeNotice = `${plan.key} was saved on kernels "${checkpoint.kernelVariant}" and continues on "${this.kernelVariant}": `
        + "numerically equivalent, not bit-identical to a run that never stopped";
    }
    this.paramData = plan.params.map((p) => {
      const stored = checkpoint.params[p.name];
      if (!stored) throw new TrainingError(`the checkpoint of ${plan.key} has no values for ${p.name}`);
      return Float32Array.from(stored.data);
    });
    this.optimizer = restoreOptimizer(checkpoint.optimizer);
    this.epoch = checkpoint.epoch;
    this.stepInEpoch = checkpoint.stepInEpoch;
    this.elapsedMs = checkpoint.elapsedMs;
    this.appendLosses(checkpoint.lossHistory);
    for (const [name, values] of Object.entries(checkpoint.metricHistory)) this.metricHistory[name] = [...values];
  }

  static start(sheet: Sheet, address: string, overrides: PlanOverrides = {}): TrainingRun {
    return new TrainingRun(sheet, address, null, overrides);
  }

  static resume(sheet: Sheet, address: string, checkpoint: TrainingCheckpoint, overrides: PlanOverrides = {}): TrainingRun {
    return new TrainingRun(sheet, address, checkpoint, overrides);
  }

  get step(): number {
    return this.lossCount;
  }

  get totalSteps(): number {
    return this.stepsPerEpoch * this.plan.epochs;
  }

  get done(): boolean {
    return this.epoch >= this.plan.epochs;
  }

  lossHistory(): Float32Array {
    return this.losses.slice(0, this.lossCount);
  }

  metrics(): Readonly<Record<string, readonly number[]>> {
    return this.metricHistory;
  }

  /** One mini-batch: forward through the compiled slice of the sheet, one backward pass, one update. */
  runStep(): StepResult {
    if (this.done) throw new TrainingError(`${this.plan.key} has finished its ${this.plan.epochs} epochs`);
    return this.arena.step(() => this.trainOneBatch());
  }

  /** Tensor memory the run's steps hold (reused step after step) and how often it was reused. */
  memory(): ArenaStats {
    return this.arena.stats();
  }

  private trainOneBatch(): StepResult {
    const { plan } = this;
    const start = performance.now();
    const order = this.epochOrder();
    const from = this.stepInEpoch * plan.batch;
    const rows = order.subarray(from, Math.min(from + plan.batch, plan.samples));
    const params = this.paramData.map((d, i) => new Tensor(this.sheet.result(plan.params[i]!.address)!.value!.shape, d));
    const bindings = new Map<string, Tensor>();
    plan.params.forEach((p, i) => bindings.set(p.address, params[i]!));
    plan.feed.forEach((f, i) => bindings.set(f.address, noGrad(() => take(this.feedValues[i]!, rows))));

    // Dropout's masks are keyed by the step, so a resumed run draws the ones it would have drawn.
    const loss = this.lossProgram.run(bindings, { run: plan.key, step: this.step }).get(plan.loss.address)!;
    const lossValue = loss.data[0]!;
    if (!Number.isFinite(lossValue)) {
      throw new TrainingError(
        `the loss ${plan.loss.name} became ${lossValue} at step ${this.step + 1} (epoch ${this.epoch + 1}); the run stopped with the last good params. Try a smaller lr.`,
      );
    }
    const grads = grad(loss, params);
    this.optimizer.stepInPlace(this.paramData, grads.map((g) => g.data));
    this.appendLosses(Float32Array.of(lossValue));
    this.stepInEpoch++;
    this.elapsedMs += performance.now() - start;
    let epochMetrics: Record<string, number> | null = null;
    if (this.stepInEpoch === this.stepsPerEpoch) {
      this.epoch++;
      this.stepInEpoch = 0;
      const metricsStart = performance.now();
      epochMetrics = this.evaluateMetrics();
      this.metricsMs = performance.now() - metricsStart;
      for (const [name, v] of Object.entries(epochMetrics)) this.metricHistory[name]!.push(v);
    }
    return { loss: lossValue, epochMetrics };
  }

  /** The metric cells on the full data with the current params. */
  evaluateMetrics(): Record<string, number> {
    if (this.metricProgram === null) return {};
    const bindings = new Map<string, Tensor>();
    this.plan.params.forEach((p, i) => bindings.set(p.address, this.paramTensor(i)));
    const values = noGrad(() => this.metricProgram!.run(bindings));
    return Object.fromEntries(this.plan.metrics.map((m) => [m.name, values.get(m.address)?.data[0] ?? this.sheet.result(m.address)!.value!.data[0]!]));
  }

  /** Copies of the current params, by cell name. */
  currentParams(): Map<string, Tensor> {
    return new Map(this.plan.params.map((p, i) => [p.name, this.paramTensor(i)]));
  }

  /** Hand the trained params and the loss history back to the sheet, which recomputes their dependents. */
  applyToSheet(): void {
    for (const [name, value] of this.currentParams()) this.sheet.setParam(name, value);
    this.sheet.setTrainingHistory(this.plan.address, new Tensor([this.lossCount], this.lossHistory()));
  }

  checkpoint(runKey: string): TrainingCheckpoint {
    return {
      runKey,
      planHash: this.hash,
      epoch: this.epoch,
      stepInEpoch: this.stepInEpoch,
      step: this.step,
      params: Object.fromEntries(this.plan.params.map((p, i) => [p.name, { shape: [...this.paramTensor(i).shape], data: Float32Array.from(this.paramData[i]!) }])),
      optimizer: this.optimizer.state(),
      lossHistory: this.lossHistory(),
      metricHistory: Object.fromEntries(Object.entries(this.metricHistory).map(([k, v]) => [k, [...v]])),
      elapsedMs: this.elapsedMs,
      savedAt: Date.now(),
      kernelVariant: this.kernelVariant,
    };
  }

  private paramTensor(i: number): Tensor {
    return new Tensor(this.sheet.result(this.plan.params[i]!.address)!.value!.shape, Float32Array.from(this.paramData[i]!));
  }

  private epochOrder(): Uint32Array {
    if (this.permutation?.epoch !== this.epoch) {
      const rng = new Rng({ seed: this.sheet.seed, stream: `train:${this.plan.key}:epoch:${this.epoch}` });
      this.permutation = { epoch: this.epoch, order: rng.permutation(this.plan.samples) };
    }
    return this.permutation.order;
  }

  private appendLosses(values: Float32Array): void {
    if (this.lossCount + values.length > this.losses.length) {
      const grown = new Float32Array(Math.max(this.losses.length * 2, this.lossCount + values.length));
      grown.set(this.losses.subarray(0, this.lossCount));
      this.losses = grown;
    }
    this.losses.set(values, this.lossCount);
    this.lossCount += values.length;
  }
}

