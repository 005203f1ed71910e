// Node-only: the platform gunzip for maybeGunzip. The browser uses gunzip.web.ts instead.
import { createGunzip } from "node:zlib";

/** Output chunk size: large enough to keep per-chunk overhead low on 1 GiB files, small enough to stop a bomb promptly. */
const CHUNK_BYTES = 256 * 1024;

/**
 * `bytes` inflated as a stream of chunks. zlib honours the readable side's backpressure, so it only
 * inflates as fast as the consumer reads; breaking out of the iteration destroys the stream.
 */
export async function* gunzipNode(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const stream = createGunzip({ chunkSize: CHUNK_BYTES });
  stream.end(bytes);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}
