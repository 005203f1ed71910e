import { optimizerStateFromJSON, optimizerStateToJSON, type OptimizerStateJSON, type Tensor } from "../../engine/index.ts";
import { describeValue } from "../format/errors.ts";
import { FormatError, decodeFloat32, encodeFloat32, type Problem } from "../format/index.ts";
import type { TrainingCheckpoint } from "./checkpoint.ts";
import { checkpointProblems, type CheckpointExpectations } from "./checkpoint-check.ts";

/**
 * A training run's state inside a sheet file (`training.<cell>`). Params are not repeated here:
 * they are the file's `tensors`, which hold the trained values.
 */
export interface TrainingStateJSON {
  readonly planHash: string;
  readonly epoch: number;
  readonly stepInEpoch: number;
  readonly step: number;
  readonly optimizer: OptimizerStateJSON;
  readonly lossHistory: string;
  /** JSON has no NaN or ±Infinity: a metric that was one is written (and read back) as null. */
  readonly metricHistory: Readonly<Record<string, readonly (number | null)[]>>;
  readonly elapsedMs: number;
  /** See TrainingCheckpoint.kernelVariant; absent in files written before it was recorded. */
  readonly kernelVariant?: string;
}

const MEMBERS = ["planHash", "epoch", "stepInEpoch", "step", "optimizer", "lossHistory", "metricHistory", "elapsedMs", "kernelVariant"];

export function checkpointToJSON(c: TrainingCheckpoint): TrainingStateJSON {
  return {
    planHash: c.planHash,
    epoch: c.epoch,
    stepInEpoch: c.stepInEpoch,
    step: c.step,
    optimizer: optimizerStateToJSON(c.optimizer),
    lossHistory: encodeFloat32(c.lossHistory),
    metricHistory: Object.fromEntries(Object.entries(c.metricHistory).map(([k, v]) => [k, v.map((x) => (Number.isFinite(x) ? x : null))])),
    elapsedMs: c.elapsedMs,
    ...(c.kernelVariant !== undefined ? { kernelVariant: c.kernelVariant } : {}),
  };
}

/**
 * Rebuild a checkpoint from a file's training state (at JSON path `path`) and the file's stored
 * params, checked against the plan it is to continue: every field of the wrong type, or out of
 * step with the plan or with the other fields, is a FormatError naming the field's path (a
 * missing or mismatched param names its `$.tensors` entry). Nothing half-checked is returned.
 */
export function checkpointFromJSON(
  json: unknown, params: ReadonlyMap<string, Tensor>, runKey: string, path: string, expected: CheckpointExpectations,
): TrainingCheckpoint {
  const problems: Problem[] = [];
  const add = (field: string, reason: string) => problems.push({ path: field === "" ? path : `${path}.${field}`, reason });
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new FormatError(path, "must be an object (a training state)");
  const j = json as Record<string, unknown>;

  for (const key of Object.keys(j)) if (!MEMBERS.includes(key)) add(key, `unknown member; a training state has ${MEMBERS.join(", ")}`);
  for (const field of ["epoch", "stepInEpoch", "step"] as const) {
    if (typeof j[field] !== "number" || !Number.isInteger(j[field]) || (j[field] as number) < 0) add(field, `must be a whole number ≥ 0, got ${describeValue(j[field])}`);
  }
  if (typeof j.elapsedMs !== "number" || !Number.isFinite(j.elapsedMs) || j.elapsedMs < 0) add("elapsedMs", `must be a number ≥ 0, got ${describeValue(j.elapsedMs)}`);
  if (typeof j.planHash !== "string") add("planHash", `must be a string, got ${describeValue(j.planHash)}`);
  if (j.kernelVariant !== undefined && typeof j.kernelVariant !== "string") add("kernelVariant", `must be a string, got ${describeValue(j.kernelVariant)}`);

  let lossHistory: Float32Array | null = null;
  if (typeof j.lossHistory !== "string") add("lossHistory", `must be base64 float32 data, got ${describeValue(j.lossHistory)}`);
  else {
    try {
      lossHistory = decodeFloat32(j.lossHistory);
    } catch (e) {
      add("lossHistory", (e as Error).message);
    }
  }

  const metricHistory = readMetricHistory(j.metricHistory, add);

  let optimizer = null;
  const o = j.optimizer as Record<string, unknown> | null | undefined;
  if (typeof o !== "object" || o === null || Array.isArray(o)) add("optimizer", `must be an object (the optimizer's state), got ${describeValue(o)}`);
  else if (typeof o.config !== "object" || o.config === null) add("optimizer.config", `must be an object, got ${describeValue(o.config)}`);
  else {
    try {
      optimizer = optimizerStateFromJSON(o as unknown as OptimizerStateJSON);
    } catch (e) {
      add("optimizer.slots", (e as Error).message.replace(/^optimizerStateFromJSON: /, ""));
    }
  }
  if (problems.length > 0) throw new FormatError(problems);

  for (const { name } of expected.params) {
    if (!params.has(name)) problems.push({ path: `$.tensors`, reason: `holds no value of ${name}, which the training state ${path} continues from` });
  }
  if (problems.length > 0) throw new FormatError(problems);

  const checkpoint: TrainingCheckpoint = {
    runKey,
    planHash: j.planHash as string,
    epoch: j.epoch as number,
    stepInEpoch: j.stepInEpoch as number,
    step: j.step as number,
    params: Object.fromEntries(expected.params.map(({ name }) => {
      const t = params.get(name)!;
      return [name, { shape: [...t.shape], data: Float32Array.from(t.data) }];
    })),
    optimizer: optimizer!,
    lossHistory: lossHistory!,
    metricHistory: metricHistory!,
    elapsedMs: j.elapsedMs as number,
    savedAt: 0,
    ...(typeof j.kernelVariant === "string" ? { kernelVariant: j.kernelVariant } : {}),
  };
  for (const p of checkpointProblems(checkpoint, expected)) {
    // The params are the file's tensors, so a param problem is located there.
    problems.push({ path: p.field.startsWith("params.") ? `$.tensors.${p.field.slice("params.".length)}` : `${path}.${p.field}`, reason: p.reason });
  }
  if (problems.length > 0) throw new FormatError(problems);
  return checkpoint;
}

/** Metric name → values per epoch; null (what JSON makes of NaN and ±Infinity) reads as NaN. */
function readMetricHistory(value: unknown, add: (field: string, reason: string) => void): Record<string, number[]> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    add("metricHistory", `must be an object of metric name → the metric's value after each epoch, got ${describeValue(value)}`);
    return null;
  }
  // Object.fromEntries defines "__proto__" as a plain member, so such a name is reported, not lost.
  const out: [string, number[]][] = [];
  let ok = true;
  for (const [name, values] of Object.entries(value)) {
    const at = Array.isArray(values) ? values.findIndex((v) => v !== null && (typeof v !== "number" || !Number.isFinite(v))) : -1;
    if (!Array.isArray(values)) add(`metricHistory.${name}`, `must be a list of numbers, one per completed epoch, got ${describeValue(values)}`);
    else if (at >= 0) add(`metricHistory.${name}[${at}]`, `must be a number, got ${describeValue(values[at])}`);
    else {
      out.push([name, values.map((v) => (v === null ? NaN : (v as number)))]);
      continue;
    }
    ok = false;
  }
  return ok ? Object.fromEntries(out) : null;
}
