import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "../../../engine/datasets/npy-write.ts";
import { isZip, parseNpz } from "../../../engine/datasets/npz.ts";
import { expectDatasetError } from "./helpers.ts";

const hasNumpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;

const weights = encodeNpy({ shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) });
const bias = encodeNpy({ shape: [3], data: Float32Array.of(-0.5, NaN, Infinity) });

/** What parseNpz found, as plain values. */
function arrays(bytes: Uint8Array, file = "model.npz") {
  return parseNpz(bytes, file).map((a) => ({ name: a.name, shape: a.tensor.shape, data: [...a.tensor.data] }));
}

describe("parseNpz", () => {
  it("reads each array of a zip with one deflated and one stored entry, in archive order", () => {
    const zip = zipSync({ "W.npy": [weights, { level: 9 }], "b.npy": [bias, { level: 0 }] });
    expect(arrays(zip)).toEqual([
      { name: "W", shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
      { name: "b", shape: [3], data: [-0.5, NaN, Infinity] },
    ]);
    expect(isZip(zip)).toBe(true);
  });

  it("refuses a file that is not a zip archive", () => {
    expect(isZip(weights)).toBe(false);
    expectDatasetError(() => parseNpz(weights, "w.npz"), "w.npz", 'not an .npz file: a NumPy .npz is a zip archive, which starts with the bytes 50 4b ("PK")');
  });

  it("refuses a truncated archive", () => {
    const zip = zipSync({ "W.npy": weights });
    expectDatasetError(() => parseNpz(zip.subarray(0, zip.length - 30), "cut.npz"), "cut.npz", "not a readable zip archive (invalid zip data)");
  });

  it("refuses an empty archive and an entry that is not .npy", () => {
    expectDatasetError(() => parseNpz(zipSync({}), "empty.npz"), "empty.npz", "holds no arrays: the archive is empty");
    const zip = zipSync({ "W.npy": weights, "notes.txt": new TextEncoder().encode("hi") });
    expectDatasetError(() => parseNpz(zip, "odd.npz"), "odd.npz", 'entry "notes.txt" is not a .npy array');
  });

  it("names both the archive and the entry when an array inside is broken", () => {
    const zip = zipSync({ "W.npy": weights.subarray(0, weights.length - 4) });
    expectDatasetError(() => parseNpz(zip, "model.npz"), "model.npz/W.npy", "truncated data");
  });

  it("refuses entries whose declared size passes the limit before inflating them", () => {
    const zip = zipSync({ "big.npy": [new Uint8Array(10_000), { level: 9 }] });
    expectDatasetError(() => parseNpz(zip, "bomb.npz", { maxBytes: 5_000, why: "test limit" }), "bomb.npz", "too large: its arrays inflate to more than 5000 bytes (test limit)");
  });

  it.skipIf(!hasNumpy)("reads what np.savez_compressed writes", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "npz-")), "np.npz");
    const script = `import numpy as np; np.savez_compressed(${JSON.stringify(file)}, a=np.arange(6, dtype=np.float64).reshape(2, 3), labels=np.array([3, 1], dtype=np.int64))`;
    expect(spawnSync("python3", ["-c", script], { encoding: "utf8" }).stderr).toBe("");
    expect(arrays(new Uint8Array(readFileSync(file)), "np.npz")).toEqual([
      { name: "a", shape: [2, 3], data: [0, 1, 2, 3, 4, 5] },
      { name: "labels", shape: [2], data: [3, 1] },
    ]);
  });
});
