// A sheet carried in a link: its file's JSON, deflate-raw compressed (CompressionStream, in every
// browser we support and in Node 20) and base64url-encoded, so it fits in a URL fragment. Decoding
// treats the payload as untrusted: every way it can be wrong (not base64url, not deflate, too big
// once inflated, not UTF-8, not a valid sheet) is a ShareLinkError with a message for the user.
import { FormatError, parseSheetDocument, type SheetDocument } from "../../cells/index.ts";

/** More than this many bytes once inflated and the link is refused: a sheet file is far smaller, a zip bomb is not. */
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024;

export type ShareLinkProblem = "empty" | "base64" | "deflate" | "too-large" | "text" | "document";

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
  const deflated = await pipeBytes(new TextEncoder().encode(text), new CompressionStream("deflate-raw"), Infinity);
  return toBase64Url(deflated);
}

/** The sheet a payload holds; throws ShareLinkError when it holds none. */
export async function decodeSharePayload(payload: string, maxBytes = MAX_INFLATED_BYTES): Promise<SheetDocument> {
  if (payload === "") throw new ShareLinkError("empty", "the link holds no sheet (nothing follows “#share=”).");
  const deflated = fromBase64Url(payload);
  let bytes: Uint8Array;
  try {
    bytes = await pipeBytes(deflated, new DecompressionStream("deflate-raw"), maxBytes);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError("deflate", `the link's data is damaged (${(e as Error).message}); it may have been cut short when it was copied.`);
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
