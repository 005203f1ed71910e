import { resolveConfig, type OptimizerConfig } from "../../engine/index.ts";
import { pyFloat } from "./python.ts";

// The sheet's optimizers are Keras's (engine/optim/*.ts). torch.optim puts epsilon elsewhere
// (RMSprop, Adagrad, Adam add it outside the square root, and Adam bias-corrects differently), so
// the script writes the same update rules by hand rather than approximating them.

const RULES: Record<string, { name: string; doc: string; init: string; update: string }> = {
  sgd: {
    name: "KerasSGD",
    doc: "Keras SGD: p -= lr * g.",
    init: "",
    update: `p.sub_(group["lr"] * p.grad)`,
  },
  momentum: {
    name: "KerasMomentum",
    doc: "Keras SGD with momentum: m = momentum * m - lr * g; p += m (nesterov: p += momentum * m - lr * g).",
    init: `state["m"] = torch.zeros_like(p)`,
    update: `m = state["m"]
                m.mul_(group["momentum"]).sub_(group["lr"] * p.grad)
                p.add_(group["momentum"] * m - group["lr"] * p.grad if group["nesterov"] else m)`,
  },
  adagrad: {
    name: "KerasAdagrad",
    doc: "Keras Adagrad: a += g^2 (a starts at initial_accumulator); p -= lr * g / sqrt(a + epsilon), epsilon inside the root.",
    init: `state["a"] = torch.full_like(p, group["initial_accumulator"])`,
    update: `state["a"].add_(p.grad * p.grad)
                p.sub_(group["lr"] * p.grad / torch.sqrt(state["a"] + group["epsilon"]))`,
  },
  rmsprop: {
    name: "KerasRMSprop",
    doc: "Keras RMSprop (torch's alpha is rho): v = rho * v + (1 - rho) * g^2; step = lr * g / sqrt(v + epsilon), epsilon inside the root.",
    init: `state["v"] = torch.zeros_like(p)
                    state["b"] = torch.zeros_like(p)`,
    update: `v = state["v"]
                v.mul_(group["rho"]).add_((1 - group["rho"]) * p.grad * p.grad)
                delta = group["lr"] * p.grad / torch.sqrt(v + group["epsilon"])
                if group["momentum"] > 0:
                    delta = state["b"].mul_(group["momentum"]).add_(delta)
                p.sub_(delta)`,
  },
  adam: {
    name: "KerasAdam",
    doc: "Keras Adam: alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t); p -= alpha * m / (sqrt(v) + epsilon).",
    init: `state["t"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)`,
    update: `state["t"] += 1
                t, m, v = state["t"], state["m"], state["v"]
                m.add_((p.grad - m) * (1 - group["beta1"]))
                v.add_((p.grad * p.grad - v) * (1 - group["beta2"]))
                alpha = group["lr"] * (1 - group["beta2"] ** t) ** 0.5 / (1 - group["beta1"] ** t)
                p.sub_(alpha * m / (torch.sqrt(v) + group["epsilon"]))`,
  },
};

/** The optimizer class the script defines, and the expression that builds it for `params`. */
export function optimizerCode(config: OptimizerConfig, params: string): { classCode: string; construct: string } {
  const resolved = resolveConfig(config) as unknown as Record<string, number | string>;
  const rule = RULES[config.kind === "nesterov" ? "momentum" : config.kind]!;
  const hyper = Object.entries(resolved)
    .filter(([k]) => k !== "kind")
    .map(([k, v]) => `${k === "initialAccumulator" ? "initial_accumulator" : k}=${pyFloat(v as number)}`);
  if (config.kind === "momentum" || config.kind === "nesterov") hyper.push(`nesterov=${config.kind === "nesterov" ? "True" : "False"}`);
  const classCode = `class ${rule.name}(torch.optim.Optimizer):
    """${rule.doc}"""

    def __init__(self, params, **hyperparameters):
        super().__init__(params, hyperparameters)

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    ${rule.init || "pass"}
                ${rule.update}
`;
  return { classCode, construct: `${rule.name}(${params}, ${hyper.join(", ")})` };
}
