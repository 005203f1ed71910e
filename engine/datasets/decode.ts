import { formatShape } from "../errors.ts";
import { DEFAULT_MAX_ELEMENTS } from "../limits.ts";
import { DatasetError } from "./errors.ts";

/**
 * Shared decoding for the binary readers (IDX, NPY): element-count limits and typed element
 * decoding into float32. Pure: no DOM, no Node APIs.
 */

/** Readers refuse tensors with more elements than this (2^28 = 268,435,456 float32s = 1 GiB); see engine/limits.ts. */
export const MAX_ELEMENTS = DEFAULT_MAX_ELEMENTS;

/** Element count of `shape`, or a DatasetError if any dimension or the product exceeds MAX_ELEMENTS. */
export function checkedElementCount(file: string, shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (d > MAX_ELEMENTS) {
      throw new DatasetError(file, `dimension overflow: shape ${formatShape(shape)} has a dimension of ${d}; the limit is 2^28 (${MAX_ELEMENTS}) elements`);
    }
    n *= d;
  }
  if (n > MAX_ELEMENTS) {
    throw new DatasetError(file, `dimension overflow: shape ${formatShape(shape)} has ${n} elements; the limit is 2^28 (${MAX_ELEMENTS})`);
  }
  return n;
}

/** How one stored element is laid out. */
export interface ElementType {
  /** u: unsigned int, i: signed int, f: IEEE float, b: bool (one byte, nonzero = 1). */
  kind: "u" | "i" | "f" | "b";
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
}

/** Expected-vs-found check of the data section's length, shared by the readers. */
export function checkDataLength(file: string, shape: readonly number[], what: string, expected: number, found: number): void {
  if (found === expected) return;
  const why = found < expected
    ? "truncated data"
    : "trailing bytes after the data";
  throw new DatasetError(
    file,
    `${why}: expected ${expected} bytes of data for shape ${formatShape(shape)} of ${what}, found ${found}` +
      (found < expected ? " (the file is cut short)" : " (wrong shape in the header, or more than one array in the file?)"),
  );
}

/** `count` elements of type `t` starting at `offset` in `bytes`, converted to float32. */
export function decodeElements(bytes: Uint8Array, offset: number, count: number, t: ElementType): Float32Array {
  const out = new Float32Array(count);
  if (count === 0) return out;
  if (t.kind === "u" && t.size === 1) {
    out.set(bytes.subarray(offset, offset + count));
    return out;
  }
  if (t.kind === "b") {
    for (let i = 0; i < count; i++) out[i] = bytes[offset + i]! !== 0 ? 1 : 0;
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * t.size);
  const le = t.littleEndian;
  const key = `${t.kind}${t.size}`;
  switch (key) {
    case "i1":
      for (let i = 0; i < count; i++) out[i] = view.getInt8(i);
      break;
    case "i2":
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, le);
      break;
    case "u2":
      for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, le);
      break;
    case "i4":
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, le);
      break;
    case "u4":
      for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, le);
      break;
    case "i8":
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(8 * i, le));
      break;
    case "u8":
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigUint64(8 * i, le));
      break;
    case "f2":
      for (let i = 0; i < count; i++) out[i] = halfToNumber(view.getUint16(2 * i, le));
      break;
    case "f4":
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, le);
      break;
    case "f8":
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, le);
      break;
    default:
      throw new Error(`decodeElements: no decoder for ${key}`);
  }
  return out;
}

/** IEEE 754 binary16 bits to a number (exact: every half is a float32). */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
