import { add } from "./ops/elementwise.ts";
import { full, zeros } from "./ops/creation.ts";
import { ArgumentError, formatShape } from "./errors.ts";
import { sameShape } from "./shape.ts";
import { withRecording } from "./tape.ts";
import type { Tensor } from "./tensor.ts";

export interface GradOptions {
  /** Record the backward pass itself, so gradients can be differentiated again. */
  readonly createGraph?: boolean;
  /** Gradient of the output to start from; defaults to ones, i.e. the gradient of `sum(y)`. */
  readonly seed?: Tensor;
}

/**
 * Reverse-mode gradients of `sum(y)` with respect to every tensor in `xs`, in one backward pass.
 * Targets may be leaves or any recorded intermediate. A target that `y` does not depend on gets zeros.
 */
export function grad(y: Tensor, xs: readonly Tensor[], options: GradOptions = {}): Tensor[] {
  return gradients(y, xs, options).values;
}

export interface Gradients {
  /** ∂ sum(y) / ∂ x for each x, zeros where nothing flowed back. */
  readonly values: Tensor[];
  /** Whether any gradient reached each x: false when y does not depend on it (the zeros say nothing). */
  readonly connected: boolean[];
}

/** `grad`, also telling which targets y depends on, so callers can say why a gradient is zero. */
export function gradients(y: Tensor, xs: readonly Tensor[], options: GradOptions = {}): Gradients {
  const order = topologicalOrder(y);
  const targets = new Set(xs);
  const reachesTarget = markTargetPaths(order, targets);

  const adjoint = new Map<Tensor, Tensor>();
  if (reachesTarget.has(y)) {
    const seed = options.seed ?? full(y.shape, 1);
    if (!sameShape(seed.shape, y.shape)) {
      throw new ArgumentError("grad", `seed of shape ${formatShape(seed.shape)} does not match output ${formatShape(y.shape)}`);
    }
    adjoint.set(y, seed);
  }

  withRecording(options.createGraph ?? false, () => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i]!;
      const g = adjoint.get(t);
      if (g === undefined || t.node === null) continue;
      const { inputs, backward } = t.node;
      const needs = inputs.map((input) => reachesTarget.has(input));
      const grads = backward(g, needs);
      for (let k = 0; k < inputs.length; k++) {
        const gk = grads[k];
        if (!needs[k] || gk == null) continue;
        const input = inputs[k]!;
        const prev = adjoint.get(input);
        adjoint.set(input, prev === undefined ? gk : add(prev, gk));
      }
      // Free intermediate adjoints as soon as they are consumed; keep the ones that were asked for.
      if (!targets.has(t)) adjoint.delete(t);
    }
  });

  return { values: xs.map((x) => adjoint.get(x) ?? zeros(x.shape)), connected: xs.map((x) => adjoint.has(x)) };
}

/**
 * Every recorded ancestor of `y` (and y), inputs before the ops that use them. The walk does not
 * go past tensors for which `isBoundary` is true (they are still listed, as leaves).
 */
export function topologicalOrder(y: Tensor, isBoundary: (t: Tensor) => boolean = () => false): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative DFS: sheets can chain thousands of ops, deeper than the JS stack allows.
  const stack: { t: Tensor; next: number }[] = [{ t: y, next: 0 }];
  visited.add(y);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const inputs = frame.t !== y && isBoundary(frame.t) ? [] : (frame.t.node?.inputs ?? []);
    if (frame.next < inputs.length) {
      const child = inputs[frame.next++]!;
      if (!visited.has(child)) {
        visited.add(child);
        stack.push({ t: child, next: 0 });
      }
    } else {
      order.push(frame.t);
      stack.pop();
    }
  }
  return order;
}

/** The tensors in `order` from which some target can be reached by following inputs (targets included). */
function markTargetPaths(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const marked = new Set<Tensor>();
  for (const t of order) {
    if (targets.has(t) || (t.node?.inputs.some((input) => marked.has(input)) ?? false)) marked.add(t);
  }
  return marked;
}
