import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNpy } from "../../../engine/datasets/npy.ts";
import { encodeNpy } from "../../../engine/datasets/npy-write.ts";
import { expectDatasetError } from "./helpers.ts";

const hasNumpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;

function roundTrip(shape: number[], values: number[]): { shape: readonly number[]; data: Float32Array } {
  const data = Float32Array.from(values);
  const bytes = encodeNpy({ shape, data });
  const back = parseNpy(bytes, "t.npy");
  return { shape: back.shape, data: Float32Array.from(back.data) };
}

describe("encodeNpy", () => {
  it("writes a scalar that reads back with shape []", () => {
    expect(roundTrip([], [2.5])).toEqual({ shape: [], data: Float32Array.of(2.5) });
  });

  it("writes a vector with NaN and ±Inf bit for bit", () => {
    const back = roundTrip([3], [NaN, Infinity, -Infinity]);
    expect(back.shape).toEqual([3]);
    expect([...back.data]).toEqual([NaN, Infinity, -Infinity]);
  });

  it("writes a [2, 3, 4] tensor in C order", () => {
    const values = Array.from({ length: 24 }, (_, i) => i / 7 - 1);
    const back = roundTrip([2, 3, 4], values);
    expect(back.shape).toEqual([2, 3, 4]);
    expect(back.data).toEqual(Float32Array.from(values));
  });

  it("writes format 1.0 with a '<f4' header padded to 64 bytes and ending in a newline", () => {
    const bytes = encodeNpy({ shape: [3], data: Float32Array.of(1, 2, 3) });
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8]! | (bytes[9]! << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder("latin1").decode(bytes.subarray(10, 10 + headerLength));
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    expect(header.endsWith("\n")).toBe(true);
    expect(bytes.length).toBe(10 + headerLength + 12);
    expect(new DataView(bytes.buffer).getFloat32(10 + headerLength + 8, true)).toBe(3);
  });

  it("refuses values that do not fill the shape", () => {
    expectDatasetError(() => encodeNpy({ shape: [2, 2], data: Float32Array.of(1, 2, 3) }, "w.npy"), "w.npy", "shape [2, 2] holds 4 values, but 3 were given");
  });

  it.skipIf(!hasNumpy)("is read by NumPy's np.load as the same float32 array", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "npy-write-"));
    const file = path.join(dir, "t.npy");
    writeFileSync(file, encodeNpy({ shape: [2, 3], data: Float32Array.of(0.1, -2, NaN, Infinity, 1e-30, 3.5) }));
    const script = `import numpy as np; a = np.load(${JSON.stringify(file)}); print(a.dtype, a.shape, a.tolist())`;
    const out = spawnSync("python3", ["-c", script], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.stdout.trim()).toBe("float32 (2, 3) [[0.10000000149011612, -2.0, nan], [inf, 1.0000000031710769e-30, 3.5]]");
  });
});
