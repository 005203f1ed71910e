import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { parseSheetDocument } from "../../../cells/format/index.ts";
import { exportFile } from "../../../src/state/sheet-export.ts";
import { crc32 } from "../../../src/share/crc32.ts";
import { ShareLinkError, decodeSharePayload, encodeSharePayload, fromBase64Url, toBase64Url } from "../../../src/share/share-codec.ts";

/** W = [1, 2] as float32, base64 ("AACAPwAAAEA="). */
const W = { dtype: "float32", shape: [2], data: "AACAPwAAAEA=" } as const;

const trained: SheetDocument = {
  format: "tensorsheet",
  version: 1,
  title: "Shared: W·W — ünïcode",
  seed: 7,
  objective: "loss",
  cells: [
    { address: "A1", source: "W = param(ones([2]))" },
    { address: "A2", source: "loss = sum(W * W)", note: "the objective" },
  ],
  tensors: { W },
  layout: { columns: { A: 240 }, rows: { 2: 80 } },
};

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
}

/** A payload as a link holds it (version 1, the CRC-32 of `bytes`, their deflate-raw), whatever `bytes` are. */
async function payloadOf(bytes: Uint8Array, version = 1, crc = crc32(bytes)): Promise<string> {
  const deflated = await deflateRaw(bytes);
  const out = new Uint8Array(5 + deflated.length);
  out[0] = version;
  new DataView(out.buffer).setUint32(1, crc);
  out.set(deflated, 5);
  return toBase64Url(out);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The error decoding `payload` throws (the test fails if it throws none). */
async function refusal(payload: string, maxBytes?: number): Promise<ShareLinkError> {
  const error = await decodeSharePayload(payload, maxBytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareLinkError);
  return error as ShareLinkError;
}

describe("share codec: round trip", () => {
  it("a document with trained values comes back equal, tensors and layout included", async () => {
    const payload = await encodeSharePayload(exportFile(trained, true).text);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSharePayload(payload)).toEqual(parseSheetDocument(exportFile(trained, true).text));
    expect((await decodeSharePayload(payload)).tensors).toEqual({ W });
  });

  it("without trained values the link holds no tensors, and everything the user wrote", async () => {
    const decoded = await decodeSharePayload(await encodeSharePayload(exportFile(trained, false).text));
    expect(decoded.tensors).toBeUndefined();
    expect(decoded).toEqual({ format: "tensorsheet", version: 1, title: trained.title, seed: 7, objective: "loss", cells: trained.cells, layout: trained.layout });
  });

  it("the first-look example compresses to a link far under 16 KB", async () => {
    const text = readFileSync(new URL("../../../public/examples/00-first-look.tensorsheet.json", import.meta.url), "utf8");
    const payload = await encodeSharePayload(text);
    expect(payload.length).toBeLessThan(text.length);
    expect(payload.length).toBeLessThan(4096);
    expect(await decodeSharePayload(payload)).toEqual(parseSheetDocument(text));
  });

  it("CRC-32 is the IEEE one zip and PNG use (check value of \"123456789\")", () => {
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("base64url round-trips every byte value, unpadded", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64Url(text)).toEqual(bytes);
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe("-_8");
  });
});

describe("share codec: each way a link can be wrong has its message", () => {
  it("empty", async () => {
    const e = await refusal("");
    expect([e.problem, e.message]).toEqual(["empty", "the link holds no sheet (nothing follows “#share=”)."]);
  });

  it("a character base64url never holds (tampered)", async () => {
    const e = await refusal("abc$def");
    expect([e.problem, e.message]).toEqual(["base64", "the link's data has a character a link never holds (“$” at position 4); it was changed after it was made."]);
  });

  it("a length no base64 text has (cut mid-character)", async () => {
    const e = await refusal("abcde");
    expect([e.problem, e.message]).toEqual(["base64", "the link's data ends mid-character; it may have been cut short when it was copied."]);
  });

  it("truncated: the deflate stream ends early", async () => {
    const payload = await encodeSharePayload(exportFile(trained, true).text);
    const e = await refusal(payload.slice(0, Math.floor(payload.length / 2) & ~3));
    expect(e.problem).toBe("deflate");
    expect(e.message).toMatch(/^the link's data is damaged \(.+\); it may have been cut short when it was copied\.$/);
  });

  it("not deflate at all", async () => {
    const e = await refusal(toBase64Url(Uint8Array.of(1, 0, 0, 0, 0, 1, 2, 3, 4, 5)));
    expect(e.problem).toBe("deflate");
    expect(e.message).toMatch(/^the link's data is damaged \(.+\); it may have been cut short when it was copied\.$/);
  });

  it("too short to hold even the header", async () => {
    const e = await refusal(toBase64Url(Uint8Array.of(1, 0, 0)));
    expect([e.problem, e.message]).toEqual(["deflate", "the link's data is too short to hold a sheet; it may have been cut short when it was copied."]);
  });

  it("a format version this build does not know", async () => {
    const e = await refusal(await payloadOf(utf8(exportFile(trained, false).text), 2));
    expect([e.problem, e.message]).toEqual(["version", "the link was made in a format version 2 this Tensorsheet does not know (it knows 1); it may come from a newer version, or have been changed."]);
  });

  it("tampered: a sheet that still parses but is not the one shared fails its checksum", async () => {
    const text = exportFile(trained, false).text;
    const changed = text.replace("the objective", "the 0bjective");
    expect(() => parseSheetDocument(changed)).not.toThrow();
    const e = await refusal(await payloadOf(utf8(changed), 1, crc32(utf8(text))));
    expect([e.problem, e.message]).toEqual(["checksum", "the link's data does not match its checksum; it was changed or cut short after it was made."]);
  });

  it("tampered: characters flipped anywhere in a real link's payload are refused", async () => {
    const payload = await encodeSharePayload(exportFile(trained, true).text);
    for (let at = 0; at < payload.length; at += 3) {
      const flipped = payload.slice(0, at) + (payload[at] === "A" ? "B" : "A") + payload.slice(at + 1);
      const error = await decodeSharePayload(flipped).then(() => null, (e: unknown) => e);
      expect(error, `flipped at ${at}`).toBeInstanceOf(ShareLinkError);
    }
  });

  it("inflates past the size limit: refused as soon as the limit is passed", async () => {
    const payload = await payloadOf(new Uint8Array(2000).fill(32));
    const e = await refusal(payload, 1000);
    expect([e.problem, e.message]).toEqual(["too-large", "the link's sheet is larger than 1000 bytes once unpacked, more than a sheet file holds."]);
    const big = await refusal(await payloadOf(new Uint8Array(6 * 1024 * 1024).fill(32)));
    expect(big.message).toBe("the link's sheet is larger than 5 MB once unpacked, more than a sheet file holds.");
  });

  it("bytes that are not UTF-8 text", async () => {
    const e = await refusal(await payloadOf(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d)));
    expect([e.problem, e.message]).toEqual(["text", "the link's data is not text; it was changed after it was made."]);
  });

  it("JSON that is not a valid sheet: the import's validation message, path and reason", async () => {
    const bad = JSON.stringify({ format: "tensorsheet", version: 1, title: "x", seed: 0, cells: [{ address: "1A", source: "1" }] });
    const e = await refusal(await payloadOf(utf8(bad)));
    expect(e.problem).toBe("document");
    expect(e.message).toBe(errorOf(() => parseSheetDocument(bad)));
    expect(e.message).toMatch(/^\$\.cells\[0\]\.address: /);
  });

  it("not JSON", async () => {
    const e = await refusal(await payloadOf(utf8("{not json")));
    expect(e.problem).toBe("document");
    expect(e.message).toBe(errorOf(() => parseSheetDocument("{not json")));
  });
});

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}
