import { Tensor } from "./tensor.ts";
import type { Shape } from "./shape.ts";

/**
 * Vector-Jacobian product of one op: given the gradient of the output, return the gradient of each
 * input. `needs[i]` is false when nothing requested depends on input i; return null there so the
 * backward pass skips work nobody reads (e.g. the gradient of the data in `dot(x, W)`).
 */
export type Backward = (gradOutput: Tensor, needs: readonly boolean[]) => readonly (Tensor | null)[];

/** One recorded op: the edge list of the computation graph. */
export interface GraphNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly backward: Backward;
}

let recording = true;

export function isRecording(): boolean {
  return recording;
}

/** Run `fn` without recording ops, like `torch.no_grad()`: for optimizer updates and inference. */
export function noGrad<T>(fn: () => T): T {
  return withRecording(false, fn);
}

export function withRecording<T>(on: boolean, fn: () => T): T {
  const saved = recording;
  recording = on;
  try {
    return fn();
  } finally {
    recording = saved;
  }
}

/** The result of an op: recorded with its inputs and VJP when recording, a plain leaf otherwise. */
export function record(op: string, shape: Shape, data: Float32Array, inputs: readonly Tensor[], backward: Backward): Tensor {
  return new Tensor(shape, data, recording ? { op, inputs, backward } : null);
}
