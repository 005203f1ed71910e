import type { Tensor } from "../engine/index.ts";
import { CellError } from "./errors.ts";

/**
 * A stored param value disagrees in shape with what its initializer gives. Its own class, so
 * import can tell it from any other shape error without reading the message.
 */
export class StoredShapeError extends CellError {
  /** "the stored value of W has shape [3] but its initializer gives [2, 2]", without the advice. */
  readonly mismatch: string;

  constructor(readonly param: string, stored: readonly number[], initial: readonly number[]) {
    const mismatch = `the stored value of ${param} has shape [${stored.join(", ")}] but its initializer gives [${initial.join(", ")}]`;
    super("shape", `${mismatch}; re-initialize ${param} to start over`);
    this.mismatch = mismatch;
  }
}

/**
 * Param values by cell name. A param cell's initializer runs on every evaluation, but the value it
 * shows is the stored one (set by training or import) as long as the initializer's source is the
 * one the value came from: editing the initializer is the explicit way to re-initialize.
 */
export class ParamStore {
  private readonly values = new Map<string, Tensor>();
  /** The initializer source each stored value came from. */
  private readonly sources = new Map<string, string>();

  constructor(stored: ReadonlyMap<string, Tensor> = new Map()) {
    for (const [name, value] of stored) this.values.set(name, value);
  }

  /** The stored values of these names (those that have one), in the order given. */
  storedOf(names: Iterable<string>): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    for (const name of names) if (this.values.has(name)) out.set(name, this.values.get(name)!);
    return out;
  }

  /** A stored value (from the file) belongs to the initializer the sheet starts with. */
  claim(name: string, source: string): void {
    if (this.values.has(name)) this.sources.set(name, source);
  }

  /** The initializer of `name` now reads `source`: a value stored from another source is dropped. */
  initializerChanged(name: string, source: string): void {
    if (this.sources.has(name) && this.sources.get(name) !== source) this.forget(name);
  }

  /**
   * A param cell was renamed (`W1 = param(init)` became `kernel = param(init)`, same init): its
   * stored value, perhaps trained for hours, moves with it instead of being re-initialized.
   */
  rename(from: string, to: string, source: string): void {
    const value = this.values.get(from);
    if (value === undefined || this.values.has(to)) return;
    this.forget(from);
    this.set(to, value, source);
  }

  forget(name: string): void {
    this.values.delete(name);
    this.sources.delete(name);
  }

  set(name: string, value: Tensor, source: string): void {
    this.values.set(name, value);
    this.sources.set(name, source);
  }

  /** The value a param cell shows: the stored one, or else its initial value, which is stored from now on. */
  valueOf(name: string, source: string, initial: Tensor): Tensor {
    const stored = this.values.get(name);
    if (stored === undefined) {
      this.set(name, initial, source);
      return initial;
    }
    if (stored.shape.length !== initial.shape.length || stored.shape.some((d, i) => d !== initial.shape[i])) {
      throw new StoredShapeError(name, stored.shape, initial.shape);
    }
    return stored;
  }
}
