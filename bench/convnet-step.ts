/** Our engine on the convnet workloads, through its public ops exactly as the convnet sheet runs them. */
import {
  add, BufferArena, conv2d, createOptimizer, fromBuffer, grad, matmul, max_pool2d, noGrad, relu, reshape, softmax,
  sparse_categorical_crossentropy, type Tensor,
} from "../engine/index.ts";
import type { Runner } from "./cases.ts";
import { convForwardInputs, convnetInputs, type ConvForwardCase, type ConvnetCase } from "./convnet-cases.ts";

export function convnetStep(c: ConvnetCase): Runner {
  const init = convnetInputs(c);
  const x = fromBuffer([c.batch, c.side, c.side, 1], init.x);
  const labels = fromBuffer([c.batch], Float32Array.from(init.labels));
  // Params live in buffers the optimizer updates in place, as in cells/training/run.ts.
  const buffers = init.params.map((d) => Float32Array.from(d));
  const optimizer = createOptimizer({ kind: "rmsprop", lr: c.lr });
  // As TrainingRun does: each step's tensors come from buffers recycled from the last step.
  const arena = new BufferArena();
  const oneStep = (): number => {
    const params = buffers.map((d, i) => fromBuffer(init.shapes[i]!, d));
    const [k1, c1, k2, c2, k3, c3, w, b] = params as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
    const conv1 = relu(add(conv2d(x, k1), c1));
    const conv2 = relu(add(conv2d(max_pool2d(conv1, 2), k2), c2));
    const conv3 = relu(add(conv2d(max_pool2d(conv2, 2), k3), c3));
    const probs = softmax(add(matmul(reshape(conv3, [c.batch, c.flat]), w), b));
    const loss = sparse_categorical_crossentropy(labels, probs);
    const grads = grad(loss, params);
    optimizer.stepInPlace(buffers, grads.map((g) => g.data));
    return loss.item();
  };
  const step = (): number => arena.step(oneStep);
  return {
    run: () => void step(),
    probe: () => Float32Array.of(step(), step()),
    dispose() {},
  };
}

export function conv2dForward(c: ConvForwardCase): Runner {
  const { x, kernel } = convForwardInputs(c);
  const tx = fromBuffer(c.x, x);
  const tk = fromBuffer(c.kernel, kernel);
  const once = () => noGrad(() => conv2d(tx, tk));
  // Outputs come from a recycled buffer, as in a training step (and as tfjs-wasm reuses its heap).
  const arena = new BufferArena();
  return {
    run: () => void arena.step(once),
    probe: () => new Float32Array(once().data),
    dispose() {},
  };
}
