/** The workloads, and the inputs every peer gets: identical values, so outputs can be cross-checked. */
import type { ConvForwardCase, ConvnetCase } from "./convnet-cases.ts";
import { lcg, uniform } from "./random.ts";

export interface MatmulCase {
  /** Row label. */
  label: string;
  /** What is multiplied, in plain words. */
  note: string;
  M: number;
  K: number;
  N: number;
  transA: boolean;
  transB: boolean;
}

/** Stored layouts: A is [M,K], or [K,M] when transA; B is [K,N], or [N,K] when transB. */
export const MATMUL_CASES: readonly MatmulCase[] = [
  { label: "matmul NN 128×784×512", note: "A[128,784]·B[784,512] (dense forward x·W₁)", M: 128, K: 784, N: 512, transA: false, transB: false },
  { label: "matmul TN 784×128×512", note: "Aᵀ·B, A stored [128,784], B[128,512] → [784,512] (dW₁ = xᵀ·g)", M: 784, K: 128, N: 512, transA: true, transB: false },
  { label: "matmul NT 128×512×784", note: "A·Bᵀ, A[128,512], B stored [784,512] → [128,784] (dx = g·W₁ᵀ)", M: 128, K: 512, N: 784, transA: false, transB: true },
  { label: "matmul NN 512×512×512", note: "A[512,512]·B[512,512]", M: 512, K: 512, N: 512, transA: false, transB: false },
];

export interface MatmulInputs {
  a: Float32Array;
  b: Float32Array;
  aShape: [number, number];
  bShape: [number, number];
}

export function matmulInputs(c: MatmulCase): MatmulInputs {
  const rng = lcg(c.M * 7 + c.K * 13 + c.N);
  return {
    a: uniform(c.M * c.K, -1, 1, rng),
    b: uniform(c.K * c.N, -1, 1, rng),
    aShape: c.transA ? [c.K, c.M] : [c.M, c.K],
    bShape: c.transB ? [c.N, c.K] : [c.K, c.N],
  };
}

export function gflops(c: MatmulCase, ms: number): number {
  return (2 * c.M * c.N * c.K) / (ms * 1e6);
}

/** Dense(512, relu) → Dense(10) → softmax → sparse categorical crossentropy, RMSprop. */
export interface MlpCase {
  label: string;
  note: string;
  batch: number;
  inputs: number;
  hidden: number;
  classes: number;
  lr: number;
}

export const MLP_CASE: MlpCase = {
  label: "MLP train step, samples/s",
  note: "784-512(relu)-10 softmax, sparse CE, batch 128, RMSprop lr 0.001: forward + backward + update",
  batch: 128,
  inputs: 784,
  hidden: 512,
  classes: 10,
  lr: 0.001,
};

export interface MlpInputs {
  x: Float32Array;
  /** Class indices. */
  labels: Int32Array;
  /** Glorot-uniform weights, zero biases, as Keras initializes Dense. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export function mlpInputs(c: MlpCase): MlpInputs {
  const rng = lcg(784);
  const limit1 = Math.sqrt(6 / (c.inputs + c.hidden));
  const limit2 = Math.sqrt(6 / (c.hidden + c.classes));
  const labels = new Int32Array(c.batch);
  for (let i = 0; i < c.batch; i++) labels[i] = Math.floor(rng() * c.classes);
  return {
    x: uniform(c.batch * c.inputs, 0, 1, rng),
    labels,
    w1: uniform(c.inputs * c.hidden, -limit1, limit1, rng),
    b1: new Float32Array(c.hidden),
    w2: uniform(c.hidden * c.classes, -limit2, limit2, rng),
    b2: new Float32Array(c.classes),
  };
}

/** Runs a workload once per call; `probe` runs it once more and returns values to cross-check. */
export interface Runner {
  run(): void;
  probe(): Float32Array;
  dispose(): void;
}

export interface Peer {
  readonly name: string;
  /** Set up the backend; also where a peer makes itself the active one. */
  activate(): Promise<void>;
  /** Once activated: the build it runs, for the table's header (e.g. which tfjs-wasm binary, how many threads). */
  describe?(): Promise<string> | string;
  matmul(c: MatmulCase): Runner;
  /** `probe` takes one step from the initial parameters and returns its loss. */
  mlpStep(c: MlpCase): Runner;
  /**
   * `probe` takes two steps from the initial parameters and returns both losses (the second checks
   * the update). Absent where a peer is too slow to measure (tfjs-cpu: ~40 s a step).
   */
  convnetStep?(c: ConvnetCase): Runner;
  /** `probe` returns the output. Absent like `convnetStep`. */
  conv2d?(c: ConvForwardCase): Runner;
}
