// A sheet carried in a link: its file's JSON, deflate-raw compressed (CompressionStream, in every
// browser we support and in Node 20) and base64url-encoded, so it fits in a URL fragment. The bytes
// are a version byte, the CRC-32 of the JSON (big-endian) and the deflate-raw stream. Decoding
// treats the payload as untrusted: every way it can be wrong (not base64url, an unknown version,
// not deflate, too big once inflated, a checksum mismatch, not UTF-8, not a valid sheet) is a
// ShareLinkError with a message for the user.
import { FormatError, parseSheetDocument, type SheetDocument } from "../../cells/index.ts";
import { crc32 } from "./crc32.ts";

const PAYLOAD_VERSION = 1;
const HEADER_BYTES = 5;

/** More than this many bytes once inflated and the link is refused: a sheet file is far smaller, a zip bomb is not. */
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024;

export type ShareLinkProblem = "empty" | "base64" | "version" | "deflate" | "too-large" | "checksum" | "text" | "document";

/** Why a link's payload is not a sheet; `message` says so in the words the import notice uses. */
export class ShareLinkError extends Error {
  override name = "ShareLinkError";
  constructor(
    readonly problem: ShareLinkProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The payload for a sheet file's text (what Export writes: with or without trained values). */
export async function encodeSharePayload(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const deflated = await pipeBytes(bytes, new CompressionStream("deflate-raw"), Infinity);
  const payload = new Uint8Array(HEADER_BYTES + deflated.length);
  payload[0] = PAYLOAD_VERSION;
  new DataView(payload.buffer).setUint32(1, crc32(bytes));
  payload.set(deflated, HEADER_BYTES);
  return toBase64Url(payload);
}

/** The sheet a payload holds; throws ShareLinkError when it holds none. */
export async function decodeSharePayload(payload: string, maxBytes = MAX_INFLATED_BYTES): Promise<SheetDocument> {
  if (payload === "") throw new ShareLinkError("empty", "the link holds no sheet (nothing follows “#share=”).");
  const data = fromBase64Url(payload);
  if (data.length <= HEADER_BYTES) throw new ShareLinkError("deflate", "the link's data is too short to hold a sheet; it may have been cut short when it was copied.");
  if (data[0] !== PAYLOAD_VERSION) {
    throw new ShareLinkError("version", `the link was made in a format version ${data[0]} this Tensorsheet does not know (it knows ${PAYLOAD_VERSION}); it may come from a newer version, or have been changed.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await pipeBytes(data.subarray(HEADER_BYTES), new DecompressionStream("deflate-raw"), maxBytes);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError("deflate", `the link's data is damaged (${(e as Error).message}); it may have been cut short when it was copied.`);
  }
  if (crc32(bytes) !== new DataView(data.buffer, data.byteOffset).getUint32(1)) {
    throw new ShareLinkError("checksum", "the link's data does not match its checksum; it was changed or cut short after it was made.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ShareLinkError("text", "the link's data is not text; it was changed after it was made.");
  }
  try {
    return parseSheetDocument(text);
  } catch (e) {
    if (e instanceof FormatError) throw new ShareLinkError("document", e.message);
    throw e;
  }
}

/**
 * Run `input` through a compression stream, refusing output past `maxBytes`. Reading stops there,
 * so a payload that inflates without end costs no more memory than the limit.
 */
async function pipeBytes(input: Uint8Array, transform: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([input as BlobPart]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new ShareLinkError("too-large", `the link's sheet is larger than ${formatMegabytes(maxBytes)} once unpacked, more than a sheet file holds.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function formatMegabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/** RFC 4648 §5 base64url without padding: URL-safe, so the fragment needs no escaping. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad !== null) {
    throw new ShareLinkError("base64", `the link's data has a character a link never holds (“${bad[0]}” at position ${bad.index + 1}); it was changed after it was made.`);
  }
  if (text.length % 4 === 1) throw new ShareLinkError("base64", "the link's data ends mid-character; it may have been cut short when it was copied.");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
