import { unzipSync, type UnzipFileInfo } from "fflate";
import type { Tensor } from "../tensor.ts";
import { DatasetError } from "./errors.ts";
import { defaultInflateLimit, type InflateLimit } from "./gzip.ts";
import { parseNpy } from "./npy.ts";

/** One array of an .npz archive, named as np.savez named it (the entry's name without ".npy"). */
export interface NpzArray {
  readonly name: string;
  readonly tensor: Tensor;
}

/** True if `bytes` starts like a zip archive (local file header "PK\x03\x04", or an empty archive's "PK\x05\x06"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/**
 * Read a NumPy .npz (np.savez / np.savez_compressed: a zip of .npy files, stored or deflated) into
 * its arrays, in archive order. `file` names the archive in errors; an entry's errors name both,
 * e.g. `weights.npz/W1.npy: truncated data …`. Entries are refused before they are inflated when
 * their declared sizes pass `limit` (a zip bomb never allocates).
 */
export function parseNpz(bytes: Uint8Array, file: string, limit: InflateLimit = defaultInflateLimit()): NpzArray[] {
  if (!isZip(bytes)) throw new DatasetError(file, "not an .npz file: a NumPy .npz is a zip archive, which starts with the bytes 50 4b (\"PK\")");
  let total = 0;
  const checkSize = (entry: UnzipFileInfo): boolean => {
    total += entry.originalSize;
    if (total > limit.maxBytes) {
      throw new DatasetError(file, `too large: its arrays inflate to more than ${limit.maxBytes} bytes (${limit.why})`);
    }
    return !entry.name.endsWith("/");
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: checkSize });
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(file, `not a readable zip archive (${e instanceof Error ? e.message : String(e)})`);
  }
  const names = Object.keys(entries);
  if (names.length === 0) throw new DatasetError(file, "holds no arrays: the archive is empty");
  return names.map((entry) => {
    if (!entry.endsWith(".npy")) {
      throw new DatasetError(file, `entry "${entry}" is not a .npy array; an .npz holds only .npy files, as np.savez writes them`);
    }
    return { name: entry.slice(0, -".npy".length), tensor: parseNpy(entries[entry]!, `${file}/${entry}`) };
  });
}
