import { grad } from "../../engine/grad.ts";
import { formatShape } from "../../engine/errors.ts";
import { sizeOf, stridesOf, type Shape } from "../../engine/shape.ts";
import { Tensor } from "../../engine/tensor.ts";

// Gradient checking against central finite differences.
//
// The objective is L(x) = Σ w ⊙ f(x) with a fixed random weight tensor w, so a gradient that is
// right only for an all-ones upstream gradient still fails. The analytic side is grad(f(x), x,
// { seed: w }), which is exactly ∇ sum(w ⊙ f(x)). The numeric side re-runs the float32 forward on
// x ± h and sums w ⊙ f in float64, dividing by the float32 step actually taken (fround(x+h) −
// fround(x−h)), so the only errors left are the O(h²) truncation and float32 rounding of f.

/** A deterministic uniform generator in [0, 1) (mulberry32): test inputs must not change between runs. */
export type Uniform = () => number;

export function seededUniform(seed: number): Uniform {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values uniform in [lo, hi). */
export function uniformTensor(shape: Shape, rand: Uniform, lo = -1, hi = 1): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rand();
  return new Tensor(shape, data);
}

/** Magnitudes uniform in [lo, hi) with random signs: keeps inputs away from the kink at 0. */
export function signedTensor(shape: Shape, rand: Uniform, lo = 0.2, hi = 1.5): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = (rand() < 0.5 ? -1 : 1) * (lo + (hi - lo) * rand());
  return new Tensor(shape, data);
}

/** Uniform in [lo, hi) but at least `margin` away from each of `points` (e.g. clip bounds). */
export function avoidingTensor(shape: Shape, rand: Uniform, lo: number, hi: number, points: readonly number[], margin: number): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) {
    let v: number;
    do v = lo + (hi - lo) * rand();
    while (points.some((p) => Math.abs(v - p) < margin));
    data[i] = v;
  }
  return new Tensor(shape, data);
}

/**
 * All-distinct values at least `gap − 2·jitter` apart (a shuffled grid plus jitter), so max/min
 * reductions and maximum/minimum have no ties within a finite-difference step. `offset` shifts the
 * grid: tensors built with offsets 0 and gap/2 never come closer than gap/2 − 2·jitter.
 */
export function distinctTensor(shape: Shape, rand: Uniform, gap = 0.1, offset = 0, jitter = 0.01): Tensor {
  const n = sizeOf(shape);
  const ranks = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  const data = new Float32Array(n);
  // Centered on a multiple of gap, so grids of different sizes line up and offsets stay apart.
  const center = Math.floor((n - 1) / 2) * gap;
  for (let i = 0; i < n; i++) data[i] = ranks[i]! * gap - center + offset + jitter * (2 * rand() - 1);
  return new Tensor(shape, data);
}

export interface GradcheckOptions {
  /** Finite-difference step. */
  readonly h?: number;
  /** Pass when |analytic − numeric| ≤ atol + rtol·|numeric|. */
  readonly atol?: number;
  readonly rtol?: number;
  /** Seed of the weight tensor w. */
  readonly seed?: number;
  /** Only these inputs are checked (by position); the rest are held fixed. Default: all. */
  readonly check?: readonly number[];
}

export interface GradcheckReport {
  /** One line per element whose analytic and numeric gradients disagree (empty when all agree). */
  readonly mismatches: string[];
  /** Largest |analytic − numeric| / (atol + rtol·|numeric|); ≤ 1 means pass. */
  readonly worst: number;
  /** Elements compared. */
  readonly checked: number;
  readonly analytic: Tensor[];
  readonly numeric: Float64Array[];
}

export const DEFAULT_GRADCHECK: Required<Omit<GradcheckOptions, "check">> = { h: 1e-2, atol: 1e-3, rtol: 5e-3, seed: 1234 };

/** Compare grad(sum(w ⊙ f(...inputs))) with central differences, element by element. */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const { h, atol, rtol, seed } = { ...DEFAULT_GRADCHECK, ...options };
  const checkIdx = options.check ?? inputs.map((_, i) => i);
  const y = f(...inputs);
  const w = signedTensor(y.shape, seededUniform(seed), 0.5, 1.5);
  const targets = checkIdx.map((k) => inputs[k]!);
  const analytic = grad(y, targets, { seed: w });

  const objective = (xs: Tensor[]): number => {
    // Recorded like the analytic forward, so f may itself call grad (second-order checks).
    const out = f(...xs);
    if (out.size !== w.size) throw new Error(`gradcheck: output shape changed to ${formatShape(out.shape)}`);
    let s = 0;
    for (let i = 0; i < out.size; i++) s += w.data[i]! * out.data[i]!;
    return s;
  };

  const mismatches: string[] = [];
  const numeric: Float64Array[] = [];
  let worst = 0;
  let checked = 0;
  checkIdx.forEach((k, t) => {
    const x = inputs[k]!;
    const a = analytic[t]!;
    if (a.shape.length !== x.shape.length || a.shape.some((d, i) => d !== x.shape[i])) {
      mismatches.push(`input ${k}: gradient shape ${formatShape(a.shape)} ≠ input shape ${formatShape(x.shape)}`);
      numeric.push(new Float64Array(0));
      return;
    }
    const num = new Float64Array(x.size);
    const data = Float32Array.from(x.data);
    const xs = [...inputs];
    for (let i = 0; i < x.size; i++) {
      const x0 = data[i]!;
      const xp = Math.fround(x0 + h);
      const xm = Math.fround(x0 - h);
      data[i] = xp;
      xs[k] = new Tensor(x.shape, Float32Array.from(data));
      const lp = objective(xs);
      data[i] = xm;
      xs[k] = new Tensor(x.shape, Float32Array.from(data));
      const lm = objective(xs);
      data[i] = x0;
      const n = (lp - lm) / (xp - xm);
      num[i] = n;
      const an = a.data[i]!;
      const ratio = Math.abs(an - n) / (atol + rtol * Math.abs(n));
      if (!(ratio <= 1)) {
        mismatches.push(`input ${k}${formatShape(x.shape)} at ${formatShape(unravel(i, x.shape))}: analytic ${an}, numeric ${n}`);
      }
      worst = Math.max(worst, Number.isNaN(ratio) ? Infinity : ratio);
      checked++;
    }
    numeric.push(num);
  });
  return { mismatches, worst, checked, analytic, numeric };
}

/** Multi-index of flat offset `i` in a row-major `shape`. */
export function unravel(i: number, shape: Shape): number[] {
  return stridesOf(shape).map((s, d) => Math.floor(i / s) % shape[d]!);
}

/** Throw, listing the first mismatches, unless every checked element agrees; returns the report. */
export function assertGradcheck(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const report = gradcheck(f, inputs, options);
  if (report.mismatches.length > 0) {
    const shown = report.mismatches.slice(0, 12).join("\n  ");
    const more = report.mismatches.length > 12 ? `\n  … and ${report.mismatches.length - 12} more` : "";
    throw new Error(`gradcheck failed on ${report.mismatches.length} of ${report.checked} elements:\n  ${shown}${more}`);
  }
  if (report.checked === 0) throw new Error("gradcheck compared no elements");
  return report;
}

/**
 * Shape pairs that broadcast: a random output shape (rank ≤ maxRank, dims 1..maxDim), and for each
 * operand a random-length suffix of it with some dims set to 1.
 */
export function broadcastingShapePairs(rand: Uniform, count: number, maxRank = 3, maxDim = 3): [number[], number[]][] {
  const pairs: [number[], number[]][] = [];
  const operand = (out: number[]): number[] => {
    const rank = Math.floor(rand() * (out.length + 1));
    return out.slice(out.length - rank).map((d) => (rand() < 0.3 ? 1 : d));
  };
  for (let k = 0; k < count; k++) {
    const out = Array.from({ length: Math.floor(rand() * (maxRank + 1)) }, () => 1 + Math.floor(rand() * maxDim));
    pairs.push([operand(out), operand(out)]);
  }
  return pairs;
}
