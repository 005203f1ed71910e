import { kernels } from "../kernels/backend.ts";
import type { ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

type Rmsprop = Extract<ResolvedOptimizerConfig, { kind: "rmsprop" }>;

/**
 * Keras RMSprop, not centered (keras/src/optimizers/rmsprop.py):
 *   v ← ρ·v + (1 − ρ)·g²;  Δ = lr·g / √(v + ε)  (ε inside the square root)
 *   momentum = 0: p ← p − Δ;  momentum > 0: b ← momentum·b + Δ, p ← p − b.
 * Like Keras, the momentum slot exists only when momentum > 0.
 */
export const rmsprop: UpdateRule<Rmsprop> = {
  slotInits: (c) => (c.momentum > 0 ? [0, 0] : [0]),
  update({ lr, rho, momentum, epsilon }, _step, p, g, [v, b]) {
    kernels.rmsprop(p, g, v!, b, lr, rho, epsilon, momentum);
  },
};
