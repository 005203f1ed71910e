import { Tensor } from "../tensor.ts";
import { checkDataLength, checkedElementCount, decodeElements, type ElementType } from "./decode.ts";
import { DatasetError, hexBytes } from "./errors.ts";
import { defaultInflateLimit, isGzip, maybeGunzip, type Gunzip, type InflateLimit } from "./gzip.ts";

export { isGzip, maybeGunzip, type Gunzip } from "./gzip.ts";

/**
 * IDX, the format of the original MNIST files (train-images-idx3-ubyte, train-labels-idx1-ubyte, …):
 *   bytes 0–1  zero
 *   byte  2    dtype code: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double
 *   byte  3    ndim, 0 (a scalar) to MAX_RANK
 *   then ndim uint32 big-endian dimensions, then the data, big-endian, row-major.
 * Values become float32 (int32 and double lose precision beyond float32's 24-bit mantissa).
 */

const IDX_TYPES: ReadonlyMap<number, { name: string; type: ElementType }> = new Map([
  [0x08, { name: "unsigned byte", type: { kind: "u", size: 1, littleEndian: false } }],
  [0x09, { name: "signed byte", type: { kind: "i", size: 1, littleEndian: false } }],
  [0x0b, { name: "short (int16)", type: { kind: "i", size: 2, littleEndian: false } }],
  [0x0c, { name: "int (int32)", type: { kind: "i", size: 4, littleEndian: false } }],
  [0x0d, { name: "float (float32)", type: { kind: "f", size: 4, littleEndian: false } }],
  [0x0e, { name: "double (float64)", type: { kind: "f", size: 8, littleEndian: false } }],
]);

/** Highest rank accepted. The format has no formal limit beyond the byte, but real IDX files have 1 to 4
 * dimensions; a rank byte far above that means the file is not IDX (or is damaged). */
const MAX_RANK = 8;

const hex2 = (b: number) => `0x${b.toString(16).padStart(2, "0").toUpperCase()}`;

/** Parse an (uncompressed) IDX file into a tensor of its shape. `name` is used in error messages. */
export function parseIdx(bytes: Uint8Array, name: string): Tensor {
  if (bytes.length < 4) {
    throw new DatasetError(name, `not an IDX file: expected at least 4 header bytes, found ${bytes.length}`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hint = isGzip(bytes) ? " (the file is gzip-compressed; decompress it first, e.g. with maybeGunzip or loadIdx)" : "";
    throw new DatasetError(
      name,
      `bad magic number: found ${hexBytes(bytes.subarray(0, 4))}, expected 00 00 <dtype> <ndim> with dtype 08/09/0b/0c/0d/0e${hint}`,
    );
  }
  const code = bytes[2]!;
  const dtype = IDX_TYPES.get(code);
  if (dtype === undefined) {
    const valid = [...IDX_TYPES].map(([c, t]) => `${hex2(c)} ${t.name}`).join(", ");
    throw new DatasetError(name, `unsupported dtype code ${hex2(code)} in the magic number; expected one of ${valid}`);
  }
  const ndim = bytes[3]!;
  if (ndim > MAX_RANK) {
    throw new DatasetError(
      name,
      `rank ${ndim} is not a valid IDX rank (0 to ${MAX_RANK}): byte 3 of the magic number ${hexBytes(bytes.subarray(0, 4))} is the number of dimensions`,
    );
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DatasetError(
      name,
      `truncated header: ${ndim} dimensions need ${headerBytes} header bytes, found ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const shape: number[] = [];
  for (let i = 0; i < ndim; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const count = checkedElementCount(name, shape);
  const expected = count * dtype.type.size;
  checkDataLength(name, shape, dtype.name, expected, bytes.length - headerBytes);
  return new Tensor(shape, decodeElements(bytes, headerBytes, count, dtype.type));
}

/** Gunzip if needed (1f 8b header; refused once it inflates past `limit`), then parse IDX. */
export async function loadIdx(
  bytes: Uint8Array,
  name: string,
  gunzip: Gunzip,
  limit: InflateLimit = defaultInflateLimit(),
): Promise<Tensor> {
  return parseIdx(await maybeGunzip(bytes, gunzip, name, limit), name);
}
