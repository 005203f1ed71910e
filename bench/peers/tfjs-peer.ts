/**
 * TensorFlow.js 4.22 with its CPU (plain JS) or WASM (XNNPACK, SIMD) backend, as a baseline: the
 * workloads, the same in Node and in the browser. What differs (registering the gradients, where
 * the .wasm binaries are) is done by the environment's module: ./tfjs.ts (Node) or
 * ./tfjs-browser.ts, which calls `tfjsPeer` with its own `configureWasm`.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { matmulInputs, mlpInputs, type MatmulCase, type MlpCase, type Peer, type Runner } from "../cases.ts";
import { kernelGradVia, tfjsConv2d, tfjsConvnetStep, tfjsOpRunner } from "./tfjs-convnet.ts";

// Production mode, as a deployed app would run; it also silences the "install tfjs-node" banner.
tf.env().set("PROD", true);

/** The same clip Keras (and our sparse_categorical_crossentropy) applies before the log. */
const EPSILON = 1e-7;

/**
 * `configureWasm` runs before every activation of the WASM backend (so it must be idempotent): it
 * tells the backend where its binaries are and how many threads to run (setThreadsCount), both of
 * which must precede the first `tf.setBackend("wasm")`. `threads` > 1 is the browser's threaded
 * SIMD build, which needs a realm of its own: the backend is one per realm.
 */
export function tfjsPeer(backend: "cpu" | "wasm", configureWasm: () => void, threads = 1): Peer {
  return {
    name: `tfjs-${backend}${threads > 1 ? ` ${threads} threads` : ""}`,

    async activate() {
      if (backend === "wasm") configureWasm();
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialize`);
      await tf.ready();
      if (backend === "wasm" && getThreadsCount() !== threads) throw new Error(`tfjs-wasm runs ${getThreadsCount()} threads, want ${threads}`);
    },

    ...(backend === "wasm" ? { describe: describeWasm } : {}),

    matmul(c: MatmulCase): Runner {
      const { a, b, aShape, bShape } = matmulInputs(c);
      const ta = tf.tensor2d(a, aShape);
      const tb = tf.tensor2d(b, bShape);
      return tfjsOpRunner(() => tf.matMul(ta, tb, c.transA, c.transB), [ta, tb]);
    },

    mlpStep(c: MlpCase): Runner {
      const init = mlpInputs(c);
      const x = tf.tensor2d(init.x, [c.batch, c.inputs]);
      const labels = tf.tensor1d(init.labels, "int32");
      const w1 = tf.variable(tf.tensor2d(init.w1, [c.inputs, c.hidden]));
      const b1 = tf.variable(tf.tensor1d(init.b1));
      const w2 = tf.variable(tf.tensor2d(init.w2, [c.hidden, c.classes]));
      const b2 = tf.variable(tf.tensor1d(init.b2));
      // Keras RMSprop defaults: rho 0.9, no momentum, epsilon 1e-7.
      const optimizer = tf.train.rmsprop(c.lr, 0.9, 0, EPSILON);
      const loss = (): tf.Scalar => {
        const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
        const probs = tf.softmax(tf.add(tf.matMul(h, w2), b2));
        const p = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, c.classes), tf.log(p)), -1))) as tf.Scalar;
      };
      const step = (): number => {
        const cost = optimizer.minimize(loss, true, [w1, b1, w2, b2])!;
        const value = cost.dataSync()[0]!;
        cost.dispose();
        return value;
      };
      return {
        run: () => void step(),
        probe: () => Float32Array.of(step()),
        dispose() {
          optimizer.dispose();
          tf.dispose([x, labels, w1, b1, w2, b2]);
        },
      };
    },

    // tfjs-cpu's convolution gradients are naive loops: a convnet step takes ~40 s there.
    ...(backend === "wasm" ? { convnetStep: tfjsConvnetStep, conv2d: tfjsConv2d } : {}),
  };
}

/**
 * Which binary tfjs-wasm loaded, by the rule its init() follows: the threaded SIMD build when both
 * flags hold, the SIMD build when only SIMD does, else the plain one (a far slower baseline, which
 * the line then says).
 */
async function describeWasm(): Promise<string> {
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threads = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  const binary = simd && threads ? "tfjs-backend-wasm-threaded-simd.wasm" : simd ? "tfjs-backend-wasm-simd.wasm" : "tfjs-backend-wasm.wasm";
  const count = getThreadsCount();
  // tfjs caps its pool at half the cores it is told of; see letXnnpackUse in ./tfjs-browser.ts.
  const cores = count > 1 ? ` (navigator.hardwareConcurrency as tfjs reads it: ${navigator.hardwareConcurrency})` : "";
  return `tfjs-wasm${count > 1 ? ` ${count} threads` : ""}: ${binary} (WASM_HAS_SIMD_SUPPORT ${simd}, `
    + `WASM_HAS_MULTITHREAD_SUPPORT ${threads}), getThreadsCount() ${count}${cores}${simd ? "" : "; NO SIMD: not a fair baseline"}; `
    + `convolution kernel gradient via ${kernelGradVia()}`;
}
