import type { Tensor } from "../engine/index.ts";
import type { CellRecord } from "./document.ts";
import type { EvalContext } from "./language/compile.ts";

// The types at the Sheet's boundary (sheet.ts): how one is made and how it evaluates.

export interface SheetInit {
  readonly title?: string;
  readonly seed?: number;
  readonly cells?: readonly CellRecord[];
  /** Stored param values by cell name; they win over the initializer (whose shape must match). */
  readonly params?: ReadonlyMap<string, Tensor>;
  readonly objective?: string | null;
  /** Built-in datasets (MNIST); absent in sheets that don't load them. */
  readonly dataset?: EvalContext["dataset"];
}

export interface EvaluationReport {
  /** Addresses evaluated in this pass, in evaluation order. */
  readonly evaluated: readonly string[];
  /** True when a newer change superseded the pass before it finished; the rest stays dirty. */
  readonly cancelled: boolean;
}

export interface EvaluationOptions {
  /** Cells to bring up to date first (those in view): they and everything upstream run before the rest. */
  readonly priority?: Iterable<string>;
  /** Called after each cell is evaluated, for progress reports. */
  readonly onEvaluated?: (address: string) => void;
  /** Polled inside large products: true stops the pass part-way, the cell in hand left dirty. */
  readonly interrupt?: () => boolean;
}
