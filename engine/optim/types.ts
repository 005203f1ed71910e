import type { Tensor } from "../tensor.ts";

export type OptimizerKind = "sgd" | "momentum" | "nesterov" | "adagrad" | "rmsprop" | "adam";

/** What a user writes; omitted hyperparameters take the Keras 3 defaults for the kind. */
export interface OptimizerConfig {
  kind: OptimizerKind;
  lr?: number;
  momentum?: number;
  rho?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  initialAccumulator?: number;
}

/** Every hyperparameter the kind uses, as a number; nothing else. */
export type ResolvedOptimizerConfig =
  | { kind: "sgd"; lr: number }
  | { kind: "momentum" | "nesterov"; lr: number; momentum: number }
  | { kind: "adagrad"; lr: number; initialAccumulator: number; epsilon: number }
  | { kind: "rmsprop"; lr: number; rho: number; momentum: number; epsilon: number }
  | { kind: "adam"; lr: number; beta1: number; beta2: number; epsilon: number };

/** Plain data (structured-clone friendly); see serialize.ts for a JSON form. */
export interface OptimizerState {
  kind: OptimizerKind;
  config: ResolvedOptimizerConfig;
  /** Steps taken so far (Keras `optimizer.iterations`). */
  iterations: number;
  /** slots[i] = the per-element buffers of param i, in the rule's slot order (e.g. Adam: [m, v]). */
  slots: Float32Array[][];
}

export interface Optimizer {
  readonly config: Readonly<ResolvedOptimizerConfig>;
  /** In-place update of raw param buffers (the training loop owns them; avoids per-step allocation). */
  stepInPlace(params: Float32Array[], grads: readonly Readonly<Float32Array>[]): void;
  /** Functional form: returns new Tensors, inputs untouched (the optimizer's own state still advances). */
  apply(params: readonly Tensor[], grads: readonly Tensor[]): Tensor[];
  /** Deep copy of the state as plain data. */
  state(): OptimizerState;
}

/**
 * One optimizer's per-element arithmetic. `update` reads and writes float32 buffers but computes
 * in float64; a slot value is rounded to float32 when stored and that stored value is what later
 * terms read, as Keras's float32 variables do.
 */
export interface UpdateRule<C extends ResolvedOptimizerConfig = ResolvedOptimizerConfig> {
  /** Initial value of each slot buffer (its count is the number of slots). */
  slotInits(config: C): number[];
  /** `step` is 1-based: Keras's `iterations + 1`. */
  update(config: C, step: number, param: Float32Array, grad: Readonly<Float32Array>, slots: Float32Array[]): void;
}
