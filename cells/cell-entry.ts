import type { Tensor } from "../engine/index.ts";
import { CellError } from "./errors.ts";
import { callsOf } from "./language/calls.ts";
import { compileCell, toCellError, type CompiledCell } from "./language/compile.ts";
import { FUNCTIONS } from "./language/functions.ts";
import { parseCellOnce } from "./language/parse-cache.ts";
import type { ParsedCell } from "./language/parse.ts";
import type { Drawing } from "./sketch.ts";

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
  /** Sub-expressions the last evaluation reused because their inputs had not changed (incremental evaluation). */
  readonly reused: number;
  readonly isParam: boolean;
  readonly isTraining: boolean;
  /** `dense(x, W, b)` when the cell defines a function (it then has no value), else null. */
  readonly definesFunction: string | null;
  /** Things worth knowing about the value that are not errors, such as a gradient that is zero because y does not depend on x. */
  readonly notes: readonly string[];
}

/** One cell as the sheet holds it: its source, read once (parsed, compiled, analysed), and its latest result. */
export interface CellEntry {
  readonly address: string;
  readonly source: string;
  readonly note: string | undefined;
  /** A sketch cell's strokes (undefined: nothing drawn, or not a sketch cell). */
  readonly drawing: Drawing | undefined;
  readonly parsed: ParsedCell;
  readonly compiled: CompiledCell | null;
  readonly compileError: CellError | null;
  /** The functions the cell calls, so the sheet can find the readers of a dataset without reading text. */
  readonly calls: ReadonlySet<string>;
  result: CellResult;
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function makeCellEntry(address: string, source: string, note: string | undefined, drawing?: Drawing): CellEntry {
  const parsed = checkName(parseCellOnce(source));
  let compiled: CompiledCell | null = null;
  let compileError: CellError | null = parsed.error;
  if (compileError === null) {
    try {
      compiled = compileCell(parsed);
    } catch (e) {
      compileError = toCellError(e);
    }
  }
  const result = cellResult({ address, parsed, compiled }, NOT_EVALUATED);
  return { address, source, note, drawing: drawing?.length ? drawing : undefined, parsed, compiled, compileError, calls: callsOf(parsed.expr), result };
}

/** What one evaluation of a cell gave. */
export interface CellOutcome {
  readonly value: Tensor | null;
  readonly error: CellError | null;
  readonly ms: number;
  readonly evaluations: number;
  readonly reused: number;
  readonly notes: readonly string[];
}

const NOT_EVALUATED: CellOutcome = { value: null, error: null, ms: 0, evaluations: 0, reused: 0, notes: [] };

export function cellResult(cell: Pick<CellEntry, "address" | "parsed" | "compiled">, outcome: CellOutcome): CellResult {
  return {
    address: cell.address,
    name: cell.parsed.name,
    value: outcome.value,
    error: outcome.error,
    shape: outcome.value?.shape ?? null,
    ms: outcome.ms,
    evaluations: outcome.evaluations,
    reused: outcome.reused,
    isParam: cell.compiled?.isParam ?? false,
    isTraining: cell.compiled?.training != null,
    definesFunction: cell.compiled?.definition?.signature ?? null,
    notes: outcome.notes,
  };
}

/** Names may look like addresses (W1, b2): a name always wins, and an address only reaches an anonymous cell. */
function checkName(parsed: ParsedCell): ParsedCell {
  const name = parsed.name;
  if (name === null) return parsed;
  let problem: string | null = null;
  if (!NAME_PATTERN.test(name) || name === "__") problem = `"${name}" is not a valid cell name`;
  else if (FUNCTIONS.has(name) && parsed.params) problem = `${name} is a built-in function; pick another name for your function`;
  else if (FUNCTIONS.has(name)) problem = `"${name}" is the name of a function; pick another name for the cell`;
  if (problem === null) return parsed;
  return { ...parsed, error: new CellError("name", problem, parsed.nameSpan) };
}

/** Same name and same references (with the same spans, which error messages point at): the graph would not change. */
export function sameStructure(a: CellEntry, b: CellEntry): boolean {
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

/** The same param initializer under a new name: `W1 = param(init)` → `kernel = param(init)`. */
export function isParamRename(before: CellEntry, after: CellEntry): boolean {
  const [from, to] = [before.parsed.name, after.parsed.name];
  if (!before.compiled?.isParam || !after.compiled?.isParam || from === null || to === null || from === to) return false;
  const initializer = (source: string) => source.slice(source.indexOf("=") + 1).trim();
  return initializer(before.source) === initializer(after.source);
}
