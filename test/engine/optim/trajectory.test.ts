import { describe, expect, it } from "vitest";
import { createOptimizer, type OptimizerConfig } from "../../../engine/optim/index.ts";

const f = Math.fround;

/** Gradients fed on steps 1..3 to a two-element param starting at [1, −2] (all exact in float32). */
const G = [
  [0.5, -0.25],
  [0.125, 0.75],
  [-0.375, 0.0625],
] as const;

/** Run three steps and return the param after each. */
function run(config: OptimizerConfig, steps: number = G.length): number[][] {
  const opt = createOptimizer(config);
  const p = Float32Array.of(1, -2);
  return G.slice(0, steps).map((g) => {
    opt.stepInPlace([p], [Float32Array.from(g)]);
    return Array.from(p);
  });
}

function expectClose(actual: number[][], expected: number[][], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, s) => row.forEach((x, i) => {
    expect(Math.abs(x - expected[s]![i]!), `step ${s + 1}, element ${i}: ${x} vs ${expected[s]![i]}`).toBeLessThan(tol);
  }));
}

describe("RMSprop trajectory (Keras: v ← ρv + (1−ρ)g², p ← p − lr·g/√(v + ε))", () => {
  // ε = 0.01 is large on purpose: with ε outside the root (√v + ε) step 1 would land at 0.7860, not 0.7959.
  const lr = 0.1, rho = 0.8, eps = 0.01;

  it("matches three hand-computed steps", () => {
    // step 1, g = [0.5, −0.25]
    const v1a = f(rho * 0 + (1 - rho) * 0.5 ** 2); // 0.05
    const v1b = f(rho * 0 + (1 - rho) * 0.25 ** 2); // 0.0125
    const p1a = f(1 - (lr * 0.5) / Math.sqrt(v1a + eps)); // 1 − 0.05/√0.06 ≈ 0.795876
    const p1b = f(-2 - (lr * -0.25) / Math.sqrt(v1b + eps)); // −2 + 0.025/√0.0225 ≈ −1.833333
    // step 2, g = [0.125, 0.75]
    const v2a = f(rho * v1a + (1 - rho) * 0.125 ** 2); // 0.043125
    const v2b = f(rho * v1b + (1 - rho) * 0.75 ** 2); // 0.1225
    const p2a = f(p1a - (lr * 0.125) / Math.sqrt(v2a + eps)); // ≈ 0.741643
    const p2b = f(p1b - (lr * 0.75) / Math.sqrt(v2b + eps)); // ≈ −2.039374
    // step 3, g = [−0.375, 0.0625]
    const v3a = f(rho * v2a + (1 - rho) * 0.375 ** 2); // 0.0626
    const v3b = f(rho * v2b + (1 - rho) * 0.0625 ** 2); // 0.098781…
    const p3a = f(p2a - (lr * -0.375) / Math.sqrt(v3a + eps)); // ≈ 0.880795
    const p3b = f(p2b - (lr * 0.0625) / Math.sqrt(v3b + eps)); // ≈ −2.058324
    const hand = [[p1a, p1b], [p2a, p2b], [p3a, p3b]];
    // The same three steps from an independent float64/NumPy-float32 script.
    expectClose(hand, [[0.7958758473, -1.8333333731], [0.7416432500, -2.0393741131], [0.8807948232, -2.0583238602]]);
    expectClose(run({ kind: "rmsprop", lr, rho, epsilon: eps }), hand);
  });

  it("with momentum: b ← μb + lr·g/√(v + ε), p ← p − b", () => {
    const mu = 0.5;
    const v1a = f((1 - rho) * 0.5 ** 2), v1b = f((1 - rho) * 0.25 ** 2);
    const b1a = f(mu * 0 + (lr * 0.5) / Math.sqrt(v1a + eps)), b1b = f(mu * 0 + (lr * -0.25) / Math.sqrt(v1b + eps));
    const p1a = f(1 - b1a), p1b = f(-2 - b1b);
    const v2a = f(rho * v1a + (1 - rho) * 0.125 ** 2), v2b = f(rho * v1b + (1 - rho) * 0.75 ** 2);
    const b2a = f(mu * b1a + (lr * 0.125) / Math.sqrt(v2a + eps)), b2b = f(mu * b1b + (lr * 0.75) / Math.sqrt(v2b + eps));
    const p2a = f(p1a - b2a), p2b = f(p1b - b2b);
    const v3a = f(rho * v2a + (1 - rho) * 0.375 ** 2), v3b = f(rho * v2b + (1 - rho) * 0.0625 ** 2);
    const b3a = f(mu * b2a + (lr * -0.375) / Math.sqrt(v3a + eps)), b3b = f(mu * b2b + (lr * 0.0625) / Math.sqrt(v3b + eps));
    const p3a = f(p2a - b3a), p3b = f(p2b - b3b);
    const hand = [[p1a, p1b], [p2a, p2b], [p3a, p3b]];
    expectClose(hand, [[0.7958758473, -1.8333333731], [0.6395811439, -1.9560408592], [0.7005854249, -2.0363442898]]);
    expectClose(run({ kind: "rmsprop", lr, rho, epsilon: eps, momentum: mu }), hand);
  });
});

describe("Adam trajectory (Keras: α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), p ← p − α·m/(√v + ε))", () => {
  // ε = 0.1 and β₂ = 0.75 make Keras's form visibly different from the paper's m̂/(√v̂ + ε),
  // which would give 0.916667 after step 1 instead of 0.928571.
  const lr = 0.1, b1 = 0.5, b2 = 0.75, eps = 0.1;

  it("matches three hand-computed steps", () => {
    // step 1 (t = 1), g = [0.5, −0.25]: α₁ = 0.1·√0.25/0.5 = 0.1
    const a1 = (lr * Math.sqrt(1 - b2 ** 1)) / (1 - b1 ** 1);
    const m1a = f(0 + (0.5 - 0) * (1 - b1)), m1b = f(0 + (-0.25 - 0) * (1 - b1)); // 0.25, −0.125
    const v1a = f(0 + (0.5 ** 2 - 0) * (1 - b2)), v1b = f(0 + (0.25 ** 2 - 0) * (1 - b2)); // 0.0625, 0.015625
    const p1a = f(1 - (a1 * m1a) / (Math.sqrt(v1a) + eps)); // 1 − 0.025/0.35 ≈ 0.928571
    const p1b = f(-2 - (a1 * m1b) / (Math.sqrt(v1b) + eps)); // −2 + 0.0125/0.225 ≈ −1.944444
    // step 2 (t = 2), g = [0.125, 0.75]: α₂ = 0.1·√(1 − 0.5625)/0.75
    const a2 = (lr * Math.sqrt(1 - b2 ** 2)) / (1 - b1 ** 2);
    const m2a = f(m1a + (0.125 - m1a) * (1 - b1)), m2b = f(m1b + (0.75 - m1b) * (1 - b1)); // 0.1875, 0.3125
    const v2a = f(v1a + (0.125 ** 2 - v1a) * (1 - b2)), v2b = f(v1b + (0.75 ** 2 - v1b) * (1 - b2));
    const p2a = f(p1a - (a2 * m2a) / (Math.sqrt(v2a) + eps)); // ≈ 0.877746
    const p2b = f(p1b - (a2 * m2b) / (Math.sqrt(v2b) + eps)); // ≈ −2.000653
    // step 3 (t = 3), g = [−0.375, 0.0625]
    const a3 = (lr * Math.sqrt(1 - b2 ** 3)) / (1 - b1 ** 3);
    const m3a = f(m2a + (-0.375 - m2a) * (1 - b1)), m3b = f(m2b + (0.0625 - m2b) * (1 - b1));
    const v3a = f(v2a + (0.375 ** 2 - v2a) * (1 - b2)), v3b = f(v2b + (0.0625 ** 2 - v2b) * (1 - b2));
    const p3a = f(p2a - (a3 * m3a) / (Math.sqrt(v3a) + eps)); // ≈ 0.899726
    const p3b = f(p2b - (a3 * m3b) / (Math.sqrt(v3b) + eps)); // ≈ −2.037728
    const hand = [[p1a, p1b], [p2a, p2b], [p3a, p3b]];
    expectClose(hand, [[0.9285714030, -1.9444444180], [0.8777458072, -2.0006532670], [0.8997259140, -2.0377283096]]);
    expectClose(run({ kind: "adam", lr, beta1: b1, beta2: b2, epsilon: eps }), hand);
  });
});

describe("SGD, momentum, Nesterov and Adagrad steps", () => {
  it("sgd: p ← p − lr·g", () => {
    expectClose(run({ kind: "sgd", lr: 0.5 }, 2), [
      [f(1 - 0.5 * 0.5), f(-2 + 0.5 * 0.25)],
      [f(0.75 - 0.5 * 0.125), f(-1.875 - 0.5 * 0.75)],
    ]);
  });

  it("momentum: m ← μm − lr·g, p ← p + m", () => {
    const m1 = -0.5 * 0.5, m2 = 0.9 * m1 - 0.5 * 0.125; // element 0 only
    expect(run({ kind: "momentum", lr: 0.5 }, 2).map((p) => p[0])).toEqual([f(1 + m1), f(f(1 + m1) + f(m2))]);
  });

  it("nesterov: m ← μm − lr·g, p ← p + μm − lr·g (with the new m)", () => {
    const m1 = f(-0.5 * 0.5), p1 = f(1 + 0.9 * m1 - 0.5 * 0.5); // 1 − 0.225 − 0.25 = 0.525
    const m2 = f(0.9 * m1 - 0.5 * 0.125), p2 = f(p1 + 0.9 * m2 - 0.5 * 0.125);
    expectClose(run({ kind: "nesterov", lr: 0.5 }, 2).map((p) => [p[0]!]), [[p1], [p2]]);
    expect(p1).toBeCloseTo(0.525, 6);
  });

  it("adagrad: a ← a + g² from a₀ = 0.1, p ← p − lr·g/√(a + ε)", () => {
    const lr = 0.5, eps = 0.01;
    const a1 = f(0.1 + 0.25), p1 = f(1 - (lr * 0.5) / Math.sqrt(a1 + eps)); // 1 − 0.25/0.6 ≈ 0.583333
    const a2 = f(a1 + 0.125 ** 2), p2 = f(p1 - (lr * 0.125) / Math.sqrt(a2 + eps));
    expectClose(run({ kind: "adagrad", lr, epsilon: eps }, 2).map((p) => [p[0]!]), [[p1], [p2]]);
    expect(p1).toBeCloseTo(1 - 0.25 / 0.6, 6);
  });
});

describe("Keras 3 defaults", () => {
  it("fills every hyperparameter of each kind", () => {
    const cfg = (c: OptimizerConfig) => createOptimizer(c).config;
    expect(cfg({ kind: "sgd" })).toEqual({ kind: "sgd", lr: 0.01 });
    expect(cfg({ kind: "momentum" })).toEqual({ kind: "momentum", lr: 0.01, momentum: 0.9 });
    expect(cfg({ kind: "nesterov" })).toEqual({ kind: "nesterov", lr: 0.01, momentum: 0.9 });
    expect(cfg({ kind: "adagrad" })).toEqual({ kind: "adagrad", lr: 0.001, initialAccumulator: 0.1, epsilon: 1e-7 });
    expect(cfg({ kind: "rmsprop" })).toEqual({ kind: "rmsprop", lr: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 });
    expect(cfg({ kind: "adam" })).toEqual({ kind: "adam", lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it("adam's first step with defaults moves each element by about lr, against the gradient sign", () => {
    // t = 1: α = 0.001·√0.001/0.1, m = 0.1g, v = 0.001g², so Δ = α·0.1g/(√0.001·|g| + 1e-7) ≈ 0.001·sign(g).
    const [p] = run({ kind: "adam" }, 1);
    expect(p![0]).toBeCloseTo(1 - 0.001, 6);
    expect(p![1]).toBeCloseTo(-2 + 0.001, 6);
  });
});

describe("every kind minimizes a quadratic", () => {
  // f(p) = ½ Σ aᵢ(pᵢ − cᵢ)², ∇f = a ⊙ (p − c); minimum 0 at p = c.
  const a = [1, 3, 0.5, 2], c = [1, -2, 0.5, 3];
  const loss = (p: Float32Array) => p.reduce((s, x, i) => s + 0.5 * a[i]! * (x - c[i]!) ** 2, 0);
  const configs: OptimizerConfig[] = [
    { kind: "sgd", lr: 0.1 },
    { kind: "momentum", lr: 0.05 },
    { kind: "nesterov", lr: 0.05 },
    { kind: "adagrad", lr: 0.5 },
    { kind: "rmsprop", lr: 0.01 },
    { kind: "rmsprop", lr: 0.01, momentum: 0.5 },
    { kind: "adam", lr: 0.05 },
  ];
  for (const config of configs) {
    it(JSON.stringify(config), () => {
      const opt = createOptimizer(config);
      const p = new Float32Array(4);
      const g = new Float32Array(4);
      const start = loss(p);
      for (let step = 0; step < 500; step++) {
        p.forEach((x, i) => (g[i] = a[i]! * (x - c[i]!)));
        opt.stepInPlace([p], [g]);
      }
      expect(loss(p)).toBeLessThan(1e-6 * start);
    });
  }
});
