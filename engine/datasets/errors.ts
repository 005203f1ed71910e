import { EngineError } from "../errors.ts";

/**
 * A data file that cannot be read: bad magic number, truncated data, unsupported dtype, malformed
 * header, too many elements. `file` names the file (or asset) and the message says what was found
 * and what was expected, e.g. `train-images-idx3-ubyte: truncated data: expected 47040000 bytes …`.
 */
export class DatasetError extends EngineError {
  override name = "DatasetError";
  constructor(
    /** The file (or asset) that is wrong, as the caller named it. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Bytes as space-separated hex pairs, for "found … expected …" messages. */
export function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}
