/** Our engine, driven through its public ops exactly as a sheet would. */
import {
  add, BufferArena, createOptimizer, fromBuffer, gemmFma, gemmThreads, grad, kernelVariantName, matmul, matmulTransposed, noGrad, relu, softmax,
  sparse_categorical_crossentropy, stopGemmThreads, type Tensor,
} from "../engine/index.ts";
import { matmulInputs, mlpInputs, type MatmulCase, type MlpCase, type Peer, type Runner } from "./cases.ts";
import { conv2dForward, convnetStep } from "./convnet-step.ts";

/** Starts helper threads so `threads` share large products (Node: worker_threads, browser: Web Workers). */
export type StartThreads = (threads: number) => Promise<number>;

/**
 * Our engine on `threads` threads: one (the default column, "tensorsheet"), or more with helper
 * threads splitting every large matrix product (a column of its own, e.g. "tensorsheet 2 threads").
 */
export function tensorsheetPeer(threads = 1, startThreads?: StartThreads): Peer {
  return {
    ...tensorsheet,
    name: threads === 1 ? "tensorsheet" : `tensorsheet ${threads} threads`,
    describe: () => `${threads === 1 ? "tensorsheet" : `tensorsheet ${threads} threads`}: ${kernelVariantName()}, `
      + `relaxed-SIMD FMA kernel ${gemmFma() ? "used" : "NOT used (no relaxed SIMD here)"}, ${gemmThreads()} thread${gemmThreads() === 1 ? "" : "s"}`,
    async activate() {
      if (threads === 1) {
        stopGemmThreads();
        return;
      }
      if (gemmThreads() === threads) return;
      const got = startThreads ? await startThreads(threads) : 1;
      if (got !== threads) {
        stopGemmThreads();
        throw new Error(`tensorsheet: could not start ${threads} threads (got ${got}); shared memory needs cross-origin isolation in a browser`);
      }
    },
  };
}

export const tensorsheet: Peer = {
  name: "tensorsheet",

  async activate() {
    stopGemmThreads();
  },

  matmul(c: MatmulCase): Runner {
    const { a, b, aShape, bShape } = matmulInputs(c);
    const ta = fromBuffer(aShape, a);
    const tb = fromBuffer(bShape, b);
    const once = () => noGrad(() => matmulTransposed(ta, tb, c.transA, c.transB));
    // Outputs come from a recycled buffer, as in a training step (and as tfjs-wasm reuses its
    // heap): a fresh 1.6 MB Float32Array per product costs Chromium ~25% on the TN shape.
    const arena = new BufferArena();
    return {
      run: () => void arena.step(once),
      probe: () => new Float32Array(once().data),
      dispose() {},
    };
  },

  mlpStep(c: MlpCase): Runner {
    const init = mlpInputs(c);
    const x = fromBuffer([c.batch, c.inputs], init.x);
    const labels = fromBuffer([c.batch], Float32Array.from(init.labels));
    // Params live in buffers the optimizer updates in place, as in cells/training/run.ts.
    const shapes = [[c.inputs, c.hidden], [c.hidden], [c.hidden, c.classes], [c.classes]];
    const buffers = [init.w1, init.b1, init.w2, init.b2].map((d) => Float32Array.from(d));
    const optimizer = createOptimizer({ kind: "rmsprop", lr: c.lr });
    // As TrainingRun does: each step's tensors come from buffers recycled from the last step.
    const arena = new BufferArena();
    const step = (): number => arena.step(oneStep);
    const oneStep = (): number => {
      const params = buffers.map((d, i) => fromBuffer(shapes[i]!, d));
      const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
      const h = relu(add(matmul(x, w1), b1));
      const probs = softmax(add(matmul(h, w2), b2));
      const loss = sparse_categorical_crossentropy(labels, probs);
      const grads = grad(loss, params);
      optimizer.stepInPlace(buffers, grads.map((g) => g.data));
      return loss.item();
    };
    return {
      run: () => void step(),
      probe: () => Float32Array.of(step()),
      dispose() {},
    };
  },

  convnetStep,
  conv2d: conv2dForward,
};
