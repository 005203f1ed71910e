import { ArgumentError } from "../errors.ts";
import type { Rng } from "../random.ts";
import { checkShape, sizeOf, type Shape } from "../shape.ts";
import { Tensor } from "../tensor.ts";

/** Uniform in [lo, hi) (Keras `random.uniform`: minval inclusive, maxval exclusive). */
export function rand(shape: readonly number[], rng: Rng, lo = 0, hi = 1): Tensor {
  checkShape("rand", shape);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new ArgumentError("rand", `need finite lo <= hi, got lo=${lo}, hi=${hi}`);
  }
  return new Tensor(shape, rng.fillUniform(new Float32Array(sizeOf(shape)), lo, hi));
}

export function randn(shape: readonly number[], rng: Rng, mean = 0, std = 1): Tensor {
  checkShape("randn", shape);
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
    throw new ArgumentError("randn", `need a finite mean and a finite std >= 0, got mean=${mean}, std=${std}`);
  }
  return new Tensor(shape, rng.fillNormal(new Float32Array(sizeOf(shape)), mean, std));
}

/**
 * Keras `compute_fans` (keras/src/initializers/random_initializers.py): a scalar counts as 1 in and
 * 1 out, a vector of n as n in and n out, a matrix as [fan_in, fan_out]; a higher-rank shape is a
 * conv kernel (..spatial, in_channels, out_channels) whose spatial size multiplies both fans.
 */
export function computeFans(shape: Shape): [fanIn: number, fanOut: number] {
  const r = shape.length;
  if (r === 0) return [1, 1];
  if (r === 1) return [shape[0]!, shape[0]!];
  if (r === 2) return [shape[0]!, shape[1]!];
  const receptive = sizeOf(shape.slice(0, -2));
  return [shape[r - 2]! * receptive, shape[r - 1]! * receptive];
}

/**
 * Keras GlorotUniform = VarianceScaling(scale=1, mode="fan_avg", distribution="uniform"):
 * limit = √(3·scale / max(1, (fan_in + fan_out)/2)) = √(6 / (fan_in + fan_out)), samples in [−limit, limit).
 */
export function glorot_uniform(shape: readonly number[], rng: Rng): Tensor {
  checkShape("glorot_uniform", shape);
  const [fanIn, fanOut] = computeFans(shape);
  const limit = Math.sqrt(3 / Math.max(1, (fanIn + fanOut) / 2));
  return new Tensor(shape, rng.fillUniform(new Float32Array(sizeOf(shape)), -limit, limit));
}

/** Standard deviation of a standard normal truncated to [−2, 2] (the constant Keras divides by). */
const TRUNCATED_STD = 0.87962566103423978;

/**
 * Keras HeNormal = VarianceScaling(scale=2, mode="fan_in", distribution="truncated_normal"):
 * draws truncated_normal(0, σ) with σ = √(2 / max(1, fan_in)) / 0.8796…, cut at ±2σ, so the samples
 * themselves have standard deviation √(2 / fan_in).
 */
export function he_normal(shape: readonly number[], rng: Rng): Tensor {
  checkShape("he_normal", shape);
  const [fanIn] = computeFans(shape);
  const std = Math.sqrt(2 / Math.max(1, fanIn)) / TRUNCATED_STD;
  return new Tensor(shape, rng.fillTruncatedNormal(new Float32Array(sizeOf(shape)), 0, std));
}
