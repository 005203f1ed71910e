// TensorRecord ⇄ Tensor for the sheet file format; the base64 codec itself lives in the engine.

import type { TensorRecord } from "../document.ts";
import { Base64Error, bytesToFloat32, decodeBytes, encodeFloat32, formatShape, Tensor } from "../../engine/index.ts";
import { FormatError, childPath, describeValue } from "./errors.ts";

export { base64ByteLength, decodeBytes, decodeFloat32, encodeBytes, encodeFloat32 } from "../../engine/index.ts";

/** A valid shape: at most 8 non-negative integer dimensions. */
export const MAX_RANK = 8;

export function isDimension(d: unknown): d is number {
  return typeof d === "number" && Number.isSafeInteger(d) && d >= 0;
}

/** Why `byteLength` bytes of data cannot fill `shape`, or null when they fit exactly. */
export function dataLengthProblem(byteLength: number, shape: readonly number[]): string | null {
  const needed = shape.reduce((a, b) => a * b, 1);
  if (byteLength === needed * 4) return null;
  const got =
    byteLength % 4 === 0
      ? `data holds ${byteLength / 4} float32 values (${byteLength} bytes)`
      : `data decodes to ${byteLength} bytes, not a whole number of float32 values (${Math.floor(byteLength / 4)} values and ${byteLength % 4} stray bytes)`;
  return `${got}, but shape ${formatShape(shape)} needs ${needed} values (${needed * 4} bytes)`;
}

export function tensorToRecord(t: Tensor): TensorRecord {
  return { dtype: "float32", shape: [...t.shape], data: encodeFloat32(t.data) };
}

/**
 * The tensor a record stores. `path` is the record's JSON path (such as `$.tensors.W1`); a bad
 * record throws FormatError at `${path}.dtype`, `${path}.shape` or `${path}.data`.
 */
export function recordToTensor(r: TensorRecord, path: string): Tensor {
  if (r.dtype !== "float32") {
    throw new FormatError(childPath(path, "dtype"), `dtype must be "float32" (the only one supported), got ${describeValue(r.dtype)}`);
  }
  if (!Array.isArray(r.shape) || r.shape.length > MAX_RANK || !r.shape.every(isDimension)) {
    throw new FormatError(childPath(path, "shape"), `shape must be a list of at most ${MAX_RANK} non-negative integers, got ${JSON.stringify(r.shape)}`);
  }
  const dataPath = childPath(path, "data");
  if (typeof r.data !== "string") throw new FormatError(dataPath, `data must be a base64 string, got ${describeValue(r.data)}`);
  let bytes: Uint8Array;
  try {
    bytes = decodeBytes(r.data);
  } catch (e) {
    if (e instanceof Base64Error) throw new FormatError(dataPath, e.reason);
    throw e;
  }
  const problem = dataLengthProblem(bytes.length, r.shape);
  if (problem !== null) throw new FormatError(dataPath, problem);
  const data = bytesToFloat32(bytes);
  return new Tensor(r.shape, data);
}
