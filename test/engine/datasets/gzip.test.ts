import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipNode } from "../../../engine/datasets/gunzip.node.ts";
import { gunzipWeb } from "../../../engine/datasets/gunzip.web.ts";
import { defaultInflateLimit, isGzip, maybeGunzip, type Gunzip } from "../../../engine/datasets/gzip.ts";
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
    const spy = async function* (b: Uint8Array) {
      calls++;
      yield b;
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

  it("caps inflated output by default at the element cap × 8 bytes plus 64 KiB of header", () => {
    expect(defaultInflateLimit()).toEqual({
      maxBytes: 2 ** 28 * 8 + 65536,
      why: "the limit is 2^28 = 268,435,456 elements of at most 8 bytes each, plus 64 KiB for the header",
    });
    expect(defaultInflateLimit(1000)).toEqual({
      maxBytes: 8000 + 65536,
      why: "the limit is 1,000 elements of at most 8 bytes each, plus 64 KiB for the header",
    });
  });
});

describe("gzip bombs", () => {
  // 32 MiB of zeros compress to ~32 KiB; the test cap is 1 MiB, so a reader without a cap inflates 32× too much.
  const bombSize = 32 * 1024 * 1024;
  const bomb = new Uint8Array(gzipSync(new Uint8Array(bombSize)));
  const limit = { maxBytes: 1024 * 1024, why: "the test's limit" };

  /** `gunzip`, counting the bytes it inflates before maybeGunzip stops reading. */
  function counting(gunzip: Gunzip): { gunzip: Gunzip; inflated: () => number } {
    let inflated = 0;
    return {
      gunzip: async function* (bytes) {
        for await (const chunk of gunzip(bytes)) {
          inflated += chunk.length;
          yield chunk;
        }
      },
      inflated: () => inflated,
    };
  }

  for (const [platform, gunzip] of [["node", gunzipNode], ["web", gunzipWeb]] as const) {
    it(`${platform} gunzip stops as soon as the output passes the cap`, async () => {
      expect(bomb.length).toBeLessThan(64 * 1024);
      const counted = counting(gunzip);
      const err = await expectDatasetErrorAsync(maybeGunzip(bomb, counted.gunzip, "data.npy.gz", limit), "data.npy.gz");
      expect(err.message).toBe("data.npy.gz: inflates to more than 1,048,576 bytes; the test's limit");
      expect(counted.inflated()).toBeGreaterThan(limit.maxBytes);
      // Stopped within a few chunks of the cap, far short of the bomb's 32 MiB.
      expect(counted.inflated()).toBeLessThanOrEqual(limit.maxBytes + 1024 * 1024);
    });

    it(`${platform} gunzip accepts output of exactly the cap`, async () => {
      const out = await maybeGunzip(bomb, gunzip, "data.npy.gz", { maxBytes: bombSize, why: "unused" });
      expect(out.length).toBe(bombSize);
      expect(out.every((b) => b === 0)).toBe(true);
    });
  }
});
