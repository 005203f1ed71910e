import { OPTIM_WASM_MIN, wasmAdagrad } from "../kernels/wasm/optim-wasm.ts";
import type { ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

type Adagrad = Extract<ResolvedOptimizerConfig, { kind: "adagrad" }>;

/**
 * Keras Adagrad (keras/src/optimizers/adagrad.py), accumulator starting at initial_accumulator_value:
 * a ← a + g², then p ← p − lr·g / √(a + ε) (ε inside the square root).
 */
export const adagrad: UpdateRule<Adagrad> = {
  slotInits: (c) => [c.initialAccumulator],
  update({ lr, epsilon }, _step, p, g, [a]) {
    if (p.length >= OPTIM_WASM_MIN && wasmAdagrad(p, g, a!, lr, epsilon)) return;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const ai = Math.fround(a![i]! + gi * gi);
      a![i] = ai;
      p[i] = p[i]! - (lr * gi) / Math.sqrt(ai + epsilon);
    }
  },
};
