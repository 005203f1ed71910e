// Which cells re-ran since the sheet last settled: the dependency view highlights them after an edit.

/** What the tracker needs of a cell: how often it was evaluated and how long the last one took. */
export interface EvaluatedCell {
  readonly address: string;
  readonly evaluations: number;
  readonly ms: number;
}

export interface Reruns {
  /** Addresses whose evaluation count changed (or that are new), in the order given. */
  readonly addresses: readonly string[];
  /** The sum of their last evaluation times. */
  readonly ms: number;
}

export const NO_RERUNS: Reruns = { addresses: [], ms: 0 };

/** The cells evaluated again since `baseline` (address → evaluation count at the previous settled pass). */
export function rerunsSince(baseline: ReadonlyMap<string, number>, cells: readonly EvaluatedCell[]): Reruns {
  const ran = cells.filter((c) => baseline.get(c.address) !== c.evaluations);
  return { addresses: ran.map((c) => c.address), ms: ran.reduce((s, c) => s + c.ms, 0) };
}

/** The evaluation counts to compare the next pass with. */
export function evaluationBaseline(cells: readonly EvaluatedCell[]): Map<string, number> {
  return new Map(cells.map((c) => [c.address, c.evaluations]));
}

/** The legend's sentence: "re-ran after the last edit: 3 cells, 812 ms". */
export function rerunLegend(reruns: Reruns): string {
  const n = reruns.addresses.length;
  return `re-ran after the last edit: ${n} ${n === 1 ? "cell" : "cells"}, ${formatMs(reruns.ms)}`;
}

/** Milliseconds as people read them: 0.4 ms, 12 ms, 1,234 ms. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}
