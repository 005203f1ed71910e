// Splitting a TrainingCheckpoint into a metadata record plus tensor records, and back.
// Pure: no IndexedDB here.

import { CheckpointStoreError, type StoredTensor, type TrainingCheckpoint } from "../../cells/index.ts";
import type { CheckpointMetaRecord, TensorRef, TensorRow } from "./schema.ts";

/** Record names inside a run: prefixes keep params, slots and the loss history apart. */
export const paramRecordName = (param: string): string => `param/${param}`;
export const slotRecordName = (paramIndex: number, slot: number): string => `slot/${paramIndex}/${slot}`;
export const LOSS_RECORD = "lossHistory";

export interface CheckpointRecords {
  readonly meta: CheckpointMetaRecord;
  readonly tensors: readonly TensorRow[];
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Splits a checkpoint into records, copying all data: the result shares no buffer with the
 * caller (which may go on training), and a view into a larger buffer does not drag that whole
 * buffer into storage.
 */
export function splitCheckpoint(c: TrainingCheckpoint): CheckpointRecords {
  const tensors: TensorRow[] = [];
  const ref = (name: string, shape: readonly number[], data: Float32Array, what: string): TensorRef => {
    if (!(data instanceof Float32Array)) {
      throw new CheckpointStoreError("other", `Cannot save the checkpoint of "${c.runKey}": ${what} is not a Float32Array.`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new CheckpointStoreError(
        "other",
        `Cannot save the checkpoint of "${c.runKey}": ${what} has ${data.length} values but shape [${shape.join(", ")}].`,
      );
    }
    const copy = [...shape];
    tensors.push({ runKey: c.runKey, name, shape: copy, data: data.slice() });
    return { tensor: name, shape: copy };
  };

  const params = Object.fromEntries(
    Object.entries(c.params).map(([param, t]: [string, StoredTensor]) => [param, ref(paramRecordName(param), t.shape, t.data, `param "${param}"`)]),
  );
  const slots = c.optimizer.slots.map((perParam, i) =>
    perParam.map((buffer, j) => ref(slotRecordName(i, j), [buffer.length], buffer, `optimizer slot ${j} of param ${i}`)),
  );
  const lossHistory = ref(LOSS_RECORD, [c.lossHistory.length], c.lossHistory, "the loss history");

  const meta: CheckpointMetaRecord = {
    layout: 1,
    runKey: c.runKey,
    planHash: c.planHash,
    epoch: c.epoch,
    stepInEpoch: c.stepInEpoch,
    step: c.step,
    params,
    optimizer: {
      kind: c.optimizer.kind,
      config: structuredClone(c.optimizer.config),
      iterations: c.optimizer.iterations,
      slots,
    },
    lossHistory,
    metricHistory: structuredClone(c.metricHistory),
    elapsedMs: c.elapsedMs,
    savedAt: c.savedAt,
    ...(c.kernelVariant !== undefined ? { kernelVariant: c.kernelVariant } : {}),
  };
  return { meta, tensors };
}

/** Every tensor record a metadata record refers to, with a description for error messages. */
export function referencedTensors(meta: CheckpointMetaRecord): { ref: TensorRef; what: string }[] {
  const out: { ref: TensorRef; what: string }[] = [];
  for (const [param, ref] of Object.entries(meta.params)) out.push({ ref, what: `param "${param}"` });
  meta.optimizer.slots.forEach((perParam, i) =>
    perParam.forEach((ref, j) => out.push({ ref, what: `optimizer slot ${j} of param ${i}` })),
  );
  out.push({ ref: meta.lossHistory, what: "the loss history" });
  return out;
}

function corrupt(runKey: string, detail: string): CheckpointStoreError {
  return new CheckpointStoreError(
    "corrupt",
    `The saved checkpoint of "${runKey}" is damaged: ${detail}. Training cannot resume from it; delete it and train from the start.`,
  );
}

/** Reassembles a checkpoint, checking that every tensor is there with the right size. */
export function assembleCheckpoint(
  meta: CheckpointMetaRecord,
  rowOf: (name: string) => TensorRow | undefined,
): TrainingCheckpoint {
  if (meta.layout !== 1) throw corrupt(meta.runKey, `unknown record layout ${String(meta.layout)}`);
  const data = (ref: TensorRef, what: string): Float32Array => {
    const row = rowOf(ref.tensor);
    if (row === undefined) throw corrupt(meta.runKey, `the tensor record "${ref.tensor}" (${what}) is missing`);
    if (!(row.data instanceof Float32Array)) throw corrupt(meta.runKey, `the tensor record "${ref.tensor}" (${what}) holds no float32 data`);
    if (row.data.length !== sizeOf(ref.shape)) {
      throw corrupt(meta.runKey, `the tensor record "${ref.tensor}" (${what}) has ${row.data.length} values but shape [${ref.shape.join(", ")}]`);
    }
    return row.data;
  };
  return {
    runKey: meta.runKey,
    planHash: meta.planHash,
    epoch: meta.epoch,
    stepInEpoch: meta.stepInEpoch,
    step: meta.step,
    params: Object.fromEntries(
      Object.entries(meta.params).map(([param, ref]) => [param, { shape: [...ref.shape], data: data(ref, `param "${param}"`) }]),
    ),
    optimizer: {
      kind: meta.optimizer.kind,
      config: meta.optimizer.config,
      iterations: meta.optimizer.iterations,
      slots: meta.optimizer.slots.map((perParam, i) => perParam.map((ref, j) => data(ref, `optimizer slot ${j} of param ${i}`))),
    },
    lossHistory: data(meta.lossHistory, "the loss history"),
    metricHistory: meta.metricHistory,
    elapsedMs: meta.elapsedMs,
    savedAt: meta.savedAt,
    ...(meta.kernelVariant !== undefined ? { kernelVariant: meta.kernelVariant } : {}),
  };
}
