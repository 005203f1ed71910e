import { optimizerStateFromJSON, optimizerStateToJSON, type OptimizerStateJSON, type Tensor } from "../../engine/index.ts";
import { FormatError, decodeFloat32, encodeFloat32 } from "../format/index.ts";
import type { TrainingCheckpoint } from "./checkpoint.ts";

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
  readonly metricHistory: Readonly<Record<string, readonly number[]>>;
  readonly elapsedMs: number;
}

export function checkpointToJSON(c: TrainingCheckpoint): TrainingStateJSON {
  return {
    planHash: c.planHash,
    epoch: c.epoch,
    stepInEpoch: c.stepInEpoch,
    step: c.step,
    optimizer: optimizerStateToJSON(c.optimizer),
    lossHistory: encodeFloat32(c.lossHistory),
    metricHistory: c.metricHistory,
    elapsedMs: c.elapsedMs,
  };
}

/** Rebuild a checkpoint from a file's training state and its stored params; `path` locates errors. */
export function checkpointFromJSON(json: unknown, params: ReadonlyMap<string, Tensor>, runKey: string, path: string): TrainingCheckpoint {
  const j = json as Partial<TrainingStateJSON> | null;
  const fail = (field: string, reason: string): never => {
    throw new FormatError(`${path}.${field}`, reason);
  };
  if (typeof j !== "object" || j === null) return fail("", "must be an object");
  for (const field of ["epoch", "stepInEpoch", "step", "elapsedMs"] as const) {
    if (typeof j[field] !== "number" || !Number.isFinite(j[field]) || j[field]! < 0) fail(field, "must be a non-negative number");
  }
  if (typeof j.planHash !== "string") fail("planHash", "must be a string");
  if (typeof j.lossHistory !== "string") fail("lossHistory", "must be base64 float32 data");
  let lossHistory: Float32Array;
  try {
    lossHistory = decodeFloat32(j.lossHistory!);
  } catch (e) {
    return fail("lossHistory", (e as Error).message);
  }
  if (lossHistory.length !== j.step) fail("lossHistory", `holds ${lossHistory.length} losses but step is ${j.step}`);
  let optimizer;
  try {
    optimizer = optimizerStateFromJSON(j.optimizer as OptimizerStateJSON);
  } catch (e) {
    return fail("optimizer", (e as Error).message);
  }
  return {
    runKey,
    planHash: j.planHash!,
    epoch: j.epoch!,
    stepInEpoch: j.stepInEpoch!,
    step: j.step!,
    params: Object.fromEntries([...params].map(([name, t]) => [name, { shape: [...t.shape], data: Float32Array.from(t.data) }])),
    optimizer,
    lossHistory,
    metricHistory: (j.metricHistory ?? {}) as Record<string, number[]>,
    elapsedMs: j.elapsedMs!,
    savedAt: 0,
  };
}
