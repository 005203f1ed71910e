import { kernels } from "../kernels/backend.ts";
import type { ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

type Sgd = Extract<ResolvedOptimizerConfig, { kind: "sgd" }>;
type Momentum = Extract<ResolvedOptimizerConfig, { kind: "momentum" | "nesterov" }>;

/** Keras SGD with momentum = 0 (keras/src/optimizers/sgd.py): p ← p − lr·g. */
export const sgd: UpdateRule<Sgd> = {
  slotInits: () => [],
  update({ lr }, _step, p, g) {
    kernels.sgd(p, g, lr);
  },
};

/**
 * Keras SGD with momentum: m ← momentum·m − lr·g, then p ← p + m, or with nesterov
 * p ← p + (momentum·m − lr·g) using the new m.
 */
export const momentum: UpdateRule<Momentum> = {
  slotInits: () => [0],
  update({ kind, lr, momentum: mu }, _step, p, g, [m]) {
    kernels.momentum(p, g, m!, lr, mu, kind === "nesterov");
  },
};
