import { grad, type Tensor } from "../engine/index.ts";
import type { BackwardPassCount, DifferentiableSheet } from "./gradients.ts";

/**
 * ∂objective/∂cell, the gradient panel's view of the sheet. Adjoints are cached per objective
 * value; the sheet invalidates them whenever any cell becomes dirty.
 */
export class Adjoints {
  private cache: { readonly objective: Tensor; readonly adjoints: Map<string, Tensor> } | null = null;

  constructor(
    private readonly sheet: DifferentiableSheet,
    private readonly passes: BackwardPassCount,
    private objectiveName: string | null,
  ) {}

  get objective(): string | null {
    return this.objectiveName;
  }

  setObjective(nameOrAddress: string | null): void {
    this.objectiveName = nameOrAddress;
    this.cache = null;
  }

  invalidate(): void {
    this.cache = null;
  }

  /** Whether ∂objective/∂cell exists: the cell is upstream of the objective and has a value. */
  has(address: string): boolean {
    const objAddress = this.objectiveAddress();
    return objAddress !== undefined && this.sheet.upstream(objAddress).has(address) && this.sheet.valueAt(address) != null;
  }

  /**
   * ∂objective/∂cell for the requested cells, from one backward pass over all of them that are not
   * cached yet. Asking only for what is shown keeps the pass from differentiating into big data.
   * Only for a scalar objective of an up-to-date sheet (the caller checks the latter).
   */
  of(addresses: readonly string[]): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const objAddress = this.objectiveAddress();
    const objective = objAddress === undefined ? null : this.sheet.valueAt(objAddress);
    if (objective === null || objective.size !== 1) return out;
    if (this.cache?.objective !== objective) this.cache = { objective, adjoints: new Map() };
    const cache = this.cache.adjoints;
    const missing = addresses.filter((a) => !cache.has(a) && this.has(a));
    if (missing.length > 0) {
      this.passes.count++;
      const grads = grad(objective, missing.map((a) => this.sheet.valueAt(a)!));
      missing.forEach((a, i) => cache.set(a, grads[i]!));
    }
    for (const a of addresses) if (cache.has(a)) out.set(a, cache.get(a)!);
    return out;
  }

  private objectiveAddress(): string | undefined {
    return this.objectiveName === null ? undefined : this.sheet.resolve(this.objectiveName);
  }
}
