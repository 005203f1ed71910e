/**
 * TensorFlow.js on the convnet workloads, with tf ops on whichever backend is active (cpu or wasm).
 *
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so tf.conv2d's own gradient cannot
 * train a kernel there. Where it is missing, the convolution's kernel gradient is computed with
 * the backend's forward convolution instead (XNNPACK on wasm), which is how TensorFlow itself
 * can express it: dK[i,j,c,f] = Σ x[n,i+a,j+b,c]·dy[n,a,b,f] is conv2d(xᵀ, dyᵀ) with the batch
 * as the channel axis. `kernelGradVia` says which route a run takes, for the row's note.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Runner } from "../cases.ts";
import { convForwardInputs, convnetInputs, type ConvForwardCase, type ConvnetCase } from "../convnet-cases.ts";

/** The same clip Keras (and our sparse_categorical_crossentropy) applies before the log. */
const EPSILON = 1e-7;

export type KernelGradRoute = "Conv2DBackpropFilter" | "conv2d on transposed operands";

export function kernelGradVia(): KernelGradRoute {
  return tf.getKernel("Conv2DBackpropFilter", tf.getBackend()) ? "Conv2DBackpropFilter" : "conv2d on transposed operands";
}

/** dK of a valid, stride-1 convolution: x [N,H,W,C], dy [N,OH,OW,F] → [kh,kw,C,F]. */
function kernelGrad(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const xt = tf.transpose(x, [3, 1, 2, 0]); // [C, H, W, N]: the batch becomes the channels
  const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, N, F]: a kernel over the batch
  return tf.transpose(tf.conv2d(xt, dyt, 1, "valid"), [1, 2, 0, 3]);
}

/**
 * A valid, stride-1 conv2d whose gradient never needs Conv2DBackpropFilter. The input gradient
 * is tf.conv2dTranspose (Conv2DBackpropInput), skipped for the first layer, whose input is data,
 * as tf.conv2d's own gradient skips it.
 */
function convWithoutBackpropFilter(needsInputGrad: boolean): (x: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x4, k4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x4, k4]);
    return {
      value: tf.conv2d(x4, k4, 1, "valid"),
      gradFunc: (dy, saved) => {
        const [xs, ks] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dx = needsInputGrad ? tf.conv2dTranspose(dy as tf.Tensor4D, ks, xs.shape, 1, "valid") : tf.zerosLike(xs);
        return [dx, kernelGrad(xs, dy as tf.Tensor4D)];
      },
    };
  }) as (x: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D;
}

export function tfjsConvnetStep(c: ConvnetCase): Runner {
  const init = convnetInputs(c);
  const x = tf.tensor4d(init.x, [c.batch, c.side, c.side, 1]);
  const labels = tf.tensor1d(init.labels, "int32");
  const vars = init.params.map((d, i) => tf.variable(tf.tensor(d, init.shapes[i]!)));
  const [k1, c1, k2, c2, k3, c3, w, b] = vars as tf.Variable[];
  const native = kernelGradVia() === "Conv2DBackpropFilter";
  const conv = (needsInputGrad: boolean) =>
    native ? (xs: tf.Tensor4D, k: tf.Tensor4D) => tf.conv2d(xs, k, 1, "valid") : convWithoutBackpropFilter(needsInputGrad);
  const [conv1, conv2, conv3] = [conv(false), conv(true), conv(true)];
  // Keras RMSprop defaults: rho 0.9, no momentum, epsilon 1e-7 (inside the square root, as tfjs).
  const optimizer = tf.train.rmsprop(c.lr, 0.9, 0, EPSILON);
  const loss = (): tf.Scalar => {
    const pool = (h: tf.Tensor4D) => tf.maxPool(h, 2, 2, "valid");
    const layer = (h: tf.Tensor4D) => tf.relu(h) as tf.Tensor4D;
    const h1 = layer(tf.add(conv1(x, k1 as tf.Tensor4D), c1!));
    const h2 = layer(tf.add(conv2(pool(h1), k2 as tf.Tensor4D), c2!));
    const h3 = layer(tf.add(conv3(pool(h2), k3 as tf.Tensor4D), c3!));
    const probs = tf.softmax(tf.add(tf.matMul(tf.reshape(h3, [c.batch, c.flat]), w as tf.Tensor2D), b!));
    const p = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, c.classes), tf.log(p)), -1))) as tf.Scalar;
  };
  const step = (): number => {
    const cost = optimizer.minimize(loss, true, vars)!;
    const value = cost.dataSync()[0]!;
    cost.dispose();
    return value;
  };
  return {
    run: () => void step(),
    probe: () => Float32Array.of(step(), step()),
    dispose() {
      optimizer.dispose();
      tf.dispose([x, labels, ...vars]);
    },
  };
}

export function tfjsConv2d(c: ConvForwardCase): Runner {
  const { x, kernel } = convForwardInputs(c);
  const tx = tf.tensor4d(x, [...c.x]);
  const tk = tf.tensor4d(kernel, [...c.kernel]);
  return tfjsOpRunner(() => tf.conv2d(tx, tk, 1, "valid"), [tx, tk]);
}

/** One tfjs op on fixed inputs as a bench runner; the inputs are freed with it. */
export function tfjsOpRunner(once: () => tf.Tensor, inputs: tf.Tensor[]): Runner {
  return {
    run() {
      // dataSync waits for the result the same way for every backend; the copy is <1% here.
      const out = once();
      out.dataSync();
      out.dispose();
    },
    probe() {
      const out = once();
      const values = new Float32Array(out.dataSync());
      out.dispose();
      return values;
    },
    dispose: () => tf.dispose(inputs),
  };
}
