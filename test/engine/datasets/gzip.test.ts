import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipNode } from "../../../engine/datasets/gunzip.node.ts";
import { gunzipWeb } from "../../../engine/datasets/gunzip.web.ts";
import { isGzip, maybeGunzip } from "../../../engine/datasets/gzip.ts";
import { expectDatasetErrorAsync } from "./helpers.ts";

describe("gzip helpers", () => {
  const text = new TextEncoder().encode("tensorsheet ".repeat(1000));
  const gz = new Uint8Array(gzipSync(text));

  it("detects the 1f 8b header", () => {
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(text)).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array(0))).toBe(false);
  });

  it("passes non-gzip bytes through untouched, without calling gunzip", async () => {
    let calls = 0;
    const spy = async (b: Uint8Array) => {
      calls++;
      return b;
    };
    expect(await maybeGunzip(text, spy)).toBe(text);
    expect(calls).toBe(0);
  });

  for (const [platform, gunzip] of [["node", gunzipNode], ["web", gunzipWeb]] as const) {
    it(`${platform} gunzip decompresses what node:zlib compressed`, async () => {
      const out = await maybeGunzip(gz, gunzip, "t.gz");
      expect(out.length).toBe(text.length);
      expect(Buffer.compare(out, text)).toBe(0);
    });

    it(`${platform} gunzip failures become DatasetErrors naming the file`, async () => {
      await expectDatasetErrorAsync(maybeGunzip(gz.subarray(0, 12), gunzip, "short.gz"), "short.gz", /gzip data is corrupt or truncated/);
    });
  }

  it("names the data 'data' when no file name is given", async () => {
    await expectDatasetErrorAsync(maybeGunzip(gz.subarray(0, 12), gunzipNode), "data", /gzip data is corrupt/);
  });
});
