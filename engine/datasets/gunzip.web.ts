// Browser and worker gunzip for maybeGunzip, via the built-in DecompressionStream (also in Node ≥ 18).

export async function gunzipWeb(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === "undefined") {
    throw new Error("DecompressionStream is not available in this environment; decompress the file before loading it");
  }
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  // Errors surface through the readable side; keep the writer's copies from going unhandled.
  writer.write(new Uint8Array(bytes)).catch(() => {});
  writer.close().catch(() => {});
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}
