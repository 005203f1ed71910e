import { kernels } from "../kernels/backend.ts";
import type { ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

type Adam = Extract<ResolvedOptimizerConfig, { kind: "adam" }>;

/**
 * Keras Adam (keras/src/optimizers/adam.py), bias correction folded into the step size with ε
 * added to √v, not to √v̂ (the paper's "efficient" form):
 *   α = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ),  t = iterations + 1
 *   m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  p ← p − α·m / (√v + ε)
 */
export const adam: UpdateRule<Adam> = {
  slotInits: () => [0, 0],
  update({ lr, beta1, beta2, epsilon }, step, p, g, [m, v]) {
    const alpha = (lr * Math.sqrt(1 - powInt(beta2, step))) / (1 - powInt(beta1, step));
    kernels.adam(p, g, m!, v!, alpha, beta1, beta2, epsilon);
  },
};

/** bⁿ by repeated squaring: plain multiplications, so identical on every engine (Math.pow is not specified to the bit). */
function powInt(b: number, n: number): number {
  let result = 1;
  for (let base = b; n > 0; n = Math.floor(n / 2), base *= base) if (n % 2 === 1) result *= base;
  return result;
}
