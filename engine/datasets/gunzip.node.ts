// Node-only: the platform gunzip for maybeGunzip. The browser uses gunzip.web.ts instead.
import { gunzipSync } from "node:zlib";

export async function gunzipNode(bytes: Uint8Array): Promise<Uint8Array> {
  const out = gunzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
