// Data sets for the engine. Browser-, worker- and Node-safe; Node-only helpers live in *.node.ts
// (gunzip.node.ts, mnist-build.node.ts) and must be imported directly. (The vite plugin that
// writes the browser asset is build tooling: tools/mnist-vite-plugin.node.ts.)
export { DatasetError } from "./errors.ts";
export { MAX_ELEMENTS } from "./decode.ts";
export { defaultInflateLimit, isGzip, maybeGunzip, type Gunzip, type InflateLimit } from "./gzip.ts";
export { gunzipWeb } from "./gunzip.web.ts";
export { parseIdx, loadIdx } from "./idx.ts";
export { parseNpy, loadNpy } from "./npy.ts";
export { encodeNpy, type NpyArray } from "./npy-write.ts";
export { isZip, parseNpz, type NpzArray } from "./npz.ts";
export {
  packMnist,
  unpackMnist,
  mnistSplit,
  mnistTensors,
  MNIST_MAGIC,
  MNIST_SIDE,
  MNIST_PIXELS,
  MNIST_CLASSES,
  MNIST_SPLIT_SEED,
  MNIST_SPLIT_STREAM,
  MNIST_TRAIN_COUNT,
  MNIST_SPLITS,
  type MnistSplitName,
  type UnpackedMnist,
} from "./mnist-pack.ts";
export { fetchMnistBytes } from "./mnist-web.ts";
