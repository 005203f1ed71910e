import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { sameShape } from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { adagrad } from "./adagrad.ts";
import { adam } from "./adam.ts";
import { resolveConfig } from "./config.ts";
import { rmsprop } from "./rmsprop.ts";
import { momentum, sgd } from "./sgd.ts";
import type { Optimizer, OptimizerConfig, OptimizerState, ResolvedOptimizerConfig, UpdateRule } from "./types.ts";

function ruleFor(config: ResolvedOptimizerConfig): UpdateRule {
  switch (config.kind) {
    case "sgd": return sgd;
    case "momentum":
    case "nesterov": return momentum;
    case "adagrad": return adagrad;
    case "rmsprop": return rmsprop;
    case "adam": return adam;
  }
}

/** The generic driver: validation, lazy slots, the step counter and state; the arithmetic is the rule's. */
class RuleOptimizer implements Optimizer {
  readonly config: Readonly<ResolvedOptimizerConfig>;
  private readonly rule: UpdateRule;

  constructor(
    config: ResolvedOptimizerConfig,
    private iterations: number,
    private readonly slots: Float32Array[][],
  ) {
    this.config = Object.freeze({ ...config });
    this.rule = ruleFor(config);
  }

  stepInPlace(params: Float32Array[], grads: readonly Readonly<Float32Array>[]): void {
    if (params.length !== grads.length) {
      throw new ArgumentError("optimizer step", `got ${params.length} params but ${grads.length} gradients`);
    }
    // Check everything before touching anything, so a bad call leaves params and state as they were.
    for (let i = 0; i < params.length; i++) {
      const n = params[i]!.length;
      if (grads[i]!.length !== n) {
        throw new ArgumentError("optimizer step", `param ${i} has ${n} values but its gradient has ${grads[i]!.length}`);
      }
      const built = this.slots[i]?.[0]?.length;
      if (built !== undefined && built !== n) {
        throw new ArgumentError("optimizer step", `param ${i} has ${n} values but its optimizer slots were built for ${built}`);
      }
    }
    const step = this.iterations + 1;
    const inits = this.rule.slotInits(this.config);
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      const slots = (this.slots[i] ??= inits.map((v) => new Float32Array(p.length).fill(v)));
      this.rule.update(this.config, step, p, grads[i]!, slots);
    }
    this.iterations = step;
  }

  apply(params: readonly Tensor[], grads: readonly Tensor[]): Tensor[] {
    if (params.length !== grads.length) {
      throw new ArgumentError("optimizer apply", `got ${params.length} params but ${grads.length} gradients`);
    }
    params.forEach((p, i) => {
      const g = grads[i]!;
      if (!sameShape(p.shape, g.shape)) {
        throw new ShapeError("optimizer apply", [p.shape, g.shape],
          `optimizer apply: param ${i} has shape ${formatShape(p.shape)} but its gradient has shape ${formatShape(g.shape)}`);
      }
    });
    const out = params.map((p) => new Float32Array(p.data));
    this.stepInPlace(out, grads.map((g) => g.data));
    return out.map((data, i) => new Tensor(params[i]!.shape, data));
  }

  state(): OptimizerState {
    return {
      kind: this.config.kind,
      config: { ...this.config },
      iterations: this.iterations,
      slots: this.slots.map((s) => s.map((a) => a.slice())),
    };
  }
}

export function createOptimizer(config: OptimizerConfig): Optimizer {
  return new RuleOptimizer(resolveConfig(config), 0, []);
}

/** Rebuild an optimizer from `state()`; the state is validated and copied, never shared. */
export function restoreOptimizer(state: OptimizerState): Optimizer {
  const op = "restoreOptimizer";
  if (typeof state !== "object" || state === null) throw new ArgumentError(op, "state must be an OptimizerState object");
  const config = resolveConfig(state.config, op);
  if (state.kind !== config.kind) throw new ArgumentError(op, `state.kind "${state.kind}" disagrees with config.kind "${config.kind}"`);
  if (!Number.isSafeInteger(state.iterations) || state.iterations < 0) {
    throw new ArgumentError(op, `iterations must be a non-negative integer, got ${state.iterations}`);
  }
  const count = ruleFor(config).slotInits(config).length;
  if (!Array.isArray(state.slots)) throw new ArgumentError(op, "slots must be an array (one entry per param)");
  const slots = state.slots.map((s, i) => {
    if (!Array.isArray(s) || s.length !== count || !s.every((a) => a instanceof Float32Array && a.length === s[0]!.length)) {
      throw new ArgumentError(op, `slots[${i}] must hold ${count} Float32Arrays of equal length for ${config.kind}`);
    }
    return s.map((a) => a.slice());
  });
  return new RuleOptimizer(config, state.iterations, slots);
}
