import { Tensor, grad, gradients } from "../engine/index.ts";
import { compareAddresses, isAddress } from "./address.ts";
import type { CellRecord } from "./document.ts";
import { CellError } from "./errors.ts";
import { buildGraph, type DependencyGraph, type RefProblem } from "./graph.ts";
import { compileCell, toCellError, type CompiledCell, type EvalContext } from "./language/compile.ts";
import { FUNCTIONS } from "./language/functions.ts";
import { parseCell, type ParsedCell } from "./language/parse.ts";

/** What a cell shows: its value or its error, plus bookkeeping the UI and tests read. */
export interface CellResult {
  readonly address: string;
  readonly name: string | null;
  readonly value: Tensor | null;
  readonly error: CellError | null;
  readonly shape: readonly number[] | null;
  /** Wall time of the last evaluation, in milliseconds. */
  readonly ms: number;
  /** How many times this cell has been evaluated since the sheet was created. */
  readonly evaluations: number;
  readonly isParam: boolean;
  readonly isTraining: boolean;
  /** Things worth knowing about the value that are not errors, such as a gradient that is zero because y does not depend on x. */
  readonly notes: readonly string[];
}

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

interface CellEntry {
  readonly address: string;
  readonly source: string;
  readonly note: string | undefined;
  readonly parsed: ParsedCell;
  readonly compiled: CompiledCell | null;
  readonly compileError: CellError | null;
  result: CellResult;
}

/** A cell's evaluation context, and the notes its current run collects. */
interface CellScope {
  readonly ctx: EvalContext;
  readonly notes: string[];
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The reactive sheet: cells, their dependency graph, and incremental evaluation of values and
 * gradients. An edit marks that cell and everything downstream dirty; `evaluate` re-runs exactly
 * those, once each, in dependency order. Errors are values that flow to dependents.
 */
export class Sheet {
  title: string;
  readonly seed: number;
  private readonly entries = new Map<string, CellEntry>();
  private readonly params = new Map<string, Tensor>();
  /** The initializer source each stored param came from: editing the initializer re-initializes. */
  private readonly paramSources = new Map<string, string>();
  private graph: DependencyGraph = buildGraph([]);
  private readonly dirty = new Set<string>();
  private objectiveName: string | null;
  private adjointCache: { objective: Tensor; adjoints: Map<string, Tensor> } | null = null;
  /** One backward pass per y value, shared by every grad cell that asks about it. */
  private gradCache = new WeakMap<Tensor, Map<Tensor, { readonly value: Tensor; readonly connected: boolean }>>();
  private readonly dataset: EvalContext["dataset"];
  private readonly histories = new Map<string, Tensor>();
  /** Each entry's evaluation context and the notes of its last run; an edit or a move makes a new entry, hence a new context. */
  private readonly contexts = new WeakMap<CellEntry, CellScope>();
  /** `addresses()` and `cells()` as of the last change to the cells; null once stale. */
  private sortedAddresses: string[] | null = null;
  private records: CellRecord[] | null = null;
  /** Backward passes run for grad cells and adjoints; tests read it to prove passes are shared. */
  backwardPasses = 0;

  constructor(init: SheetInit = {}) {
    this.title = init.title ?? "Untitled sheet";
    this.seed = init.seed ?? 0;
    this.objectiveName = init.objective ?? null;
    this.dataset = init.dataset;
    for (const c of init.cells ?? []) this.entries.set(c.address, makeEntry(c.address, c.source, c.note));
    for (const [name, value] of init.params ?? []) this.params.set(name, value);
    for (const e of this.entries.values()) {
      if (e.compiled?.isParam && e.parsed.name !== null && this.params.has(e.parsed.name)) this.paramSources.set(e.parsed.name, e.source);
    }
    this.restructure([...this.entries.keys()]);
  }

  // ---- reading ----------------------------------------------------------------------------

  addresses(): string[] {
    this.sortedAddresses ??= [...this.entries.keys()].sort(compareAddresses);
    return [...this.sortedAddresses];
  }

  cells(): CellRecord[] {
    this.records ??= this.addresses().map((a) => {
      const e = this.entries.get(a)!;
      return e.note === undefined ? { address: a, source: e.source } : { address: a, source: e.source, note: e.note };
    });
    return [...this.records];
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

  /** Stored param values (by cell name) of the param cells that exist. */
  paramValues(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    for (const e of this.entries.values()) {
      const name = e.parsed.name;
      if (e.compiled?.isParam && name !== null && this.params.has(name)) out.set(name, this.params.get(name)!);
    }
    return out;
  }

  get objective(): string | null {
    return this.objectiveName;
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
    return this.upstreamOf(address);
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
    const call = new RegExp(`\\b${fn}\\s*\\(`);
    const readers = [...this.entries.values()].filter((e) => call.test(e.source));
    this.markDirty(readers.map((e) => e.address));
  }

  /** The loss histories shown by training cells, by address. */
  trainingHistories(): ReadonlyMap<string, Tensor> {
    return this.histories;
  }

  /** Show a training run's loss history as its cell's value. */
  setTrainingHistory(address: string, history: Tensor): void {
    this.histories.set(address, history);
    this.markDirty([address]);
  }

  // ---- editing ----------------------------------------------------------------------------

  setCell(address: string, source: string, note?: string): void {
    if (!isAddress(address)) throw new CellError("name", `"${address}" is not a cell address such as A1 or C12`);
    const before = this.entries.get(address);
    if (before && before.source === source && before.note === note) return;
    const entry = makeEntry(address, source, note ?? before?.note);
    // The old value stays visible (as dirty) until the new source has been evaluated.
    if (before) entry.result = { ...before.result, name: entry.parsed.name };
    // Editing a param's initializer is the explicit way to re-initialize it.
    const name = entry.parsed.name;
    if (entry.compiled?.isParam && name !== null && this.paramSources.has(name) && this.paramSources.get(name) !== source) {
      this.params.delete(name);
      this.paramSources.delete(name);
    }
    this.entries.set(address, entry);
    this.cellsChanged(before === undefined);
    // A new value with the same name and references (the usual edit) leaves the graph as it is.
    if (before && sameStructure(before, entry)) this.markDirty([address]);
    else this.restructure([address]);
  }

  deleteCell(address: string): void {
    if (!this.entries.delete(address)) return;
    this.cellsChanged(true);
    this.restructure([]);
  }

  moveCell(from: string, to: string): void {
    const e = this.entries.get(from);
    if (!e || from === to) return;
    if (!isAddress(to)) throw new CellError("name", `"${to}" is not a cell address such as A1 or C12`);
    if (this.entries.has(to)) throw new CellError("name", `cannot move ${from} to ${to}: ${to} is not empty`);
    this.entries.delete(from);
    this.entries.set(to, { ...e, address: to, result: { ...e.result, address: to } });
    this.cellsChanged(true);
    this.restructure([to]);
  }

  setObjective(nameOrAddress: string | null): void {
    this.objectiveName = nameOrAddress;
    this.adjointCache = null;
  }

  /** Throw away a param's stored value so its initializer runs again. */
  reinitialize(name: string): void {
    this.params.delete(name);
    this.paramSources.delete(name);
    const address = this.resolve(name);
    if (address !== undefined) this.markDirty([address]);
  }

  /** Set a param's value (training, import). The shape must stay the same. */
  setParam(name: string, value: Tensor): void {
    const address = this.resolve(name);
    const entry = address === undefined ? undefined : this.entries.get(address);
    if (!entry?.compiled?.isParam) throw new CellError("name", `no param cell named ${name}`);
    this.params.set(name, value);
    this.paramSources.set(name, entry.source);
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
  async evaluateAsync(signal?: AbortSignal, sliceMs = 8): Promise<EvaluationReport> {
    const steps = this.evaluationSteps();
    const evaluated: string[] = [];
    let sliceStart = performance.now();
    for (;;) {
      if (signal?.aborted) return { evaluated, cancelled: true };
      const s = steps.next();
      if (s.done) return { evaluated, cancelled: false };
      evaluated.push(s.value);
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
  }

  /** Whether ∂objective/∂cell exists: the cell is upstream of a scalar objective that has a value. */
  hasAdjoint(address: string): boolean {
    const objAddress = this.objectiveAddress();
    return objAddress !== undefined && this.upstreamOf(objAddress).has(address) && this.entries.get(address)?.result.value != null;
  }

  /**
   * ∂objective/∂cell for the requested cells, from one backward pass over all of them that are not
   * cached yet. Asking only for what is shown keeps the pass from differentiating into big data.
   */
  adjoints(addresses: readonly string[]): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const objAddress = this.objectiveAddress();
    const objective = objAddress === undefined ? null : this.entries.get(objAddress)!.result.value;
    if (objective === null || objective.size !== 1 || this.dirty.size > 0) return out;
    if (this.adjointCache?.objective !== objective) this.adjointCache = { objective, adjoints: new Map() };
    const cache = this.adjointCache.adjoints;
    const missing = addresses.filter((a) => !cache.has(a) && this.hasAdjoint(a));
    if (missing.length > 0) {
      this.backwardPasses++;
      const grads = grad(objective, missing.map((a) => this.entries.get(a)!.result.value!));
      missing.forEach((a, i) => cache.set(a, grads[i]!));
    }
    for (const a of addresses) if (cache.has(a)) out.set(a, cache.get(a)!);
    return out;
  }

  adjoint(address: string): Tensor | null {
    return this.adjoints([address]).get(address) ?? null;
  }

  private objectiveAddress(): string | undefined {
    return this.objectiveName === null ? undefined : this.resolve(this.objectiveName);
  }

  private *evaluationSteps(): Generator<string> {
    for (const address of this.graph.order) {
      if (!this.dirty.has(address)) continue;
      const entry = this.entries.get(address);
      this.dirty.delete(address);
      if (!entry) continue;
      this.evaluateCell(entry);
      yield address;
    }
  }

  private evaluateCell(entry: CellEntry): void {
    const start = performance.now();
    let value: Tensor | null = null;
    let error: CellError | null = null;
    const scope = this.scopeFor(entry);
    scope.notes.length = 0;
    try {
      value = this.computeCell(entry, scope.ctx);
    } catch (e) {
      error = toCellError(e);
    }
    const prev = entry.result;
    entry.result = {
      address: entry.address,
      name: entry.parsed.name,
      value,
      error,
      shape: value?.shape ?? null,
      ms: performance.now() - start,
      evaluations: prev.evaluations + 1,
      isParam: entry.compiled?.isParam ?? false,
      isTraining: entry.compiled?.training != null,
      notes: value === null ? [] : [...scope.notes],
    };
  }

  private computeCell(entry: CellEntry, ctx: EvalContext): Tensor {
    const { address, parsed, compiled } = entry;
    if (compiled === null) throw entry.compileError!;
    const name = parsed.name;
    if (name !== null) {
      const defs = this.graph.definitions.get(name)!;
      if (defs.length > 1) {
        throw new CellError("duplicate", `${name} is defined more than once: in ${defs.join(" and ")}. Rename one of them.`, parsed.nameSpan);
      }
    }
    const cycle = this.graph.cycles.get(address);
    if (cycle) throw new CellError("cycle", `circular reference: ${cycle.text}`);
    const problem = this.graph.problems.get(address)?.[0];
    if (problem) throw refError(problem);
    for (const dep of this.graph.deps.get(address)!) {
      const upstream = this.entries.get(dep)!.result;
      if (upstream.error !== null || upstream.value === null) {
        const key = upstream.name ?? dep;
        throw new CellError("upstream", `depends on ${key}, which failed${upstream.error ? `: ${upstream.error.message}` : ""}`);
      }
    }
    if (compiled.training) return this.histories.get(address) ?? new Tensor([0], new Float32Array(0));
    if (!compiled.isParam) return compiled.run(ctx);
    const initial = compiled.run(ctx);
    const stored = this.params.get(name!);
    if (stored === undefined) {
      this.params.set(name!, initial);
      this.paramSources.set(name!, entry.source);
      return initial;
    }
    if (stored.shape.length !== initial.shape.length || stored.shape.some((d, i) => d !== initial.shape[i])) {
      throw new CellError(
        "shape",
        `the stored value of ${name} has shape [${stored.shape.join(", ")}] but its initializer gives [${initial.shape.join(", ")}]; re-initialize ${name} to start over`,
      );
    }
    return stored;
  }

  private scopeFor(entry: CellEntry): CellScope {
    let scope = this.contexts.get(entry);
    if (scope === undefined) {
      const notes: string[] = [];
      scope = { ctx: this.makeContext(entry, notes), notes };
      this.contexts.set(entry, scope);
    }
    return scope;
  }

  private makeContext(entry: CellEntry, notes: string[]): EvalContext {
    const lookup = (ref: string): Tensor => {
      const a = this.resolve(ref);
      const value = a === undefined ? null : this.entries.get(a)!.result.value;
      if (value === null) throw new CellError("name", `${ref} has no value`);
      return value;
    };
    return {
      seed: this.seed,
      cellKey: entry.parsed.name ?? entry.address,
      lookup,
      gradient: (y, yName, x) => {
        const g = this.gradient(y, yName, lookup(x));
        // NumPy users expect the zeros; the note says they mean "no dependence", not "flat here".
        const note = `${yName ?? "the expression"} does not depend on ${x}; its gradient is zero`;
        if (!g.connected && !notes.includes(note)) notes.push(note);
        return g.value;
      },
      ...(this.dataset ? { dataset: this.dataset } : {}),
    };
  }

  private gradient(y: Tensor, yName: string | null, x: Tensor): { readonly value: Tensor; readonly connected: boolean } {
    let cache = this.gradCache.get(y);
    if (cache === undefined) {
      cache = new Map();
      this.gradCache.set(y, cache);
      // Batch every grad(yName, ·) in the sheet whose x is upstream of y (hence already up to date).
      const yAddress = yName === null ? undefined : this.resolve(yName);
      if (yAddress !== undefined) {
        const upstream = this.upstreamOf(yAddress);
        const targets = new Set<Tensor>([x]);
        for (const e of this.entries.values()) {
          for (const req of e.compiled?.gradRequests ?? []) {
            const xa = req.y === yName ? this.resolve(req.x) : undefined;
            const v = xa !== undefined && upstream.has(xa) ? this.entries.get(xa)!.result.value : null;
            if (v) targets.add(v);
          }
        }
        const list = [...targets];
        this.backwardPasses++;
        const { values, connected } = gradients(y, list);
        values.forEach((value, i) => cache!.set(list[i]!, { value, connected: connected[i]! }));
      }
    }
    let g = cache.get(x);
    if (g === undefined) {
      this.backwardPasses++;
      const { values, connected } = gradients(y, [x]);
      g = { value: values[0]!, connected: connected[0]! };
      cache.set(x, g);
    }
    return g;
  }

  private upstreamOf(address: string): Set<string> {
    return reachable(address, this.graph.deps);
  }

  // ---- structure --------------------------------------------------------------------------

  private cellsChanged(addressesChanged: boolean): void {
    this.records = null;
    if (addressesChanged) this.sortedAddresses = null;
  }

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
    for (const [a, e] of this.entries) if (!sameResolution(before, this.graph, a, e.parsed.name)) roots.add(a);
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
    this.adjointCache = null;
  }
}

/** Every address reachable from `start` along `edges` (not counting start itself unless on a cycle). */
function reachable(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const a = stack.pop()!;
    if (seen.has(a)) continue;
    seen.add(a);
    stack.push(...(edges.get(a) ?? []));
  }
  return seen;
}

function makeEntry(address: string, source: string, note: string | undefined): CellEntry {
  const parsed = checkName(parseCell(source));
  let compiled: CompiledCell | null = null;
  let compileError: CellError | null = parsed.error;
  if (compileError === null) {
    try {
      compiled = compileCell(parsed);
    } catch (e) {
      compileError = toCellError(e);
    }
  }
  const result: CellResult = {
    address, name: parsed.name, value: null, error: null, shape: null, ms: 0, evaluations: 0,
    isParam: compiled?.isParam ?? false, isTraining: compiled?.training != null, notes: [],
  };
  return { address, source, note, parsed, compiled, compileError, result };
}

/** Names may look like addresses (W1, b2): a name always wins, and an address only reaches an anonymous cell. */
function checkName(parsed: ParsedCell): ParsedCell {
  const name = parsed.name;
  if (name === null) return parsed;
  let problem: string | null = null;
  if (!NAME_PATTERN.test(name) || name === "__") problem = `"${name}" is not a valid cell name`;
  else if (FUNCTIONS.has(name)) problem = `"${name}" is the name of a function; pick another name for the cell`;
  if (problem === null) return parsed;
  return { ...parsed, error: new CellError("name", problem, parsed.nameSpan) };
}

function refError(p: RefProblem): CellError {
  if (p.kind === "ambiguous") {
    return new CellError("name", `${p.ref} is defined more than once (${p.addresses.join(", ")}); rename one of them`, p.span);
  }
  return new CellError("name", `unknown name ${p.ref}: no cell defines it`, p.span);
}

/** Whether a cell's names resolve alike in both graphs: same dependencies, problems, cycle and duplicate count. */
function sameResolution(a: DependencyGraph, b: DependencyGraph, address: string, name: string | null): boolean {
  const pa = a.problems.get(address);
  const pb = b.problems.get(address);
  return sameList(a.deps.get(address), b.deps.get(address))
    && a.cycles.get(address)?.text === b.cycles.get(address)?.text
    && (pa === undefined) === (pb === undefined)
    && (pa === undefined || (pa.length === pb!.length && pa.every((p, i) => p.kind === pb![i]!.kind && p.ref === pb![i]!.ref)))
    && (name === null || (a.definitions.get(name)?.length ?? 0) === (b.definitions.get(name)?.length ?? 0));
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Same name and same references (with the same spans, which error messages point at): the graph would not change. */
function sameStructure(a: CellEntry, b: CellEntry): boolean {
  if (a.parsed.name !== b.parsed.name) return false;
  const ra = a.compiled?.refs;
  const rb = b.compiled?.refs;
  if (ra === undefined || rb === undefined) return ra === undefined && rb === undefined;
  if (ra.size !== rb.size) return false;
  const ib = rb.entries();
  for (const [ref, span] of ra) {
    const [refB, spanB] = ib.next().value!;
    if (ref !== refB || span?.start !== spanB?.start || span?.end !== spanB?.end) return false;
  }
  return true;
}
