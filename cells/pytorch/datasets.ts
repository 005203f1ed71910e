import { mnistSplit, MNIST_PIXELS, MNIST_SIDE, MNIST_SPLITS, unpackMnist } from "../../engine/datasets/index.ts";
import { npyBytes, type DataFile } from "./tensors.ts";

/**
 * The built-in MNIST as the script's mnist_images / mnist_labels read it: for each split, the
 * images (uint8 [N, 28, 28]) and labels (uint8 [N]) in the sheet's fixed split order, so the
 * script needs neither the packed file nor the permutation.
 */
export function mnistFiles(packed: Uint8Array): DataFile[] {
  const mnist = unpackMnist(packed);
  const split = mnistSplit(mnist.count);
  return MNIST_SPLITS.flatMap((name) => {
    const indices = split[name];
    const images = new Uint8Array(indices.length * MNIST_PIXELS);
    const labels = new Uint8Array(indices.length);
    indices.forEach((j, i) => {
      labels[i] = mnist.labels[j]!;
      images.set(mnist.images.subarray(j * MNIST_PIXELS, (j + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    });
    return [
      { name: `mnist_${name}_images.npy`, bytes: npyBytes([indices.length, MNIST_SIDE, MNIST_SIDE], images) },
      { name: `mnist_${name}_labels.npy`, bytes: npyBytes([indices.length], labels) },
    ];
  });
}
