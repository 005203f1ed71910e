import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { computeFans, glorot_uniform, he_normal, rand, randn } from "../../../engine/ops/random.ts";
import { Rng } from "../../../engine/random.ts";
import type { Tensor } from "../../../engine/tensor.ts";

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  let s = 0, min = Infinity, max = -Infinity;
  for (const x of t.data) {
    s += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / t.size;
  let s2 = 0;
  for (const x of t.data) s2 += (x - mean) ** 2;
  return { mean, std: Math.sqrt(s2 / t.size), min, max };
}

const rng = (stream: string) => new Rng({ seed: 2024, stream });

describe("rand / randn", () => {
  it("rand fills the shape with values in [lo, hi) with the uniform moments", () => {
    const t = rand([300, 400], rng("rand"), -1, 3);
    expect(t.shape).toEqual([300, 400]);
    const s = stats(t);
    expect(s.min).toBeGreaterThanOrEqual(-1);
    expect(s.max).toBeLessThan(3);
    // Tolerances ≈ 4 standard errors at n = 120 000.
    expect(Math.abs(s.mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(s.std - 4 / Math.sqrt(12))).toBeLessThan(0.006);
  });

  it("randn has the requested mean and std", () => {
    const s = stats(randn([500, 400], rng("randn"), 3, 2));
    expect(Math.abs(s.mean - 3)).toBeLessThan(0.02); // standard error 0.0045
    expect(Math.abs(s.std - 2)).toBeLessThan(0.015); // standard error 0.0032
  });

  it("is deterministic per seed and stream, and differs across streams", () => {
    expect(rand([4, 5], rng("C3")).data).toEqual(rand([4, 5], rng("C3")).data);
    expect(randn([4, 5], rng("C3")).data).toEqual(randn([4, 5], rng("C3")).data);
    expect(rand([4, 5], rng("C3")).data).not.toEqual(rand([4, 5], rng("C4")).data);
  });

  it("handles scalars and empty shapes, and rejects bad shapes and bounds", () => {
    expect(rand([], rng("s")).shape).toEqual([]);
    expect(randn([0, 3], rng("s")).size).toBe(0);
    expect(() => rand([2, -1], rng("s"))).toThrow(ArgumentError);
    expect(() => randn([1.5], rng("s"))).toThrow(ArgumentError);
    expect(() => rand([2], rng("s"), 1, 0)).toThrow(ArgumentError);
    expect(() => randn([2], rng("s"), 0, -1)).toThrow(ArgumentError);
  });
});

describe("computeFans (Keras compute_fans)", () => {
  it("follows Keras for every rank", () => {
    expect(computeFans([])).toEqual([1, 1]);
    expect(computeFans([7])).toEqual([7, 7]);
    expect(computeFans([3, 4])).toEqual([3, 4]);
    expect(computeFans([5, 16, 32])).toEqual([80, 160]); // Conv1D kernel (width, in, out)
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]); // Conv2D kernel (h, w, in, out)
  });
});

describe("glorot_uniform", () => {
  it("draws from [-limit, limit) with limit = sqrt(6 / (fan_in + fan_out))", () => {
    const t = glorot_uniform([100, 50], rng("W1"));
    const limit = Math.sqrt(6 / 150); // 0.2
    const s = stats(t);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    expect(s.max).toBeGreaterThan(0.99 * limit);
    expect(s.min).toBeLessThan(-0.99 * limit);
    expect(Math.abs(s.mean)).toBeLessThan(0.005);
    expect(Math.abs(s.std / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.02); // ~3 standard errors at n = 5000
  });

  it("uses the receptive field for conv kernels and max(1, ·) for tiny shapes", () => {
    const conv = stats(glorot_uniform([3, 3, 8, 16], rng("K")));
    const limit = Math.sqrt(6 / (72 + 144));
    expect(conv.max).toBeLessThan(limit);
    expect(conv.max).toBeGreaterThan(0.95 * limit);
    // A scalar has fan_in = fan_out = 1: limit = sqrt(3 / max(1, 1)) = sqrt(3).
    const scalars = Array.from({ length: 2000 }, (_, i) => glorot_uniform([], new Rng({ seed: i })).item());
    expect(Math.max(...scalars)).toBeLessThan(Math.sqrt(3));
    expect(Math.max(...scalars)).toBeGreaterThan(0.99 * Math.sqrt(3));
  });
});

describe("he_normal", () => {
  it("is a truncated normal whose samples have std sqrt(2 / fan_in)", () => {
    const t = he_normal([400, 500], rng("W2"));
    const s = stats(t);
    const std = Math.sqrt(2 / 400);
    // Keras draws with sigma = std / 0.8796 (the std of a unit normal cut at ±2) and cuts at ±2 sigma.
    const bound = (2 * std) / 0.87962566103423978;
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
    expect(Math.abs(s.std / std - 1)).toBeLessThan(0.01);
  });

  it("uses the conv receptive field for fan_in and is deterministic", () => {
    const s = stats(he_normal([3, 3, 64, 32], rng("K2")));
    expect(Math.abs(s.std / Math.sqrt(2 / (9 * 64)) - 1)).toBeLessThan(0.02);
    expect(he_normal([3, 4], rng("x")).data).toEqual(he_normal([3, 4], rng("x")).data);
    expect(() => he_normal([-3], rng("x"))).toThrow(ArgumentError);
  });
});
