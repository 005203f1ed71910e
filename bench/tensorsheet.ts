/** Our engine, driven through its public ops exactly as a sheet would. */
import {
  add, createOptimizer, fromBuffer, grad, matmul, matmulTransposed, noGrad, relu, softmax,
  sparse_categorical_crossentropy, type Tensor,
} from "../engine/index.ts";
import { matmulInputs, mlpInputs, type MatmulCase, type MlpCase, type Peer, type Runner } from "./cases.ts";

export const tensorsheet: Peer = {
  name: "tensorsheet",

  async activate() {},

  matmul(c: MatmulCase): Runner {
    const { a, b, aShape, bShape } = matmulInputs(c);
    const ta = fromBuffer(aShape, a);
    const tb = fromBuffer(bShape, b);
    const once = () => noGrad(() => matmulTransposed(ta, tb, c.transA, c.transB));
    return {
      run: () => void once(),
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
    const step = (): number => {
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
};
