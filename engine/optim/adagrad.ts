import { kernels } from "../kernels/backend.ts";
import type { ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

type Adagrad = Extract<ResolvedOptimizerConfig, { kind: "adagrad" }>;

/**
 * Keras Adagrad (keras/src/optimizers/adagrad.py), accumulator starting at initial_accumulator_value:
 * a ← a + g², then p ← p − lr·g / √(a + ε) (ε inside the square root).
 */
export const adagrad: UpdateRule<Adagrad> = {
  slotInits: (c) => [c.initialAccumulator],
  update({ lr, epsilon }, _step, p, g, [a]) {
    kernels.adagrad(p, g, a!, lr, epsilon);
  },
};
