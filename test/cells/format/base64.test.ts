import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Base64Error, FormatError } from "../../../cells/format/errors.ts";
import {
  base64ByteLength,
  decodeBytes,
  decodeFloat32,
  encodeBytes,
  encodeFloat32,
  recordToTensor,
  tensorToRecord,
} from "../../../cells/format/base64.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { loadRefCases, refTensors } from "../../support/refcases.ts";

/** Same values, with -0 ≠ 0 and any NaN equal to any NaN (payloads need not survive). */
function expectSameFloats(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`[${i}] got ${got[i]}, want ${want[i]}`);
  }
}

/** Float32 values from raw bit patterns: every class of value, NaNs and subnormals included. */
function fromBits(bits: Uint32Array): Float32Array {
  return new Float32Array(bits.buffer, bits.byteOffset, bits.length);
}

const SPECIAL = new Float32Array([
  0, -0, 1, -1, Infinity, -Infinity, NaN,
  1.401298464324817e-45, -1.401298464324817e-45, // smallest subnormals
  1.1754942106924411e-38, // largest subnormal
  1.1754943508222875e-38, // smallest normal
  3.4028234663852886e38, -3.4028234663852886e38, // largest finite
  0.1, Math.PI, 16777217,
]);

describe("encodeFloat32 / decodeFloat32", () => {
  it("round trips special values exactly (-0, ±Infinity, NaN, subnormals, extremes)", () => {
    const encoded = encodeFloat32(SPECIAL);
    expect(encoded).toBe(Buffer.from(SPECIAL.buffer).toString("base64"));
    expectSameFloats(decodeFloat32(encoded), SPECIAL);
  });

  it("encodes the empty array as the empty string and back", () => {
    expect(encodeFloat32(new Float32Array(0))).toBe("");
    expect(decodeFloat32("").length).toBe(0);
  });

  it("matches Node's base64 and round trips for random bit patterns", () => {
    fc.assert(
      fc.property(fc.uint32Array({ maxLength: 300 }), (bits) => {
        const values = fromBits(bits);
        const encoded = encodeFloat32(values);
        expect(encoded).toBe(Buffer.from(bits.buffer, bits.byteOffset, bits.byteLength).toString("base64"));
        // Bit-exact, even for NaN payloads (more than the format promises).
        expect(new Uint32Array(decodeFloat32(encoded).slice().buffer)).toEqual(bits);
      }),
      { numRuns: 300 },
    );
  });

  it("round trips random float32 arrays", () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 200 }), (values) => {
        expectSameFloats(decodeFloat32(encodeFloat32(values)), values);
      }),
    );
  });

  it("encodes a subarray view, not its whole buffer", () => {
    const whole = new Float32Array([1, 2, 3, 4, 5]);
    const view = whole.subarray(1, 4);
    expectSameFloats(decodeFloat32(encodeFloat32(view)), new Float32Array([2, 3, 4]));
  });

  it("round trips a 4 MB array quickly", () => {
    const bits = new Uint32Array(1 << 20); // 4 MiB of float32
    let s = 0x9e3779b9;
    for (let i = 0; i < bits.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      bits[i] = s >>> 0;
    }
    const values = fromBits(bits);
    const start = performance.now();
    const encoded = encodeFloat32(values);
    const decoded = decodeFloat32(encoded);
    const elapsed = performance.now() - start;
    expect(encoded.length).toBe(Math.ceil((4 << 20) / 3) * 4);
    expect(encoded).toBe(Buffer.from(bits.buffer).toString("base64"));
    expect(Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength).equals(Buffer.from(bits.buffer))).toBe(true);
    expect(elapsed).toBeLessThan(2000);
  });

  it("decodes every reference case's tensors as Node's Buffer does", () => {
    for (const c of loadRefCases()) {
      const want = refTensors(c);
      for (const [name, t] of Object.entries(c.sheet.tensors ?? {})) {
        expectSameFloats(decodeFloat32(t.data), want[name]!.data as Float32Array);
        expect(encodeFloat32(decodeFloat32(t.data))).toBe(t.data);
      }
    }
  });
});

describe("invalid base64", () => {
  const cases: [string, string, RegExp][] = [
    ["a character outside the alphabet", "AAA*AAAA", /character "\*" at offset 3/],
    ["base64url characters", "AA-_AAAA", /character "-" at offset 2/],
    ["whitespace", "AAAA AAA", /character " " at offset 4/],
    ["a length not a multiple of 4", "AAAAA", /length 5 is not a multiple of 4/],
    ["missing padding", "AAAAAA", /length 6 is not a multiple of 4/],
    ["padding in the middle", "AA==AAAA", /"=" before the end at offset 2/],
    ["three padding characters", "A===", /"=" before the end at offset 1/],
    ["a non-ASCII character", "AAA\u00e9", /character "é" at offset 3/],
    ["a character above U+00FF", "AAA\u4e00", /offset 3/],
    ["a character above U+00FF that masks to a valid one", "AAA\u0141", /offset 3/], // U+0141 & 0xFF is "A"
    ["a bad character in the padded group", "AAAA*A==", /character "\*" at offset 4/],
    ["a bad character before a single padding", "AAAAAA*=", /character "\*" at offset 6/],
  ];
  for (const [what, text, reason] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => decodeFloat32(text)).toThrow(Base64Error);
      expect(() => decodeFloat32(text)).toThrow(reason);
      expect(() => base64ByteLength(text)).toThrow(Base64Error);
    });
  }

  it("rejects valid base64 whose byte count is not a multiple of 4", () => {
    expect(() => decodeFloat32("AAAA")).toThrow(Base64Error); // 3 bytes
    expect(() => decodeFloat32("AAAA")).toThrow(/3 bytes, not a whole number of float32 values/);
    expect(() => decodeFloat32("AAAAAAA=")).toThrow(/5 bytes/);
  });

  it("accepts 4 bytes in 8 characters with two padding characters", () => {
    expect(decodeFloat32("AACAPw==")).toEqual(new Float32Array([1]));
  });
});

describe("byte codec", () => {
  it("matches Node's Buffer for every length and tail", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBytes(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(base64ByteLength(text)).toBe(bytes.length);
        expect(decodeBytes(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });
});

describe("tensorToRecord / recordToTensor", () => {
  it("round trips a tensor with its shape", () => {
    const t = new Tensor([2, 3], new Float32Array([1, -0, NaN, Infinity, 1e-45, -2.5]));
    const r = tensorToRecord(t);
    expect(r).toEqual({ dtype: "float32", shape: [2, 3], data: encodeFloat32(t.data) });
    const back = recordToTensor(r, "$.tensors.W");
    expect(back.shape).toEqual([2, 3]);
    expectSameFloats(back.data as Float32Array, t.data as Float32Array);
  });

  it("handles scalars and empty tensors", () => {
    expect(recordToTensor(tensorToRecord(new Tensor([], new Float32Array([7]))), "$").item()).toBe(7);
    const empty = recordToTensor(tensorToRecord(new Tensor([0, 4], new Float32Array(0))), "$");
    expect(empty.shape).toEqual([0, 4]);
  });

  it("reports a bad record at the member's path", () => {
    const path = "$.tensors.W1";
    const catchError = (f: () => unknown): FormatError => {
      try {
        f();
      } catch (e) {
        if (e instanceof FormatError) return e;
        throw e;
      }
      throw new Error("no error");
    };
    const three = encodeFloat32(new Float32Array([1, 2, 3]));
    let e = catchError(() => recordToTensor({ dtype: "float32", shape: [2, 2], data: three }, path));
    expect(e.path).toBe("$.tensors.W1.data");
    expect(e.reason).toMatch(/holds 3 float32 values.*needs 4 values/);
    e = catchError(() => recordToTensor({ dtype: "float32", shape: [3], data: "AA*A" }, path));
    expect(e.path).toBe("$.tensors.W1.data");
    expect(e.reason).toMatch(/invalid base64/);
    e = catchError(() => recordToTensor({ dtype: "float64" as "float32", shape: [3], data: three }, path));
    expect(e.path).toBe("$.tensors.W1.dtype");
    e = catchError(() => recordToTensor({ dtype: "float32", shape: [-3], data: three }, path));
    expect(e.path).toBe("$.tensors.W1.shape");
  });
});

describe("portability", () => {
  it("uses nothing Node-only (no Buffer, no node: imports) in the format code", () => {
    const files = ["base64.ts", "errors.ts", "schema.ts", "migrate.ts", "json.ts", "serialize.ts", "index.ts"].map((f) => `cells/format/${f}`);
    for (const file of [...files, "engine/base64.ts"]) {
      const text = readFileSync(new URL(`../../../${file}`, import.meta.url), "utf8");
      expect(text, file).not.toMatch(/\bBuffer\.|\bBuffer\(|from "node:|require\(/);
    }
  });
});
