import { DatasetError } from "./errors.ts";

/** What an .npy file is written from: a shape and its values in row-major (C) order. */
export interface NpyArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * The header's total size (preamble + dict + padding) is a multiple of this, as NumPy writes it, so
 * the data starts aligned for readers that map the file.
 */
const HEADER_ALIGNMENT = 64;

/**
 * Encode float32 values as a NumPy .npy file: format 1.0, dtype '<f4' (little-endian on every
 * platform), C order. `np.load` reads it back as the same array; so does parseNpy.
 */
export function encodeNpy(array: NpyArray, name = "array"): Uint8Array {
  const count = array.shape.reduce((n, d) => n * d, 1);
  if (count !== array.data.length) {
    throw new DatasetError(name, `cannot write .npy: shape [${array.shape.join(", ")}] holds ${count} values, but ${array.data.length} were given`);
  }
  const header = headerText(array.shape);
  const out = new Uint8Array(header.length + count * 4);
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, header.length);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, array.data[i]!, true);
  return out;
}

/** Magic, version 1.0, header length, and the dict padded with spaces to end in '\n' on a 64-byte boundary. */
function headerText(shape: readonly number[]): string {
  // Python's tuple syntax: () for a scalar, (3,) for one axis, (2, 3) for more.
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  const preamble = 10; // \x93NUMPY, 1, 0, uint16 header length
  const unpadded = preamble + dict.length + 1;
  const padded = Math.ceil(unpadded / HEADER_ALIGNMENT) * HEADER_ALIGNMENT;
  const headerLength = padded - preamble;
  if (headerLength > 0xffff) throw new DatasetError("array", `cannot write .npy: a rank-${shape.length} header does not fit format 1.0`);
  const body = dict + " ".repeat(padded - unpadded) + "\n";
  return "\x93NUMPY\x01\x00" + String.fromCharCode(headerLength & 0xff, headerLength >> 8) + body;
}
