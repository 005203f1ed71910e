import { Interrupted, type Tensor } from "../engine/index.ts";
import { isAddress } from "./address.ts";
import { Adjoints } from "./adjoints.ts";
import { cellResult, isParamRename, makeCellEntry, sameStructure, type CellEntry, type CellResult } from "./cell-entry.ts";
import { CellScopes, type ScopeSheet } from "./cell-scope.ts";
import { CellTable } from "./cell-table.ts";
import type { CellRecord } from "./document.ts";
import { CellError } from "./errors.ts";
import { GradCellGradients, type BackwardPassCount, type DifferentiableSheet } from "./gradients.ts";
import { buildGraph, type DependencyGraph } from "./graph.ts";
import { definitionNote, functionResolutionError, userFunctionsOf, type UserFunctionInfo } from "./function-cells.ts";
import { TrainingHistories } from "./histories.ts";
import { toCellError, type CompiledCell, type EvalContext, type GradRequest } from "./language/compile.ts";
import { ParamStore } from "./params.ts";
import { reachable, resolutionError, sameResolution } from "./resolution.ts";
import type { EvaluationOptions, EvaluationReport, SheetInit } from "./sheet-types.ts";
import { runInSlices } from "./time-slices.ts";
import { priorityOrder } from "./priority-order.ts";
import type { Drawing } from "./sketch.ts";

export type { CellResult } from "./cell-entry.ts";
export type { EvaluationOptions, EvaluationReport, SheetInit } from "./sheet-types.ts";

/**
 * The reactive sheet: cells, their dependency graph, and incremental evaluation. An edit marks that
 * cell and everything downstream dirty; `evaluate` re-runs exactly those, once each, in dependency
 * order. Errors are values that flow to dependents. What a cell is (cell-entry.ts) and why it
 * cannot run (resolution.ts) are decided elsewhere, as are the stores the sheet composes: cells
 * (cell-table.ts), contexts (cell-scope.ts), param values (params.ts), derivatives (gradients.ts,
 * adjoints.ts) and training histories (histories.ts).
 */
export class Sheet {
  title: string;
  readonly seed: number;
  private readonly entries = new CellTable();
  private graph: DependencyGraph = buildGraph([]);
  private readonly dirty = new Set<string>();
  private readonly dataset: EvalContext["dataset"];
  private readonly params: ParamStore;
  private readonly histories = new TrainingHistories();
  private readonly passes: BackwardPassCount = { count: 0 };
  private readonly gradCells: GradCellGradients;
  private readonly objectiveAdjoints: Adjoints;
  private readonly scopes: CellScopes;

  constructor(init: SheetInit = {}) {
    this.title = init.title ?? "Untitled sheet";
    this.seed = init.seed ?? 0;
    this.dataset = init.dataset;
    // What the stores below may read of the sheet; they never change it.
    const view: DifferentiableSheet & ScopeSheet = {
      seed: this.seed,
      dataset: this.dataset,
      resolve: (ref) => this.resolve(ref),
      upstream: (address) => this.upstream(address),
      valueAt: (address) => this.entries.get(address)?.result.value ?? null,
      gradRequests: () => this.gradRequests(),
      gradient: (y, yName, x) => this.gradCells.gradient(y, yName, x),
      definitionAt: (address) => this.entries.get(address)?.compiled?.definition ?? null,
    };
    this.gradCells = new GradCellGradients(view, this.passes);
    this.objectiveAdjoints = new Adjoints(view, this.passes, init.objective ?? null);
    this.scopes = new CellScopes(view);
    for (const c of init.cells ?? []) this.entries.set(c.address, makeCellEntry(c.address, c.source, c.note, c.drawing));
    this.params = new ParamStore(init.params);
    for (const e of this.entries.values()) if (e.compiled?.isParam && e.parsed.name !== null) this.params.claim(e.parsed.name, e.source);
    this.restructure([...this.entries.keys()]);
  }

  // ---- reading ----------------------------------------------------------------------------

  addresses(): string[] {
    return this.entries.addresses();
  }

  cells(): CellRecord[] {
    return this.entries.records();
  }

  source(address: string): string | undefined {
    return this.entries.get(address)?.source;
  }

  note(address: string): string | undefined {
    return this.entries.get(address)?.note;
  }

  result(address: string): CellResult | undefined {
    return this.entries.get(address)?.result;
  }

  /** The address defining `nameOrAddress`, if exactly one cell does. */
  resolve(nameOrAddress: string): string | undefined {
    const defs = this.graph.definitions.get(nameOrAddress);
    if (defs?.length === 1) return defs[0];
    return isAddress(nameOrAddress) && this.entries.has(nameOrAddress) ? nameOrAddress : undefined;
  }

  /** The functions the sheet's cells define, for autocomplete and the function reference. */
  userFunctions(): UserFunctionInfo[] {
    return userFunctionsOf(this.entries.values());
  }

  /** Stored param values (by cell name) of the param cells that exist. */
  paramValues(): Map<string, Tensor> {
    const paramCells = [...this.entries.values()].filter((e) => e.compiled?.isParam && e.parsed.name !== null);
    return this.params.storedOf(paramCells.map((e) => e.parsed.name!));
  }

  get objective(): string | null {
    return this.objectiveAdjoints.objective;
  }

  /** Direct dependencies and dependents, as addresses. */
  dependencies(address: string): readonly string[] {
    return this.graph.deps.get(address) ?? [];
  }

  dependents(address: string): readonly string[] {
    return this.graph.dependents.get(address) ?? [];
  }

  isDirty(address: string): boolean {
    return this.dirty.has(address);
  }

  /** The compiled form of a cell, for programs that re-run part of the sheet (training). */
  compiledCell(address: string): CompiledCell | null {
    return this.entries.get(address)?.compiled ?? null;
  }

  /** Every address, dependencies before dependents. */
  evaluationOrder(): readonly string[] {
    return this.graph.order;
  }

  /** Every cell `address` depends on, directly or not. */
  upstream(address: string): Set<string> {
    return reachable(address, this.graph.deps);
  }

  /** Every cell that depends on `address`, directly or not. */
  downstream(address: string): Set<string> {
    return reachable(address, this.graph.dependents);
  }

  /** The built-in datasets this sheet reads, if any. */
  get datasets(): EvalContext["dataset"] {
    return this.dataset;
  }

  /** Re-evaluate the cells that call `fn` (e.g. "dataset"), after the data behind it changed. */
  refreshCellsCalling(fn: string): void {
    this.markDirty([...this.entries.values()].filter((e) => e.calls.has(fn)).map((e) => e.address));
  }

  /** The loss histories shown by training cells, by address. */
  trainingHistories(): ReadonlyMap<string, Tensor> {
    return this.histories.all();
  }

  /** Show a training run's loss history as its cell's value. */
  setTrainingHistory(address: string, history: Tensor): void {
    this.histories.set(address, history);
    this.markDirty([address]);
  }

  /** Backward passes run for grad cells and adjoints; tests read it to prove passes are shared. */
  get backwardPasses(): number {
    return this.passes.count;
  }

  // ---- editing ----------------------------------------------------------------------------

  setCell(address: string, source: string, note?: string): void {
    if (!isAddress(address)) throw new CellError("name", `"${address}" is not a cell address such as A1 or C12`);
    const before = this.entries.get(address);
    if (before && before.source === source && before.note === note) return;
    const entry = makeCellEntry(address, source, note ?? before?.note, before?.drawing);
    // The old value stays visible (as dirty) until the new source has been evaluated.
    if (before) entry.result = { ...before.result, name: entry.parsed.name };
    if (before && isParamRename(before, entry)) this.params.rename(before.parsed.name!, entry.parsed.name!, source);
    if (entry.compiled?.isParam && entry.parsed.name !== null) this.params.initializerChanged(entry.parsed.name, source);
    this.entries.set(address, entry);
    // A new value with the same name and references (the usual edit) leaves the graph as it is.
    if (before && sameStructure(before, entry)) this.markDirty([address]);
    else this.restructure([address]);
  }

  /** Replace a sketch cell's strokes (empty: cleared); the cell and its dependents evaluate again. */
  setDrawing(address: string, drawing: Drawing): void {
    const before = this.entries.get(address);
    if (!before) return;
    // A new entry, so the cell gets a fresh context and memo, and nothing remembers the old drawing.
    this.entries.set(address, { ...before, drawing: drawing.length > 0 ? drawing : undefined });
    this.markDirty([address]);
  }

  deleteCell(address: string): void {
    if (!this.entries.delete(address)) return;
    this.restructure([]);
  }

  moveCell(from: string, to: string): void {
    const e = this.entries.get(from);
    if (!e || from === to) return;
    if (!isAddress(to)) throw new CellError("name", `"${to}" is not a cell address such as A1 or C12`);
    if (this.entries.has(to)) throw new CellError("name", `cannot move ${from} to ${to}: ${to} is not empty`);
    this.entries.delete(from);
    this.entries.set(to, { ...e, address: to, result: { ...e.result, address: to } });
    this.restructure([to]);
  }

  setObjective(nameOrAddress: string | null): void {
    this.objectiveAdjoints.setObjective(nameOrAddress);
  }

  /** Throw away a param's stored value so its initializer runs again. */
  reinitialize(name: string): void {
    this.params.forget(name);
    const address = this.resolve(name);
    if (address !== undefined) this.markDirty([address]);
  }

  /** Set a param's value (training, import). The shape must stay the same. */
  setParam(name: string, value: Tensor): void {
    const address = this.resolve(name);
    const entry = address === undefined ? undefined : this.entries.get(address);
    if (!entry?.compiled?.isParam) throw new CellError("name", `no param cell named ${name}`);
    this.params.set(name, value, entry.source);
    this.markDirty([address!]);
  }

  // ---- evaluation -------------------------------------------------------------------------

  /** Evaluate every dirty cell now. */
  evaluate(): EvaluationReport {
    const steps = this.evaluationSteps();
    const evaluated: string[] = [];
    for (let s = steps.next(); !s.done; s = steps.next()) evaluated.push(s.value);
    return { evaluated, cancelled: false };
  }

  /**
   * Evaluate dirty cells, yielding to the event loop between cells so a newer edit can abort
   * the pass through `signal`. Cells not reached stay dirty for the next pass.
   */
  async evaluateAsync(signal?: AbortSignal, sliceMs = 8, options: EvaluationOptions = {}): Promise<EvaluationReport> {
    const steps = this.evaluationSteps(options.priority, options.onEvaluated);
    const { done, cancelled } = await runInSlices(steps, signal, sliceMs, options.interrupt ?? null);
    return { evaluated: done, cancelled };
  }

  /** Whether ∂objective/∂cell exists: the cell is upstream of a scalar objective that has a value. */
  hasAdjoint(address: string): boolean {
    return this.objectiveAdjoints.has(address);
  }

  /** ∂objective/∂cell for the requested cells (none while the sheet has dirty cells); see Adjoints.of. */
  adjoints(addresses: readonly string[]): Map<string, Tensor> {
    return this.dirty.size > 0 ? new Map() : this.objectiveAdjoints.of(addresses);
  }

  adjoint(address: string): Tensor | null {
    return this.adjoints([address]).get(address) ?? null;
  }

  /** How many cells wait for evaluation. */
  dirtyCount(): number {
    return this.dirty.size;
  }

  private *evaluationSteps(priority?: Iterable<string>, onEvaluated?: (address: string) => void): Generator<string> {
    for (const address of priorityOrder(this.graph, priority)) {
      if (!this.dirty.has(address)) continue;
      const entry = this.entries.get(address);
      this.dirty.delete(address);
      if (!entry) continue;
      try {
        this.evaluateCell(entry);
      } catch (e) {
        this.dirty.add(address); // interrupted: still to do
        throw e;
      }
      onEvaluated?.(address);
      yield address;
    }
  }

  private evaluateCell(entry: CellEntry): void {
    const start = performance.now();
    let value: Tensor | null = null;
    let error: CellError | null = null;
    const scope = this.scopes.forRun(entry);
    try {
      value = this.computeCell(entry, scope.ctx);
    } catch (e) {
      if (e instanceof Interrupted) throw e; // not the cell's error: the pass stops
      error = toCellError(e);
    }
    const definition = entry.compiled?.definition;
    const notes = definition && error === null ? [definitionNote(definition)] : value === null ? [] : [...scope.notes];
    entry.result = cellResult(entry, { value, error, ms: performance.now() - start, evaluations: entry.result.evaluations + 1, reused: scope.memo.reused, notes });
  }

  private computeCell(entry: CellEntry, ctx: EvalContext): Tensor | null {
    const { address, parsed, compiled } = entry;
    if (compiled === null) throw entry.compileError!;
    const problem = resolutionError(this.graph, address, parsed, (dep) => this.entries.get(dep)!.result);
    if (problem !== null) throw functionResolutionError(this.graph, entry, problem);
    if (compiled.definition) return null;
    if (compiled.training) return this.histories.valueOf(address);
    if (!compiled.isParam) return compiled.run(ctx);
    return this.params.valueOf(parsed.name!, entry.source, compiled.run(ctx));
  }

  private *gradRequests(): Generator<GradRequest> {
    for (const e of this.entries.values()) yield* e.compiled?.gradRequests ?? [];
  }

  // ---- structure --------------------------------------------------------------------------

  /**
   * Rebuild the dependency graph; the cells that changed, plus every cell whose resolution
   * (what its names point at, duplicate or cycle status) changed, become dirty with all their dependents.
   */
  private restructure(changed: readonly string[]): void {
    const before = this.graph;
    this.graph = buildGraph(
      [...this.entries.values()].map((e) => ({ address: e.address, name: e.parsed.name, refs: e.compiled?.refs ?? new Map() })),
    );
    const roots = new Set(changed);
    for (const e of this.entries.values()) if (!sameResolution(before, this.graph, e.address, e.parsed.name)) roots.add(e.address);
    for (const a of this.dirty) if (!this.entries.has(a)) this.dirty.delete(a);
    this.markDirty([...roots].filter((a) => this.entries.has(a)));
  }

  private markDirty(roots: readonly string[]): void {
    const stack = [...roots];
    while (stack.length > 0) {
      const a = stack.pop()!;
      if (this.dirty.has(a)) continue;
      this.dirty.add(a);
      stack.push(...(this.graph.dependents.get(a) ?? []));
    }
    this.objectiveAdjoints.invalidate();
  }
}
