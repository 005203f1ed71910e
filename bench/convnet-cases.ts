/**
 * The convnet workloads (issue 15, "Targets"), and the inputs every peer gets: identical values, so
 * losses and outputs can be cross-checked. The model is the book's first convnet (chapter 8), as
 * public/examples/08-convnet.tensorsheet.json lays it out.
 */
import { lcg, uniform } from "./random.ts";

/** [N, H, W, C] images and [kh, kw, C, F] kernels, as in Keras (NHWC, "valid" padding, stride 1). */
export type Nhwc = readonly [number, number, number, number];

/**
 * Conv2D(32, 3, relu) → MaxPool(2) → Conv2D(64, 3, relu) → MaxPool(2) → Conv2D(128, 3, relu) →
 * Flatten → Dense(10, softmax), sparse categorical crossentropy, RMSprop.
 */
export interface ConvnetCase {
  label: string;
  note: string;
  batch: number;
  /** Height = width of the one-channel input images. */
  side: number;
  /** Filters of the three 3×3 convolutions. */
  filters: readonly [number, number, number];
  /** Features into the dense layer: 3·3·128. */
  flat: number;
  classes: number;
  lr: number;
}

export const CONVNET_CASE: ConvnetCase = {
  label: "convnet train step, samples/s",
  note: "the book's convnet: [64,28,28,1] → conv 3×3·32 relu, max_pool 2, conv 3×3·64 relu, max_pool 2, conv 3×3·128 relu, "
    + "flatten 1152, dense 10 softmax; sparse CE, batch 64, RMSprop lr 0.001: forward + backward + update. "
    + "Targets: ≥ 1,100 on 1 thread, ≥ 1,800 on 2 threads, ≥ 3× tfjs-wasm. tfjs-cpu not run (~40 s a step)",
  batch: 64,
  side: 28,
  filters: [32, 64, 128],
  flat: 1152,
  classes: 10,
  lr: 0.001,
};

export interface ConvnetInputs {
  /** [batch, 28, 28, 1], values in [0, 1] like MNIST / 255. */
  x: Float32Array;
  /** Class indices. */
  labels: Int32Array;
  /** Kernels and biases in order: k1, c1, k2, c2, k3, c3, w (dense), b. */
  params: Float32Array[];
  shapes: number[][];
}

/** The parameter shapes, in the order of `ConvnetInputs.params`. */
export function convnetShapes(c: ConvnetCase): number[][] {
  const [f1, f2, f3] = c.filters;
  return [[3, 3, 1, f1], [f1], [3, 3, f1, f2], [f2], [3, 3, f2, f3], [f3], [c.flat, c.classes], [c.classes]];
}

/** Glorot-uniform kernels (fans as Keras counts them: receptive field × channels), zero biases. */
export function convnetInputs(c: ConvnetCase): ConvnetInputs {
  const rng = lcg(28 * 28);
  const labels = new Int32Array(c.batch);
  for (let i = 0; i < c.batch; i++) labels[i] = Math.floor(rng() * c.classes);
  const x = uniform(c.batch * c.side * c.side, 0, 1, rng);
  const shapes = convnetShapes(c);
  const params = shapes.map((shape) => {
    if (shape.length === 1) return new Float32Array(shape[0]!);
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const fanIn = shape.at(-2)! * receptive;
    const fanOut = shape.at(-1)! * receptive;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return uniform(shape.reduce((a, b) => a * b, 1), -limit, limit, rng);
  });
  return { x, labels, params, shapes };
}

/** One convolution's forward pass at batch 64: the shapes each layer of the convnet sees. */
export interface ConvForwardCase {
  label: string;
  note: string;
  x: Nhwc;
  kernel: Nhwc;
}

const convCase = (layer: number, x: Nhwc, kernel: Nhwc): ConvForwardCase => ({
  label: `conv2d forward, layer ${layer}, ms per call`,
  note: `x[${x.join(",")}]·k[${kernel.join(",")}], valid, stride 1 (no bias); lower is better, ratio = tfjs-wasm ms ÷ ours. `
    + "Target: ours at least as fast on one thread. tfjs-cpu not run",
  x,
  kernel,
});

export const CONV_FORWARD_CASES: readonly ConvForwardCase[] = [
  convCase(1, [64, 28, 28, 1], [3, 3, 1, 32]),
  convCase(2, [64, 13, 13, 32], [3, 3, 32, 64]),
  convCase(3, [64, 5, 5, 64], [3, 3, 64, 128]),
];

export interface ConvForwardInputs {
  x: Float32Array;
  kernel: Float32Array;
}

export function convForwardInputs(c: ConvForwardCase): ConvForwardInputs {
  const rng = lcg(c.x[1] * 31 + c.kernel[3]);
  const size = (s: Nhwc) => s[0] * s[1] * s[2] * s[3];
  return { x: uniform(size(c.x), 0, 1, rng), kernel: uniform(size(c.kernel), -0.1, 0.1, rng) };
}
