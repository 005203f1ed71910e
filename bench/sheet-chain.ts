/**
 * Re-evaluation after one edit in a long chain of small tensors: a 1,000-cell chain c0 → c999 of
 * element-wise expressions on a 4×4 tensor, a scalar `s` feeding the middle of it, and side cells.
 * An edit runs what the app's sheet worker asks of the sheet per edit: `setCell` (parse, compile,
 * update the dependency graph, mark downstream dirty) then `evaluateAsync` over the dirty cells;
 * a second figure adds the cell views the worker then builds for the page. The evaluation counts
 * come from the sheet itself (the pass's report and each cell's counter).
 *
 * Importing this file has no side effects: the tests build the same chain through `buildSheetChain`.
 */
import {
  FORMAT_NAME, FORMAT_VERSION, sheetFromDocument, type CellRecord, type EvaluationReport, type Sheet, type SheetDocument,
} from "../cells/index.ts";
import { cellView } from "../src/worker/cell-view.ts";
import type { CellView } from "../src/worker/protocol.ts";
import { median, type MeasureOptions } from "./measure.ts";

export const CHAIN_LENGTH = 1000;

/** One link of the chain: its source (given the previous cell's name) and the same map on a number. */
export interface ChainStep {
  readonly source: (prev: string) => string;
  readonly apply: (x: number) => number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Cell i (i ≥ 1, except the middle one) uses STEPS[i % 3]. Each map is close to the identity, so
 * an edit upstream still shows at the far end of the chain (no fixed point swallows it).
 */
export const STEPS: readonly ChainStep[] = [
  { source: (p) => `${p} * 0.998 + 0.002 * sigmoid(${p})`, apply: (x) => x * 0.998 + 0.002 * sigmoid(x) },
  { source: (p) => `${p} + 0.01 * tanh(${p})`, apply: (x) => x + 0.01 * Math.tanh(x) },
  { source: (p) => `${p} - 0.005 * sin(${p} * 2)`, apply: (x) => x - 0.005 * Math.sin(x * 2) },
];

/** The middle cell adds the scalar `s`: c{mid} = c{mid-1} + s. */
export const midIndex = (length: number) => Math.floor(length / 2);

/** The head tensor, 4×4; `scale` varies it from edit to edit. */
export function headValues(scale = 1): number[][] {
  return [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => Number((((r * 4 + c) / 7.5 - 1) * scale).toFixed(4))));
}

export const headSource = (values: readonly (readonly number[])[]) => `c0 = ${JSON.stringify(values).replace(/,/g, ", ")}`;
export const scalarSource = (s: number) => `s = ${s}`;

export interface ChainLayout {
  readonly document: SheetDocument;
  readonly length: number;
  /** Address of c_i, for every i. */
  readonly chain: readonly string[];
  /** Address of the scalar `s`, read by c{mid}. */
  readonly scalar: string;
  /** Side cells by name: `k` and `early` and `quarter` hang off nothing or the upstream half; `total` reads c{last}. */
  readonly side: Readonly<Record<"k" | "early" | "quarter" | "total", string>>;
  /** Which cells must re-run when `s` is edited, and when c0 is: worked out from the layout, not asked of the sheet. */
  readonly midDownstream: ReadonlySet<string>;
  readonly headDownstream: ReadonlySet<string>;
}

/** The chain as a sheet file: c_i in column A (row i + 1), the scalar and side cells in column B. */
export function chainLayout(length = CHAIN_LENGTH): ChainLayout {
  if (length < 8) throw new Error("the chain needs at least 8 cells");
  const mid = midIndex(length);
  const chain = Array.from({ length }, (_, i) => `A${i + 1}`);
  const cells: CellRecord[] = chain.map((address, i) => ({
    address,
    source: i === 0 ? headSource(headValues()) : i === mid ? `c${i} = c${i - 1} + s` : `c${i} = ${STEPS[i % 3]!.source(`c${i - 1}`)}`,
  }));
  const scalar = "B1";
  const side = { k: "B2", early: "B3", quarter: "B4", total: "B5" } as const;
  const quarter = Math.floor(length / 4);
  cells.push(
    { address: scalar, source: scalarSource(0.5) },
    { address: side.k, source: "k = [1, 2, 3]" },
    { address: side.early, source: `early = sum(c${quarter >> 1})` },
    { address: side.quarter, source: `quarter = c${quarter} * 2` },
    { address: side.total, source: `total = mean(c${length - 1})` },
  );
  const document: SheetDocument = { format: FORMAT_NAME, version: FORMAT_VERSION, title: "1,000-cell chain", seed: 0, cells };
  return {
    document,
    length,
    chain,
    scalar,
    side,
    midDownstream: new Set([scalar, ...chain.slice(mid), side.total]),
    headDownstream: new Set([...chain, side.early, side.quarter, side.total]),
  };
}

export interface SheetChain extends ChainLayout {
  readonly sheet: Sheet;
}

/** The chain loaded the way the app's sheet worker loads a file, then evaluated once. */
export function buildSheetChain(length = CHAIN_LENGTH): SheetChain {
  const layout = chainLayout(length);
  const sheet = sheetFromDocument(layout.document);
  sheet.evaluate();
  return { ...layout, sheet };
}

/** c_i computed directly in float64 from the head values and `s`, for checking the sheet. */
export function chainReference(length: number, head: readonly (readonly number[])[], s: number): number[][] {
  const mid = midIndex(length);
  const out: number[][] = [head.flat()];
  for (let i = 1; i < length; i++) out.push(out[i - 1]!.map((x) => (i === mid ? x + s : STEPS[i % 3]!.apply(x))));
  return out;
}

/**
 * One edit as the sheet worker performs it: setCell (parse, compile, update the graph, mark the
 * downstream cells dirty), then an evaluation pass that a newer edit could abort. The worker's
 * pass yields to the event loop every 8 ms; here it never yields (`sliceMs` = Infinity), so the
 * time measured is the sheet's work, not timer latency.
 */
export function editCell(sheet: Sheet, address: string, source: string, signal?: AbortSignal): Promise<EvaluationReport> {
  sheet.setCell(address, source);
  return sheet.evaluateAsync(signal, Infinity);
}

/**
 * The edit plus what the worker builds for the page around it (src/worker/sheet-worker.ts,
 * `setCell` then `publish`): the edited cell's view right away, then the view of every cell the
 * pass evaluated. The chain has no objective, so no adjoints are asked for.
 */
export async function editAndPublish(sheet: Sheet, address: string, source: string): Promise<EvaluationReport & { readonly views: readonly CellView[] }> {
  sheet.setCell(address, source);
  const pending = [cellView(sheet, address)];
  const report = await sheet.evaluateAsync(undefined, Infinity);
  return { ...report, views: [...pending, ...report.evaluated.map((a) => cellView(sheet, a))] };
}

export interface EditFigure {
  /** Median wall time of one edit, in milliseconds. */
  readonly msPerEdit: number;
  readonly samples: number;
  /** Cells the sheet evaluated per edit (its pass report); the largest seen over all samples. */
  readonly evaluatedPerEdit: number;
  /** Cells downstream of the edit, the edited cell included, worked out from the chain's layout. */
  readonly expectedPerEdit: number;
  /**
   * In every sample the pass evaluated exactly the expected cells, and the sheet's per-cell
   * evaluation counters rose by one for those and stayed put for every other cell.
   */
  readonly exact: boolean;
}

export interface ChainResult {
  /** Cells in the sheet: the chain plus the scalar and side cells. */
  readonly cells: number;
  /** Editing the scalar `s`, which feeds the middle of the chain (setCell + evaluation pass): half the chain re-runs. */
  readonly mid: EditFigure;
  /** The same edit plus the cell views the worker builds for the page (`editAndPublish`). */
  readonly midWithViews: EditFigure;
  /** Editing the head tensor c0 (setCell + evaluation pass): the whole chain re-runs. */
  readonly head: EditFigure;
}

type Edit = (sheet: Sheet, address: string, source: string) => Promise<EvaluationReport>;

/**
 * Time edits of the chain. Each round measures every figure in turn, so background load that
 * comes and goes lands on all of them alike; `options(r)` is round r's warm-up and budget.
 */
export async function measureSheetChain(rounds: number, options: (r: number) => MeasureOptions): Promise<ChainResult> {
  const chain = buildSheetChain();
  const { sheet } = chain;
  // Every edit changes the source (an unchanged source is a no-op for setCell, which the row would
  // count as inexact): each cell has its own counter, so its next value always differs from its last.
  let scalarEdits = 0;
  let headEdits = 0;
  const nextScalar = () => scalarSource(Number((0.25 + (++scalarEdits % 997) * 0.001).toFixed(3)));
  const nextHead = () => headSource(headValues(1 + (++headEdits % 97) * 0.001));

  const figures = [
    { edit: editCell, address: chain.scalar, next: nextScalar, expected: chain.midDownstream },
    { edit: editAndPublish, address: chain.scalar, next: nextScalar, expected: chain.midDownstream },
    { edit: editCell, address: chain.chain[0]!, next: nextHead, expected: chain.headDownstream },
  ].map((f) => ({ ...f, samples: [] as number[], evaluated: 0, exact: true }));

  for (let r = 0; r < rounds; r++) {
    for (const f of figures) {
      const edit: Edit = f.edit;
      f.samples.push(...(await sampleEdits(options(r), async (timed) => {
        const before = evaluationCounts(sheet);
        const source = f.next();
        const report = await timed(() => edit(sheet, f.address, source));
        f.evaluated = Math.max(f.evaluated, report.evaluated.length);
        f.exact &&= !report.cancelled && report.evaluated.length === f.expected.size
          && report.evaluated.every((a) => f.expected.has(a)) && countsRoseForExactly(sheet, before, f.expected);
      })));
    }
  }
  const [mid, midWithViews, head] = figures.map((f): EditFigure => ({
    msPerEdit: median(f.samples), samples: f.samples.length, evaluatedPerEdit: f.evaluated, expectedPerEdit: f.expected.size, exact: f.exact,
  })) as [EditFigure, EditFigure, EditFigure];
  return { cells: sheet.addresses().length, mid, midWithViews, head };
}

/** Every cell's evaluation counter, as the sheet reports it. */
export function evaluationCounts(sheet: Sheet): Map<string, number> {
  return new Map(sheet.addresses().map((a) => [a, sheet.result(a)!.evaluations]));
}

/** The counters of `expected` rose by exactly one since `before`; every other counter stayed put. */
export function countsRoseForExactly(sheet: Sheet, before: ReadonlyMap<string, number>, expected: ReadonlySet<string>): boolean {
  for (const [a, n] of before) if (sheet.result(a)!.evaluations !== n + (expected.has(a) ? 1 : 0)) return false;
  return true;
}

/**
 * `sample` from measure.ts for an asynchronous edit: the same warm-up and budget, but only the
 * part wrapped in `timed` is on the clock (checking the counts afterwards is not).
 */
async function sampleEdits(
  options: MeasureOptions,
  run: (timed: <T>(f: () => Promise<T>) => Promise<T>) => Promise<void>,
): Promise<number[]> {
  let last = 0;
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    last = performance.now() - t0;
    return out;
  };
  const warmEnd = performance.now() + options.warmupMs;
  for (let i = 0; i < 2 || performance.now() < warmEnd; i++) await run(timed);
  const samples: number[] = [];
  const end = performance.now() + options.budgetMs;
  while (samples.length < options.minRuns || performance.now() < end) {
    await run(timed);
    samples.push(last);
  }
  return samples;
}
