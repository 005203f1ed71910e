import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipNode } from "../../../engine/datasets/gunzip.node.ts";
import { gunzipWeb } from "../../../engine/datasets/gunzip.web.ts";
import { loadNpy, parseNpy } from "../../../engine/datasets/npy.ts";
import { concat, expectDatasetError, expectDatasetErrorAsync } from "./helpers.ts";

type Writer = (view: DataView, offset: number, value: number) => void;

/** Element writers for building data sections by hand. */
const W: Record<string, { size: number; write: Writer }> = {
  "<f2": { size: 2, write: (v, o, x) => v.setUint16(o, x, true) }, // x = raw half bits
  "<f4": { size: 4, write: (v, o, x) => v.setFloat32(o, x, true) },
  ">f4": { size: 4, write: (v, o, x) => v.setFloat32(o, x, false) },
  "<f8": { size: 8, write: (v, o, x) => v.setFloat64(o, x, true) },
  ">f8": { size: 8, write: (v, o, x) => v.setFloat64(o, x, false) },
  "<i1": { size: 1, write: (v, o, x) => v.setInt8(o, x) },
  "|i1": { size: 1, write: (v, o, x) => v.setInt8(o, x) },
  "<i2": { size: 2, write: (v, o, x) => v.setInt16(o, x, true) },
  ">i2": { size: 2, write: (v, o, x) => v.setInt16(o, x, false) },
  "<i4": { size: 4, write: (v, o, x) => v.setInt32(o, x, true) },
  ">i4": { size: 4, write: (v, o, x) => v.setInt32(o, x, false) },
  "<i8": { size: 8, write: (v, o, x) => v.setBigInt64(o, BigInt(x), true) },
  ">i8": { size: 8, write: (v, o, x) => v.setBigInt64(o, BigInt(x), false) },
  "|u1": { size: 1, write: (v, o, x) => v.setUint8(o, x) },
  "<u2": { size: 2, write: (v, o, x) => v.setUint16(o, x, true) },
  ">u2": { size: 2, write: (v, o, x) => v.setUint16(o, x, false) },
  "<u4": { size: 4, write: (v, o, x) => v.setUint32(o, x, true) },
  "<u8": { size: 8, write: (v, o, x) => v.setBigUint64(o, BigInt(x), true) },
  "|b1": { size: 1, write: (v, o, x) => v.setUint8(o, x) },
};

function data(descr: string, values: readonly number[]): Uint8Array {
  const w = W[descr]!;
  const out = new Uint8Array(values.length * w.size);
  const view = new DataView(out.buffer);
  values.forEach((x, i) => w.write(view, i * w.size, x));
  return out;
}

/**
 * A .npy file written by hand: \x93NUMPY, version, header length (LE), the header text padded
 * with spaces and a final '\n' to a multiple of `align` bytes (numpy uses 64), then the data.
 */
function npy(header: string, body: Uint8Array | readonly number[], version: 1 | 2 | 3 = 1, align = 64): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const pre = 8 + lenBytes;
  let text = new TextEncoder().encode(header);
  const padded = Math.ceil((pre + text.length + 1) / align) * align - pre;
  const h = new Uint8Array(padded).fill(0x20);
  h.set(text);
  h[padded - 1] = 0x0a;
  text = h;
  const len = version === 1 ? [padded & 0xff, padded >> 8] : [padded & 0xff, (padded >> 8) & 0xff, (padded >> 16) & 0xff, padded >>> 24];
  return concat([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0], len, text, body);
}

const hdr = (descr: string, shape: string, fortran = false) =>
  `{'descr': '${descr}', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': ${shape}, }`;

describe("parseNpy", () => {
  it("reads a v1.0 float32 matrix", () => {
    const bytes = npy(hdr("<f4", "(2, 3)"), data("<f4", [1, 2.5, -3, 0, 1e-7, 65504]));
    expect(bytes.length % 64).toBe(24 % 64); // 64-byte aligned header + 24 data bytes
    const t = parseNpy(bytes, "a.npy");
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2.5, -3, 0, Math.fround(1e-7), 65504]);
  });

  it("reads version 2.0 and 3.0 headers", () => {
    const body = data("<i4", [7, -8, 9]);
    for (const v of [2, 3] as const) {
      const t = parseNpy(npy(hdr("<i4", "(3,)"), body, v), `v${v}.npy`);
      expect(t.shape).toEqual([3]);
      expect(Array.from(t.data)).toEqual([7, -8, 9]);
    }
    // 3.0 headers are UTF-8 (e.g. a non-ASCII field name numpy would reject in 1.0)
    const utf8 = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'note': 'é✓', }", data("<i4", [5]), 3);
    expect(parseNpy(utf8, "utf8.npy").item()).toBe(5);
  });

  const cases: [string, number[], number[]][] = [
    ["<f8", [0.1, -1e300, 2 ** 60], [Math.fround(0.1), -Infinity, 2 ** 60]],
    ["<i1", [-128, -1, 127], [-128, -1, 127]],
    ["|i1", [-5, 5, 0], [-5, 5, 0]],
    ["<i2", [-32768, 258, 32767], [-32768, 258, 32767]],
    ["<i4", [-(2 ** 31), 65536, 2 ** 31 - 1], [-(2 ** 31), 65536, 2 ** 31]],
    ["<i8", [-(2 ** 40), -1, 2 ** 50], [-(2 ** 40), -1, 2 ** 50]],
    ["|u1", [0, 128, 255], [0, 128, 255]],
    ["<u2", [0, 258, 65535], [0, 258, 65535]],
    ["<u4", [0, 65536, 2 ** 32 - 1], [0, 65536, 2 ** 32]],
    ["<u8", [0, 1, 2 ** 52], [0, 1, 2 ** 52]],
    ["|b1", [0, 1, 2], [0, 1, 1]],
    // half bits: 0x3c00 = 1, 0xc000 = -2, 0x0001 = 2^-24 (subnormal), 0x7c00 = inf
    ["<f2", [0x3c00, 0xc000, 0x0001, 0x7c00], [1, -2, 2 ** -24, Infinity]],
  ];
  for (const [descr, stored, expected] of cases) {
    it(`reads dtype ${descr}`, () => {
      const t = parseNpy(npy(hdr(descr, `(${stored.length},)`), data(descr, stored)), `${descr}.npy`);
      expect(t.shape).toEqual([stored.length]);
      expect(Array.from(t.data)).toEqual(expected);
    });
  }

  it("byte-swaps big-endian dtypes", () => {
    expect(Array.from(parseNpy(npy(hdr(">f4", "(2,)"), data(">f4", [1.5, -2.25])), "be.npy").data)).toEqual([1.5, -2.25]);
    expect(Array.from(parseNpy(npy(hdr(">f8", "(1,)"), data(">f8", [0.5])), "be.npy").data)).toEqual([0.5]);
    expect(Array.from(parseNpy(npy(hdr(">i2", "(2,)"), data(">i2", [258, -2])), "be.npy").data)).toEqual([258, -2]);
    expect(Array.from(parseNpy(npy(hdr(">i4", "(1,)"), data(">i4", [-70000])), "be.npy").data)).toEqual([-70000]);
    expect(Array.from(parseNpy(npy(hdr(">i8", "(1,)"), data(">i8", [-3])), "be.npy").data)).toEqual([-3]);
    expect(Array.from(parseNpy(npy(hdr(">u2", "(1,)"), data(">u2", [0x0102])), "be.npy").data)).toEqual([258]);
    // the raw bytes really are big-endian
    expect(Array.from(data(">i2", [258]))).toEqual([1, 2]);
  });

  it("parses shapes (), (n,), (0,), (2, 0) and Python 2 long suffixes", () => {
    const s = parseNpy(npy(hdr("<f4", "()"), data("<f4", [3.5])), "scalar.npy");
    expect(s.shape).toEqual([]);
    expect(s.item()).toBe(3.5);
    expect(parseNpy(npy(hdr("<f4", "(4,)"), data("<f4", [1, 2, 3, 4])), "v.npy").shape).toEqual([4]);
    expect(parseNpy(npy(hdr("<f4", "(0,)"), []), "e.npy").shape).toEqual([0]);
    expect(parseNpy(npy(hdr("<f4", "(2, 0)"), []), "e2.npy").shape).toEqual([2, 0]);
    expect(parseNpy(npy(hdr("<i2", "(1L, 2L)"), data("<i2", [1, 2])), "py2.npy").shape).toEqual([1, 2]);
  });

  it("accepts any key order, double quotes, no trailing comma, and an unaligned header", () => {
    const t = parseNpy(npy('{"shape": (2,), "fortran_order": False, "descr": "<u2"}', data("<u2", [3, 4]), 1, 1), "loose.npy");
    expect(Array.from(t.data)).toEqual([3, 4]);
  });

  it("transposes fortran_order True data to row-major", () => {
    // logical [[1, 2, 3], [4, 5, 6]] stored column by column
    const m = parseNpy(npy(hdr("<f4", "(2, 3)", true), data("<f4", [1, 4, 2, 5, 3, 6])), "f.npy");
    expect(m.shape).toEqual([2, 3]);
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    // 3-D: element (i, j, k) = 100i + 10j + k, stored with i fastest
    const shape = [2, 3, 4];
    const fortran: number[] = [];
    for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) fortran.push(100 * i + 10 * j + k);
    const t = parseNpy(npy(hdr("<i4", "(2, 3, 4)", true), data("<i4", fortran)), "f3.npy");
    expect(t.shape).toEqual(shape);
    const c: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) c.push(100 * i + 10 * j + k);
    expect(Array.from(t.data)).toEqual(c);
    // 1-D Fortran is the same as C
    expect(Array.from(parseNpy(npy(hdr("<f4", "(3,)", true), data("<f4", [1, 2, 3])), "f1.npy").data)).toEqual([1, 2, 3]);
  });

  it("reads files numpy 2.4 wrote (np.save)", () => {
    // np.save(f, np.asfortranarray(np.arange(6, dtype=">i4").reshape(2, 3) - 2))
    const fortran = Buffer.from(
      "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr+////AQAAAP////8CAAAAAAAAAAMAAAA=",
      "base64",
    );
    expect(parseNpy(new Uint8Array(fortran), "fortran.npy").toArray()).toEqual([[-2, -1, 0], [1, 2, 3]]);
    // np.save(f, np.array([[0.5, -1.25], [65504, 1/3]], dtype="<f2"))
    const half = Buffer.from(
      "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAOAC9/3tVNQ==",
      "base64",
    );
    expect(parseNpy(new Uint8Array(half), "half.npy").toArray()).toEqual([[0.5, -1.25], [65504, 0.333251953125]]);
  });

  describe("errors", () => {
    const good = npy(hdr("<f4", "(2,)"), data("<f4", [1, 2]));

    it("bad magic number: shows the bytes found and expected", () => {
      const bad = good.slice();
      bad[1] = 0x6e; // lower-case n
      expectDatasetError(() => parseNpy(bad, "x.npy"), "x.npy", "bad magic number", "found 93 6e 55 4d 50 59", 'expected 93 4e 55 4d 50 59 ("\\x93NUMPY")');
    });

    it("recognizes zip (.npz) and gzip data", () => {
      const zip = concat([0x50, 0x4b, 0x03, 0x04], new Array(20).fill(0));
      expectDatasetError(() => parseNpy(zip, "arrays.npz"), "arrays.npz", /found 50 4b 03 04 00 00/, /zip archive/, /\.npz/);
      expectDatasetError(() => parseNpy(new Uint8Array(gzipSync(good)), "x.npy.gz"), "x.npy.gz", /found 1f 8b/, /gzip-compressed/);
    });

    it("truncated preamble and header", () => {
      expectDatasetError(() => parseNpy(good.subarray(0, 7), "p.npy"), "p.npy", /truncated header/, /at least 10 preamble bytes, found 7/);
      expectDatasetError(() => parseNpy(good.subarray(0, 40), "h.npy"), "h.npy", /truncated header: the header says it is 118 bytes long, but only 30 bytes follow/);
      const v2 = npy(hdr("<f4", "(2,)"), data("<f4", [1, 2]), 2);
      expectDatasetError(() => parseNpy(v2.subarray(0, 10), "v2.npy"), "v2.npy", /expected a 4-byte header length at byte 8, found 2 bytes/);
    });

    it("unsupported format version", () => {
      const v4 = good.slice();
      v4[6] = 4;
      expectDatasetError(() => parseNpy(v4, "v4.npy"), "v4.npy", "unsupported .npy format version 4.0; expected 1.0, 2.0 or 3.0");
    });

    it("bad headers", () => {
      const cases: [string, RegExp][] = [
        ["['descr', '<f4']", /expected a Python dict literal/],
        ["{'descr': '<f4', 'shape': (2,), }", /missing the 'fortran_order' key/],
        ["{'descr': '<f4', 'fortran_order': False, }", /missing the 'shape' key/],
        ["{'fortran_order': False, 'shape': (2,), }", /missing the 'descr' key/],
        ["{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", /'fortran_order' must be True or False/],
        ["{'descr': '<f4', 'fortran_order': False, 'shape': [2], }", /'shape' must be a tuple/],
        ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", /non-negative integers/],
        ["{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }", /'shape' must hold non-negative integers/],
        ["{'descr': '<f4, 'fortran_order': False, 'shape': (2,), }", /expected ',' or '}'|unexpected/],
        ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", /expected ',' or '}'|unexpected end/],
        ["{'descr': '<f4', 'fortran_order': Flase, 'shape': (2,), }", /unexpected name Flase/],
        ["{'descr': '<f4'} trailing", /after the dict/],
        ["", /unexpected end of header/],
      ];
      for (const [header, fragment] of cases) {
        const err = expectDatasetError(() => parseNpy(npy(header, data("<f4", [1, 2])), "h.npy"), "h.npy", /bad header/, fragment);
        expect(err.message).toContain("header was");
      }
    });

    it("headers nested too deeply are refused with a clear error, not a stack overflow", () => {
      const prefix = "{'descr': '<f4', 'fortran_order': False, 'shape': ";
      const deepShape = npy(prefix + "(".repeat(100_000), data("<f4", [1]), 2);
      const err = expectDatasetError(() => parseNpy(deepShape, "deep.npy"), "deep.npy");
      // The dict is level 1, so the 32nd '(' (at prefix.length + 31) would be level 33.
      expect(err.message).toMatch(/^deep\.npy: bad header: nested too deeply: more than 32 levels of brackets at character 81; header was "/);
      expect(prefix.length + 31).toBe(81);

      const deepList = (n: number) => `{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': ${"[".repeat(n)}${"]".repeat(n)}}`;
      expectDatasetError(() => parseNpy(npy(deepList(100_000), data("<f4", [1]), 2), "list.npy"), "list.npy", /bad header: nested too deeply: more than 32 levels/);
      expectDatasetError(() => parseNpy(npy(deepList(32), data("<f4", [1])), "32.npy"), "32.npy", /nested too deeply/);
      expect(parseNpy(npy(deepList(31), data("<f4", [5])), "31.npy").toArray()).toEqual([5]);
    });

    it("bad UTF-8 in a 3.0 header", () => {
      const bytes = npy(hdr("<f4", "(2,)"), data("<f4", [1, 2]), 3);
      bytes[20] = 0xff;
      expectDatasetError(() => parseNpy(bytes, "u.npy"), "u.npy", /bad header: a version 3.0 header must be UTF-8/);
    });

    it("unsupported dtypes list the supported ones", () => {
      const cases: [string, RegExp][] = [
        ["<c8", /unsupported dtype '<c8'/],
        ["|O", /unsupported dtype '\|O' \(object arrays need pickle\)/],
        ["<U5", /unsupported dtype '<U5' \(string arrays\)/],
        ["<f16", /unsupported dtype '<f16'/],
        ["<i3", /unsupported dtype '<i3'/],
        ["|i4", /a 4-byte type needs a byte order/],
        ["float32", /unsupported dtype 'float32'/],
      ];
      for (const [descr, fragment] of cases) {
        const err = expectDatasetError(() => parseNpy(npy(hdr(descr, "(1,)"), new Uint8Array(4)), "d.npy"), "d.npy", fragment);
        if (!err.message.includes("byte order")) expect(err.message).toContain("supported: <f2 <f4 <f8 <i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8 |b1");
      }
      const structured = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }";
      expectDatasetError(() => parseNpy(npy(structured, new Uint8Array(8)), "rec.npy"), "rec.npy", /structured \(record\) arrays are not supported/);
    });

    it("truncated data: expected vs found bytes", () => {
      const full = npy(hdr("<f8", "(2, 2)"), data("<f8", [1, 2, 3, 4]));
      expectDatasetError(
        () => parseNpy(full.subarray(0, full.length - 3), "cut.npy"),
        "cut.npy",
        "truncated data: expected 32 bytes of data for shape [2, 2] of dtype '<f8', found 29",
      );
    });

    it("trailing bytes after the data", () => {
      expectDatasetError(() => parseNpy(concat(good, [0]), "long.npy"), "long.npy", /trailing bytes/, /expected 8 bytes .* found 9/);
    });

    it("dimension overflow beyond 2^28 elements", () => {
      expectDatasetError(
        () => parseNpy(npy(hdr("<f4", "(65536, 65536)"), []), "big.npy"),
        "big.npy",
        "dimension overflow",
        "shape [65536, 65536] has 4294967296 elements",
        "2^28 (268435456)",
      );
      expectDatasetError(() => parseNpy(npy(hdr("|u1", "(0, 300000000)"), []), "wide.npy"), "wide.npy", /dimension overflow/, /300000000/);
    });
  });
});

describe("loadNpy with gzip", () => {
  const raw = npy(hdr("<i2", "(2, 2)"), data("<i2", [1, -2, 3, -4]));
  const gz = new Uint8Array(gzipSync(raw));
  for (const [platform, gunzip] of [["node", gunzipNode], ["web", gunzipWeb]] as const) {
    it(`reads .npy.gz and plain .npy (${platform} gunzip)`, async () => {
      expect((await loadNpy(gz, "a.npy.gz", gunzip)).toArray()).toEqual([[1, -2], [3, -4]]);
      expect((await loadNpy(raw, "a.npy", gunzip)).toArray()).toEqual([[1, -2], [3, -4]]);
      await expectDatasetErrorAsync(loadNpy(gz.subarray(0, 20), "cut.npy.gz", gunzip), "cut.npy.gz", /gzip data is corrupt or truncated/);
    });
  }

  it("refuses a gzip bomb once it inflates past the caller's limit", async () => {
    const bomb = new Uint8Array(gzipSync(npy(hdr("<f8", "(131072,)"), new Uint8Array(8 * 131072))));
    const err = await expectDatasetErrorAsync(
      loadNpy(bomb, "data.npy.gz", gunzipWeb, { maxBytes: 65536, why: "the limit is 64 KiB here" }),
      "data.npy.gz",
    );
    expect(err.message).toBe("data.npy.gz: inflates to more than 65,536 bytes; the limit is 64 KiB here");
  });
});
