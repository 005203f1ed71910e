import { gradients, type Tensor } from "../engine/index.ts";
import type { GradRequest } from "./language/compile.ts";

/** What differentiation needs to read from the sheet: resolved names, current values and the grad cells. */
export interface DifferentiableSheet {
  resolve(nameOrAddress: string): string | undefined;
  /** Every cell `address` depends on, directly or not. */
  upstream(address: string): ReadonlySet<string>;
  valueAt(address: string): Tensor | null;
  /** The `grad(y, x)` calls of every cell. */
  gradRequests(): Iterable<GradRequest>;
}

/** Backward passes run for grad cells and adjoints; tests read it to prove passes are shared. */
export interface BackwardPassCount {
  count: number;
}

export interface Gradient {
  readonly value: Tensor;
  /** False when y does not depend on x at all: the zeros mean "no dependence", not "flat here". */
  readonly connected: boolean;
}

/**
 * The gradients grad cells ask for, with one backward pass per y value shared by every grad cell
 * that asks about it. Keyed by the y tensor itself, so a new y value starts afresh on its own.
 */
export class GradCellGradients {
  private readonly cache = new WeakMap<Tensor, Map<Tensor, Gradient>>();

  constructor(
    private readonly sheet: DifferentiableSheet,
    private readonly passes: BackwardPassCount,
  ) {}

  gradient(y: Tensor, yName: string | null, x: Tensor): Gradient {
    let cache = this.cache.get(y);
    if (cache === undefined) {
      cache = new Map();
      this.cache.set(y, cache);
      this.batch(y, yName, x, cache);
    }
    let g = cache.get(x);
    if (g === undefined) {
      this.passes.count++;
      const { values, connected } = gradients(y, [x]);
      g = { value: values[0]!, connected: connected[0]! };
      cache.set(x, g);
    }
    return g;
  }

  /** Batch every grad(yName, ·) in the sheet whose x is upstream of y (hence already up to date). */
  private batch(y: Tensor, yName: string | null, x: Tensor, cache: Map<Tensor, Gradient>): void {
    const yAddress = yName === null ? undefined : this.sheet.resolve(yName);
    if (yAddress === undefined) return;
    const upstream = this.sheet.upstream(yAddress);
    const targets = new Set<Tensor>([x]);
    for (const req of this.sheet.gradRequests()) {
      const xa = req.y === yName ? this.sheet.resolve(req.x) : undefined;
      const v = xa !== undefined && upstream.has(xa) ? this.sheet.valueAt(xa) : null;
      if (v) targets.add(v);
    }
    const list = [...targets];
    this.passes.count++;
    const { values, connected } = gradients(y, list);
    values.forEach((value, i) => cache.set(list[i]!, { value, connected: connected[i]! }));
  }
}
