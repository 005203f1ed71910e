import { MAX_ELEMENTS } from "./decode.ts";
import { DatasetError } from "./errors.ts";

/**
 * Gzip detection with an injected decompressor, so the readers stay platform-free:
 * Node passes `gunzipNode` (gunzip.node.ts), the browser and workers pass `gunzipWeb` (gunzip.web.ts).
 *
 * A Gunzip yields the inflated bytes chunk by chunk, so `maybeGunzip` can stop a gzip bomb as soon as
 * the output passes its cap instead of inflating gigabytes first. Stopping the iteration (`return()`)
 * must stop the decompressor. Failures are thrown from the iteration.
 */
export type Gunzip = (bytes: Uint8Array) => AsyncIterable<Uint8Array>;

/** How much a gzip file may inflate to, and why, for the error message when it inflates to more. */
export interface InflateLimit {
  maxBytes: number;
  /** Says where `maxBytes` comes from, e.g. "the limit is 2^28 = 268,435,456 elements of at most 8 bytes each, …". */
  why: string;
}

/** Room for the file's header on top of the data: an IDX header is at most 36 bytes, a .npy one is usually < 1 KiB. */
const HEADER_SLACK = 64 * 1024;

/**
 * The most a data file of at most `maxElements` elements can inflate to: that many elements of the
 * widest type (8 bytes), plus its header. The default matches the readers' element check (decode.ts).
 */
export function defaultInflateLimit(maxElements: number = MAX_ELEMENTS): InflateLimit {
  const exponent = Math.log2(maxElements);
  const count = Number.isInteger(exponent) ? `2^${exponent} = ${groupDigits(maxElements)}` : groupDigits(maxElements);
  return {
    maxBytes: maxElements * 8 + HEADER_SLACK,
    why: `the limit is ${count} elements of at most 8 bytes each, plus ${HEADER_SLACK / 1024} KiB for the header`,
  };
}

/** True if `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * `bytes` decompressed if it is gzip (1f 8b header), else `bytes` itself. Throws a DatasetError naming
 * `name` if the gzip data is corrupt, or as soon as it inflates past `limit.maxBytes`.
 */
export async function maybeGunzip(
  bytes: Uint8Array,
  gunzip: Gunzip,
  name = "data",
  limit: InflateLimit = defaultInflateLimit(),
): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of gunzip(bytes)) {
      total += chunk.length;
      // Leaving the loop ends the decompressor (the iterator's return()), so the rest is never inflated.
      if (total > limit.maxBytes) break;
      chunks.push(chunk);
    }
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DatasetError(name, `gzip data is corrupt or truncated (${detail})`);
  }
  if (total > limit.maxBytes) {
    throw new DatasetError(name, `inflates to more than ${groupDigits(limit.maxBytes)} bytes; ${limit.why}`);
  }
  return concatChunks(chunks, total);
}

function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** 2147483648 → "2,147,483,648", independent of the runtime's locale. */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
