import { DatasetError } from "./errors.ts";

/**
 * Gzip detection with an injected decompressor, so the readers stay platform-free:
 * Node passes `gunzipNode` (gunzip.node.ts), the browser and workers pass `gunzipWeb` (gunzip.web.ts).
 */
export type Gunzip = (bytes: Uint8Array) => Promise<Uint8Array>;

/** True if `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `bytes` decompressed if it is gzip (1f 8b header), else `bytes` itself. */
export async function maybeGunzip(bytes: Uint8Array, gunzip: Gunzip, name = "data"): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DatasetError(name, `gzip data is corrupt or truncated (${detail})`);
  }
}
