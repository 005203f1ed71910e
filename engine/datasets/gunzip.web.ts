// Browser and worker gunzip for maybeGunzip, via the built-in DecompressionStream (also in Node ≥ 18).

/**
 * Input is fed in slices this big. Browsers inflate each written chunk in full before looking at the
 * reader, so a slice bounds how far a gzip bomb can run past the cap (deflate expands at most ~1032×).
 */
const INPUT_SLICE_BYTES = 4 * 1024;

/** `bytes` inflated as a stream of chunks; stopping the iteration cancels the DecompressionStream. */
export async function* gunzipWeb(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (typeof DecompressionStream === "undefined") {
    throw new Error("DecompressionStream is not available in this environment; decompress the file before loading it");
  }
  const stream = new DecompressionStream("gzip");
  const reader = stream.readable.getReader();
  void feed(stream.writable.getWriter(), bytes);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // After a break (cap reached) this stops the inflater and makes the pending write reject, ending feed().
    reader.cancel().catch(() => {});
  }
}

/** Write `bytes` slice by slice, each write waiting for the reader (backpressure). */
async function feed(writer: WritableStreamDefaultWriter<BufferSource>, bytes: Uint8Array): Promise<void> {
  try {
    for (let at = 0; at < bytes.length; at += INPUT_SLICE_BYTES) {
      await writer.write(bytes.slice(at, at + INPUT_SLICE_BYTES));
    }
    await writer.close();
  } catch {
    // Corrupt data and cancellation both surface on the reader side; nothing more to do here.
  }
}
