import { ArgumentError } from "../errors.ts";
import type { OptimizerConfig, OptimizerKind, ResolvedOptimizerConfig } from "./types.ts";

type Hyper = Exclude<keyof OptimizerConfig, "kind">;

/** Keras 3 defaults (keras/src/optimizers/{sgd,adagrad,rmsprop,adam}.py `__init__`). */
const DEFAULTS: Record<OptimizerKind, Partial<Record<Hyper, number>>> = {
  sgd: { lr: 0.01 },
  momentum: { lr: 0.01, momentum: 0.9 },
  nesterov: { lr: 0.01, momentum: 0.9 },
  adagrad: { lr: 0.001, initialAccumulator: 0.1, epsilon: 1e-7 },
  rmsprop: { lr: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 },
  adam: { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
};

/** Allowed range of each hyperparameter: [lo, hi] or [lo, hi) when `openHi`. */
const RANGES: Record<Hyper, { lo: number; hi: number; openHi: boolean }> = {
  lr: { lo: 0, hi: Infinity, openHi: true },
  momentum: { lo: 0, hi: 1, openHi: false }, // Keras SGD: "momentum must be a float between [0, 1]"
  rho: { lo: 0, hi: 1, openHi: true }, // rho = 1 would never update the average
  beta1: { lo: 0, hi: 1, openHi: true }, // beta = 1 makes the bias correction 1/(1 − 1) blow up
  beta2: { lo: 0, hi: 1, openHi: true },
  epsilon: { lo: 0, hi: Infinity, openHi: true },
  initialAccumulator: { lo: 0, hi: Infinity, openHi: true },
};

export const OPTIMIZER_KINDS = Object.keys(DEFAULTS) as OptimizerKind[];

/**
 * Fill Keras defaults and validate. A hyperparameter the kind does not use is an error rather than
 * silently ignored (e.g. `momentum` on plain "sgd": use kind "momentum").
 */
export function resolveConfig(config: OptimizerConfig, op = "createOptimizer"): ResolvedOptimizerConfig {
  if (typeof config !== "object" || config === null) throw new ArgumentError(op, `config must be an object, got ${String(config)}`);
  const kind = config.kind;
  if (typeof kind !== "string" || !Object.hasOwn(DEFAULTS, kind)) {
    throw new ArgumentError(op, `unknown optimizer kind ${JSON.stringify(kind)}; expected one of ${OPTIMIZER_KINDS.join(", ")}`);
  }
  const defaults = DEFAULTS[kind];
  const out: Record<string, unknown> = { kind };
  for (const [name, value] of Object.entries(config)) {
    if (name === "kind" || value === undefined) continue;
    if (!Object.hasOwn(defaults, name)) {
      const uses = Object.keys(defaults).join(", ");
      throw new ArgumentError(op, `${kind} does not take "${name}" (it takes ${uses})`);
    }
  }
  for (const name of Object.keys(defaults) as Hyper[]) {
    const value = config[name] ?? defaults[name]!;
    const { lo, hi, openHi } = RANGES[name];
    const inRange = typeof value === "number" && value >= lo && (openHi ? value < hi : value <= hi);
    if (!inRange) {
      throw new ArgumentError(op, `${kind}: ${name} must be a number in [${lo}, ${hi}${openHi ? ")" : "]"}, got ${String(value)}`);
    }
    out[name] = value;
  }
  return out as ResolvedOptimizerConfig;
}
