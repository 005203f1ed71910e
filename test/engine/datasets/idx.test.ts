import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipNode } from "../../../engine/datasets/gunzip.node.ts";
import { gunzipWeb } from "../../../engine/datasets/gunzip.web.ts";
import { loadIdx, parseIdx } from "../../../engine/datasets/idx.ts";
import { concat, expectDatasetError, expectDatasetErrorAsync, u32be } from "./helpers.ts";

/** An IDX file written by hand: 00 00 <dtype> <ndim>, BE dims, then the given data bytes. */
function idx(dtype: number, dims: readonly number[], data: readonly number[] | Uint8Array): Uint8Array {
  return concat([0, 0, dtype, dims.length], dims.flatMap(u32be), data);
}

describe("parseIdx", () => {
  it("reads an MNIST-style images file (ubyte, 3 dims)", () => {
    const pixels = Array.from({ length: 3 * 28 * 28 }, (_, i) => (i * 37) % 256);
    const bytes = idx(0x08, [3, 28, 28], pixels);
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28]);
    const t = parseIdx(bytes, "train-images-idx3-ubyte");
    expect(t.shape).toEqual([3, 28, 28]);
    expect(Array.from(t.data)).toEqual(pixels);
  });

  it("reads an MNIST-style labels file (ubyte, 1 dim)", () => {
    const labels = Array.from({ length: 60000 }, (_, i) => (i * 7) % 10);
    const bytes = idx(0x08, [60000], labels);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0xea, 0x60]);
    const t = parseIdx(bytes, "train-labels-idx1-ubyte");
    expect(t.shape).toEqual([60000]);
    expect(t.data[0]).toBe(0);
    expect(t.data[59999]).toBe((59999 * 7) % 10);
    expect(t.data[12345]).toBe((12345 * 7) % 10);
  });

  it("reads signed bytes", () => {
    const t = parseIdx(idx(0x09, [4], [0x00, 0x7f, 0x80, 0xff]), "b");
    expect(Array.from(t.data)).toEqual([0, 127, -128, -1]);
  });

  it("reads big-endian shorts and ints", () => {
    const s = parseIdx(idx(0x0b, [2, 2], [0x01, 0x02, 0xff, 0xfe, 0x80, 0x00, 0x7f, 0xff]), "s");
    expect(s.shape).toEqual([2, 2]);
    expect(Array.from(s.data)).toEqual([258, -2, -32768, 32767]);
    const i = parseIdx(idx(0x0c, [3], [0, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0]), "i");
    expect(Array.from(i.data)).toEqual([65536, -1, -(2 ** 31)]);
  });

  it("reads big-endian floats and doubles", () => {
    // 1.5 = 3f c0 00 00, -2.25 = c0 10 00 00
    const f = parseIdx(idx(0x0d, [2], [0x3f, 0xc0, 0, 0, 0xc0, 0x10, 0, 0]), "f");
    expect(Array.from(f.data)).toEqual([1.5, -2.25]);
    // 0.1 = 3f b9 99 99 99 99 99 9a; -1e300 overflows float32 to -Infinity
    const d = parseIdx(idx(0x0e, [1, 2], [0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a, 0xfe, 0x3c, 0x9c, 0xad, 0x1e, 0x4d, 0x71, 0x8c]), "d");
    expect(d.shape).toEqual([1, 2]);
    expect(d.data[0]).toBe(Math.fround(0.1));
    expect(d.data[1]).toBe(-Infinity);
  });

  it("reads a scalar (0 dims) and an empty tensor", () => {
    expect(parseIdx(idx(0x08, [], [42]), "scalar").shape).toEqual([]);
    expect(parseIdx(idx(0x08, [], [42]), "scalar").item()).toBe(42);
    const empty = parseIdx(idx(0x08, [0, 28, 28], []), "empty");
    expect(empty.shape).toEqual([0, 28, 28]);
    expect(empty.size).toBe(0);
  });

  it("reads a file at an odd offset inside a larger buffer", () => {
    const inner = idx(0x0d, [2], [0x3f, 0xc0, 0, 0, 0xc0, 0x10, 0, 0]);
    const outer = concat([9, 9, 9], inner, [9]);
    expect(Array.from(parseIdx(outer.subarray(3, 3 + inner.length), "view").data)).toEqual([1.5, -2.25]);
  });

  describe("errors", () => {
    it("bad magic number: shows the bytes found and expected", () => {
      expectDatasetError(
        () => parseIdx(idx(0x08, [1], [0]).map((b, i) => (i === 0 ? 1 : b)), "images.idx"),
        "images.idx",
        "bad magic number",
        "found 01 00 08 01",
        "expected 00 00 <dtype> <ndim>",
      );
    });

    it("bad magic number on gzipped data suggests decompressing", () => {
      const gz = new Uint8Array(gzipSync(idx(0x08, [1], [0])));
      expectDatasetError(() => parseIdx(gz, "t10k-labels-idx1-ubyte.gz"), "t10k-labels-idx1-ubyte.gz", /found 1f 8b/, /gzip-compressed/);
    });

    it("too short for a header", () => {
      expectDatasetError(() => parseIdx(new Uint8Array([0, 0]), "tiny"), "tiny", /at least 4 header bytes, found 2/);
      expectDatasetError(() => parseIdx(new Uint8Array(0), "empty"), "empty", /found 0/);
    });

    it("unsupported dtype code lists the valid ones", () => {
      expectDatasetError(
        () => parseIdx(idx(0x0a, [1], [0]), "odd"),
        "odd",
        "unsupported dtype code 0x0A",
        "0x08 unsigned byte",
        "0x0E double",
      );
    });

    it("truncated header", () => {
      expectDatasetError(
        () => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), "short"),
        "short",
        /truncated header: 3 dimensions need 16 header bytes, found 10/,
      );
    });

    it("rank above 8 is refused before its dimensions are read", () => {
      const rank255 = concat([0, 0, 0x08, 255], new Uint8Array(4 * 255 + 1));
      expectDatasetError(
        () => parseIdx(rank255, "t10k-images.idx"),
        "t10k-images.idx",
        "t10k-images.idx: rank 255 is not a valid IDX rank (0 to 8): byte 3 of the magic number 00 00 08 ff is the number of dimensions",
      );
      expectDatasetError(() => parseIdx(idx(0x08, new Array(9).fill(1), [7]), "r9.idx"), "r9.idx", /^r9\.idx: rank 9 is not a valid IDX rank \(0 to 8\)/);
      expect(parseIdx(idx(0x08, [1, 1, 1, 1, 1, 1, 1, 2], [7, 9]), "r8.idx").shape).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
    });

    it("rank 0 is a scalar: one element of data, no more, no less", () => {
      expectDatasetError(() => parseIdx(idx(0x0d, [], []), "s.idx"), "s.idx", "truncated data: expected 4 bytes of data for shape [] of float (float32), found 0");
      expectDatasetError(() => parseIdx(idx(0x08, [], [1, 2]), "s.idx"), "s.idx", "trailing bytes after the data: expected 1 bytes of data for shape [] of unsigned byte, found 2");
    });

    it("truncated data: expected vs found bytes", () => {
      const full = idx(0x0b, [2, 3], new Array(12).fill(1));
      expectDatasetError(
        () => parseIdx(full.subarray(0, full.length - 5), "cut.idx"),
        "cut.idx",
        "truncated data",
        "expected 12 bytes of data for shape [2, 3] of short (int16), found 7",
      );
    });

    it("trailing bytes after the data", () => {
      expectDatasetError(() => parseIdx(idx(0x08, [2], [1, 2, 3]), "long.idx"), "long.idx", /trailing bytes/, /expected 2 bytes.*found 3/);
    });

    it("dimension overflow beyond 2^28 elements (checked before the data)", () => {
      expectDatasetError(
        () => parseIdx(idx(0x08, [32768, 32768], []), "huge.idx"),
        "huge.idx",
        "dimension overflow",
        "shape [32768, 32768] has 1073741824 elements",
        "2^28 (268435456)",
      );
      expectDatasetError(() => parseIdx(idx(0x08, [0, 0xffffffff], []), "wide.idx"), "wide.idx", /dimension overflow/, /4294967295/);
      // exactly 2^28 is allowed past the count check (then fails on the missing data)
      expectDatasetError(() => parseIdx(idx(0x08, [2 ** 14, 2 ** 14], []), "edge.idx"), "edge.idx", /truncated data: expected 268435456 bytes/);
    });
  });
});

describe("loadIdx with gzip", () => {
  const raw = idx(0x0c, [2, 2], [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xfc]);
  const gz = new Uint8Array(gzipSync(raw));

  for (const [platform, gunzip] of [["node", gunzipNode], ["web", gunzipWeb]] as const) {
    it(`decompresses .gz files (${platform} gunzip) and passes plain files through`, async () => {
      const a = await loadIdx(gz, "x.idx.gz", gunzip);
      const b = await loadIdx(raw, "x.idx", gunzip);
      expect(a.shape).toEqual([2, 2]);
      expect(Array.from(a.data)).toEqual([1, 2, 3, -4]);
      expect(Array.from(b.data)).toEqual([1, 2, 3, -4]);
    });

    it(`reports corrupt gzip data as a DatasetError (${platform} gunzip)`, async () => {
      await expectDatasetErrorAsync(loadIdx(gz.subarray(0, gz.length - 6), "cut.idx.gz", gunzip), "cut.idx.gz", /gzip data is corrupt or truncated/);
      const garbage = concat([0x1f, 0x8b], new Array(30).fill(0x55));
      await expectDatasetErrorAsync(loadIdx(garbage, "junk.gz", gunzip), "junk.gz", /gzip data is corrupt/);
    });
  }

  it("refuses a gzip bomb once it inflates past the caller's limit", async () => {
    const bomb = new Uint8Array(gzipSync(idx(0x08, [4096, 1024], new Uint8Array(4096 * 1024))));
    const err = await expectDatasetErrorAsync(
      loadIdx(bomb, "t10k-images.idx.gz", gunzipNode, { maxBytes: 65536, why: "the limit is 64 KiB here" }),
      "t10k-images.idx.gz",
    );
    expect(err.message).toBe("t10k-images.idx.gz: inflates to more than 65,536 bytes; the limit is 64 KiB here");
  });
});
