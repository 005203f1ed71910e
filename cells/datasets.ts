import type { Tensor } from "../engine/index.ts";
import { mnistTensors, unpackMnist, type MnistSplitName, MNIST_SPLITS } from "../engine/datasets/index.ts";
import type { EvalContext } from "./language/compile.ts";
import { callsOf } from "./language/calls.ts";
import { parseCellOnce } from "./language/parse-cache.ts";
import { CellError } from "./errors.ts";

export type DatasetProvider = NonNullable<EvalContext["dataset"]>;

/** `mnist_images(split)` / `mnist_labels(split)` over the packed built-in MNIST, unpacked once per split. */
export function mnistProvider(packed: Uint8Array): DatasetProvider {
  const unpacked = unpackMnist(packed);
  const cache = new Map<string, { images: Tensor; labels: Tensor }>();
  return (fn, split) => {
    if (fn === "dataset") throw new CellError("name", `no dataset named "${split}" is loaded here`);
    if (!(MNIST_SPLITS as readonly string[]).includes(split)) {
      throw new CellError("value", `${fn}: unknown split "${split}"; use ${MNIST_SPLITS.map((s) => `"${s}"`).join(" or ")}`);
    }
    let tensors = cache.get(split);
    if (tensors === undefined) {
      tensors = mnistTensors(unpacked, split as MnistSplitName);
      cache.set(split, tensors);
    }
    return fn === "mnist_images" ? tensors.images : tensors.labels;
  };
}

/** The functions that read the built-in MNIST. */
const MNIST_FUNCTIONS: readonly string[] = ["mnist_images", "mnist_labels"];

/** Whether a cell calling these functions reads the built-in dataset. */
export function callsMnist(calls: ReadonlySet<string>): boolean {
  return MNIST_FUNCTIONS.some((fn) => calls.has(fn));
}

/**
 * Whether a sheet's cell sources read the built-in dataset, so callers load it only when needed.
 * A source that does not parse reads nothing: its cell shows the parse error either way.
 */
export function usesMnist(sources: readonly string[]): boolean {
  return sources.some((s) => callsMnist(callsOf(parseCellOnce(s).expr)));
}
