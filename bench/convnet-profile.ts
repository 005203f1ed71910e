/**
 * Where a convnet training step's time goes (issue 15's speed targets): the convnet sheet's model
 * (public/examples/08-convnet.tensorsheet.json) built straight on the engine, trained on random
 * digits, timed per op and per phase (forward, backward, update) with the same buffer arena the
 * training loop uses. Not part of `npm run bench`: a tool for finding what to make faster.
 *
 *   npx tsx bench/convnet-profile.ts [--threads N] [--steps N] [--js]
 *
 * Each backward is timed by wrapping the recorded node's VJP, so "conv2d" under backward is the
 * conv's input and kernel gradients together, and the gradient accumulation (add) is its own row.
 * Every row is its fastest over the timed steps (the machine is usually shared), so rows need not
 * add up to the phase totals exactly.
 */
import {
  BufferArena, add, conv2d, createOptimizer, dot, gradients, max_pool2d, relu, reshape, softmax,
  sparse_categorical_crossentropy, tensor, Tensor, topologicalOrder, setGemmBackend, kernelVariantName, type GraphNode,
} from "../engine/index.ts";
import { startNodeGemmThreads } from "../engine/kernels/wasm/gemm-threads.node.ts";
import { enableRelaxedSimd } from "../engine/kernels/wasm/relaxed-simd.node.ts";

const BATCH = 64;

interface Options {
  readonly threads: number;
  readonly steps: number;
  readonly js: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv[i + 1];
  };
  return { threads: Number(value("--threads") ?? 1), steps: Number(value("--steps") ?? 40), js: argv.includes("--js") };
}

/** Milliseconds per row label, summed over the timed steps. */
class Timings {
  readonly rows = new Map<string, number>();
  time<T>(label: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.rows.set(label, (this.rows.get(label) ?? 0) + performance.now() - t0);
    }
  }
}

/** Deterministic pseudo-random floats in [lo, hi), so runs compare like for like. */
function uniform(n: number, lo: number, hi: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

function param(shape: number[], fanIn: number, fanOut: number, seed: number): Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return new Tensor(shape, uniform(shape.reduce((a, b) => a * b, 1), -limit, limit, seed));
}

const params = [
  param([3, 3, 1, 32], 9, 288, 1), new Tensor([32], new Float32Array(32)),
  param([3, 3, 32, 64], 288, 576, 2), new Tensor([64], new Float32Array(64)),
  param([3, 3, 64, 128], 576, 1152, 3), new Tensor([128], new Float32Array(128)),
  param([1152, 10], 1152, 10, 4), new Tensor([10], new Float32Array(10)),
];

/** The sheet's model, each op timed under `forward <layer> <op>`. */
function forward(t: Timings, x: Tensor, labels: Tensor): Tensor {
  const [K1, c1, K2, c2, K3, c3, W, b] = params as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const f = <T>(label: string, fn: () => T) => t.time(`forward ${label}`, fn);
  const block = (name: string, input: Tensor, K: Tensor, c: Tensor) => {
    const y = f(`${name} conv2d`, () => conv2d(input, K));
    const z = f(`${name} bias add`, () => add(y, c));
    return f(`${name} relu`, () => relu(z));
  };
  const conv1 = block("conv1", x, K1, c1);
  const pool1 = f("pool1 max_pool2d", () => max_pool2d(conv1, 2));
  const conv2 = block("conv2", pool1, K2, c2);
  const pool2 = f("pool2 max_pool2d", () => max_pool2d(conv2, 2));
  const conv3 = block("conv3", pool2, K3, c3);
  const features = f("flatten", () => reshape(conv3, [-1, 1152]));
  const logits = f("dense dot", () => add(dot(features, W), b));
  const probs = f("dense softmax", () => softmax(logits));
  return f("loss", () => sparse_categorical_crossentropy(labels, probs));
}

/** Every recorded VJP on the way to `loss` timed under `backward <op>`. */
function timeBackwards(t: Timings, loss: Tensor): void {
  for (const node of topologicalOrder(loss)) {
    const n = node.node;
    if (n === null) continue;
    const label = `backward ${n.op}@${node.shape.join("x")}`;
    const timed: GraphNode = { ...n, backward: (g, needs) => t.time(label, () => n.backward(g, needs)) };
    (node as { node: GraphNode | null }).node = timed;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  enableRelaxedSimd();
  if (options.js) setGemmBackend("js");
  const threads = options.threads > 1 ? await startNodeGemmThreads(options.threads) : 1;
  const x = new Tensor([BATCH, 28, 28, 1], uniform(BATCH * 784, 0, 1, 7));
  const labels = tensor(Array.from({ length: BATCH }, (_, i) => (i * 7) % 10));
  const optimizer = createOptimizer({ kind: "rmsprop", lr: 0.001 });
  const arena = new BufferArena();

  const step = (t: Timings) => arena.step(() => {
    const loss = t.time("phase forward", () => forward(t, x, labels));
    timeBackwards(t, loss);
    const grads = t.time("phase backward", () => gradients(loss, params).values);
    t.time("phase update", () => optimizer.stepInPlace(params.map((p) => p.data), grads.map((g) => g.data)));
    return loss.data[0]!;
  });

  const warmup = new Timings();
  for (let i = 0; i < 5; i++) step(warmup);
  // The machine is usually shared: each row is its fastest step (the least disturbed), and the
  // step time is both the fastest and the median whole step.
  const fastest = new Map<string, number>();
  const walls: number[] = [];
  for (let i = 0; i < options.steps; i++) {
    const t = new Timings();
    const t0 = performance.now();
    step(t);
    walls.push(performance.now() - t0);
    for (const [label, ms] of t.rows) fastest.set(label, Math.min(fastest.get(label) ?? Infinity, ms));
  }
  walls.sort((a, b) => a - b);
  const best = walls[0]!;
  const median = walls[walls.length >> 1]!;

  const ms = (v: number) => v.toFixed(3).padStart(8);
  console.log(`convnet step, batch ${BATCH}, ${threads} thread(s), ${kernelVariantName()}, ${options.steps} steps`);
  console.log(`${ms(best)} ms/step fastest (${(BATCH / (best / 1000)).toFixed(0)} samples/s), ${ms(median)} median (${(BATCH / (median / 1000)).toFixed(0)} samples/s)`);
  const rows = [...fastest].sort((a, b) => b[1] - a[1]);
  for (const [label, v] of rows) console.log(`${ms(v)} ms  ${((100 * v) / best).toFixed(1).padStart(5)}%  ${label}`);
  process.exit(0);
}

await main();
