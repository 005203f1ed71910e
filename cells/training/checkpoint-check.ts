import { createOptimizer, resolveConfig, restoreOptimizer, type ResolvedOptimizerConfig } from "../../engine/index.ts";
import type { Sheet } from "../sheet.ts";
import type { TrainingCheckpoint } from "./checkpoint.ts";
import { planHash } from "./plan-hash.ts";
import { stepsPerEpoch, type TrainingPlan } from "./plan.ts";

/** What a checkpoint of a plan must agree with: the plan's counts, names and shapes. */
export interface CheckpointExpectations {
  readonly planHash: string;
  readonly stepsPerEpoch: number;
  readonly epochs: number;
  readonly metrics: readonly string[];
  readonly params: readonly { readonly name: string; readonly shape: readonly number[] }[];
  readonly optimizer: ResolvedOptimizerConfig;
  /** Buffers the optimizer keeps per param (Adam: 2, plain SGD: 0). */
  readonly optimizerSlots: number;
}

/** One disagreement: `field` is a path inside the checkpoint, such as `stepInEpoch` or `params.W`. */
export interface CheckpointProblem {
  readonly field: string;
  readonly reason: string;
}

export function checkpointExpectations(sheet: Sheet, plan: TrainingPlan): CheckpointExpectations {
  return {
    planHash: planHash(sheet, plan),
    stepsPerEpoch: stepsPerEpoch(plan),
    epochs: plan.epochs,
    metrics: plan.metrics.map((m) => m.name),
    params: plan.params.map((p) => ({ name: p.name, shape: sheet.result(p.address)!.value!.shape })),
    optimizer: resolveConfig(plan.optimizer),
    optimizerSlots: slotsPerParam(plan),
  };
}

/** Asks the optimizer itself, by taking one step on a one-element param. */
function slotsPerParam(plan: TrainingPlan): number {
  const optimizer = createOptimizer(plan.optimizer);
  optimizer.stepInPlace([new Float32Array(1)], [new Float32Array(1)]);
  return optimizer.state().slots[0]!.length;
}

/**
 * Everything in `c` that disagrees with the plan it claims to continue, or with itself; empty
 * when training may resume from it. A checkpoint of another version of the sheet (its plan hash
 * differs) is not checked further: the run refuses it as a whole, saying the sheet changed.
 */
export function checkpointProblems(c: TrainingCheckpoint, e: CheckpointExpectations): CheckpointProblem[] {
  if (c.planHash !== e.planHash) return [];
  const problems: CheckpointProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  const count = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0;

  const countsOk = count(c.epoch) && count(c.stepInEpoch) && count(c.step);
  if (!count(c.epoch)) add("epoch", `must be a whole number ≥ 0, got ${String(c.epoch)}`);
  else if (c.epoch > e.epochs) add("epoch", `${c.epoch} is past the ${e.epochs} epochs of the plan (train for more epochs to continue this run)`);
  if (!count(c.stepInEpoch)) add("stepInEpoch", `must be a whole number ≥ 0, got ${String(c.stepInEpoch)}`);
  else if (c.stepInEpoch >= e.stepsPerEpoch) add("stepInEpoch", `${c.stepInEpoch} is past the ${e.stepsPerEpoch} steps of an epoch`);
  else if (c.epoch === e.epochs && c.stepInEpoch > 0) add("stepInEpoch", `must be 0 once all ${e.epochs} epochs are done, got ${c.stepInEpoch}`);
  if (!count(c.step)) add("step", `must be a whole number ≥ 0, got ${String(c.step)}`);
  else if (countsOk && c.step !== c.epoch * e.stepsPerEpoch + c.stepInEpoch) {
    add("step", `${c.step} disagrees with epoch ${c.epoch} and stepInEpoch ${c.stepInEpoch}: at ${e.stepsPerEpoch} steps an epoch they make ${c.epoch * e.stepsPerEpoch + c.stepInEpoch}`);
  }
  if (typeof c.elapsedMs !== "number" || !Number.isFinite(c.elapsedMs) || c.elapsedMs < 0) {
    add("elapsedMs", `must be a finite number ≥ 0, got ${String(c.elapsedMs)}`);
  }

  if (c.lossHistory.length !== c.step) add("lossHistory", `holds ${c.lossHistory.length} losses but step is ${c.step}`);
  const badLoss = c.lossHistory.findIndex((x) => !Number.isFinite(x));
  if (badLoss >= 0) add("lossHistory", `the loss of step ${badLoss + 1} is ${c.lossHistory[badLoss]}; a run never records a loss that is not finite`);

  metricProblems(c, e, add);
  const sizes = paramProblems(c, e, add);
  optimizerProblems(c, e, sizes, add);
  return problems;
}

function metricProblems(c: TrainingCheckpoint, e: CheckpointExpectations, add: (field: string, reason: string) => void): void {
  const history = c.metricHistory as unknown;
  if (typeof history !== "object" || history === null || Array.isArray(history)) {
    add("metricHistory", "must be an object holding each metric's value after every epoch");
    return;
  }
  const named = e.metrics.length > 0 ? `its metrics are ${e.metrics.join(", ")}` : "it has none";
  for (const [name, values] of Object.entries(history as Record<string, unknown>)) {
    if (!e.metrics.includes(name)) {
      add(`metricHistory.${name}`, `the plan has no metric ${name} (${named})`);
    } else if (!Array.isArray(values) || !values.every((v) => typeof v === "number")) {
      add(`metricHistory.${name}`, "must be a list of numbers, one per completed epoch");
    } else if (Number.isInteger(c.epoch) && values.length !== c.epoch) {
      add(`metricHistory.${name}`, `holds ${values.length} values but ${c.epoch} epochs are done`);
    }
  }
  for (const name of e.metrics) if (!Object.hasOwn(history, name)) add(`metricHistory.${name}`, "is missing: the plan evaluates this metric after every epoch");
}

/** Checks the stored params; returns each expected param's element count by position. */
function paramProblems(c: TrainingCheckpoint, e: CheckpointExpectations, add: (field: string, reason: string) => void): number[] {
  for (const name of Object.keys(c.params)) {
    if (!e.params.some((p) => p.name === name)) add(`params.${name}`, `the plan trains no param ${name} (it trains ${e.params.map((p) => p.name).join(", ")})`);
  }
  return e.params.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const stored = c.params[name];
    if (stored === undefined) {
      add(`params.${name}`, `is missing: the plan trains ${name}`);
    } else if (stored.shape.length !== shape.length || stored.shape.some((d, i) => d !== shape[i]) || stored.data.length !== size) {
      add(`params.${name}`, `has shape [${stored.shape.join(", ")}] (${stored.data.length} values) but ${name} has shape [${shape.join(", ")}]`);
    } else {
      const bad = stored.data.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) add(`params.${name}`, `element ${bad} is ${stored.data[bad]}; training cannot resume from a value that is not finite`);
    }
    return size;
  });
}

function optimizerProblems(c: TrainingCheckpoint, e: CheckpointExpectations, sizes: readonly number[], report: (field: string, reason: string) => void): void {
  const o = c.optimizer;
  let found = false;
  const add = (field: string, reason: string) => {
    found = true;
    report(field, reason);
  };
  if (o.kind !== e.optimizer.kind) {
    add("optimizer.kind", `is ${JSON.stringify(o.kind)} but the training cell uses "${e.optimizer.kind}"`);
    return;
  }
  let config: ResolvedOptimizerConfig;
  try {
    config = resolveConfig(o.config);
  } catch (err) {
    add("optimizer.config", withoutOperation(err));
    return;
  }
  for (const [key, want] of Object.entries(e.optimizer)) {
    const got = (config as unknown as Record<string, unknown>)[key];
    if (got !== want) add(`optimizer.config.${key}`, `is ${String(got)} but the training cell sets ${want}`);
  }
  if (o.iterations !== c.step) add("optimizer.iterations", `is ${String(o.iterations)} but step is ${c.step}; the optimizer takes one step per training step`);
  // Slots are made on the first step: none before it, one set per param after.
  const slotSets = c.step === 0 && o.slots.length === 0 ? 0 : sizes.length;
  if (o.slots.length !== slotSets) {
    add("optimizer.slots", `holds state for ${o.slots.length} params but the run trains ${sizes.length}${c.step === 0 ? "" : ` and has taken ${c.step} steps`}`);
    return;
  }
  o.slots.forEach((perParam, i) => {
    const name = e.params[i]!.name;
    if (perParam.length !== e.optimizerSlots) {
      add(`optimizer.slots[${i}]`, `holds ${perParam.length} buffers for ${name} but ${e.optimizer.kind} keeps ${e.optimizerSlots} per param`);
      return;
    }
    perParam.forEach((buffer, j) => {
      const field = `optimizer.slots[${i}][${j}]`;
      if (buffer.length !== sizes[i]) add(field, `holds ${buffer.length} values but ${name} has ${sizes[i]}`);
      else {
        const bad = buffer.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) add(field, `element ${bad} is ${buffer[bad]}; training cannot resume from optimizer state that is not finite`);
      }
    });
  });
  if (found) return;
  try {
    restoreOptimizer(o); // the engine's own checks, as a last guard
  } catch (err) {
    add("optimizer", withoutOperation(err));
  }
}

/** An engine error's message without its "operation: " prefix, which means nothing in a file. */
function withoutOperation(err: unknown): string {
  return (err as Error).message.replace(/^\w+: /, "");
}
