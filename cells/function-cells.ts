import type { CellEntry } from "./cell-entry.ts";
import { CellError } from "./errors.ts";
import type { DependencyGraph } from "./graph.ts";
import { suggest } from "./language/functions.ts";
import { notAFunctionError, type BoundFunction, type UserFunction } from "./language/user-functions.ts";
import { editDistance } from "./spelling.ts";

/**
 * How cells that define functions (`dense(x, W, b) = …`) take part in the sheet: a definition is a
 * cell of the dependency graph (its callers depend on it, it depends on the cells its body reads),
 * it has no tensor, and a few resolution errors read better in terms of functions.
 */

/** What the sheet shows for a definition cell, in place of a value. */
export function definitionNote(def: UserFunction): string {
  return `function ${def.signature}: call it from another cell, e.g. ${def.name}(…)`;
}

/**
 * The sheet's own error for a cell that cannot resolve, rephrased when it is about functions: a
 * call of a name no cell defines is an unknown function (with built-ins suggested), and a cycle
 * among definitions is recursion.
 */
export function functionResolutionError(graph: DependencyGraph, entry: CellEntry, error: CellError): CellError {
  if (error.kind === "cycle" && entry.compiled?.definition) {
    const route = error.message.replace(/^circular reference: /, "");
    return new CellError("cycle", `${entry.compiled.definition.name} calls itself through ${route}; recursion is not supported (functions are inlined into the graph)`);
  }
  if (error.kind !== "name") return error;
  const problem = graph.problems.get(entry.address)?.[0];
  if (problem?.kind !== "unknown" || !entry.calls.has(problem.ref)) return error;
  const cells = [...graph.definitions.keys()].filter((k) => editDistance(k.toLowerCase(), problem.ref.toLowerCase()) <= 2);
  const guess = suggest(problem.ref) || (cells.length > 0 ? `; did you mean ${cells.slice(0, 3).join(", ")}?` : "; define it in a cell, e.g. f(x) = 2 * x");
  return new CellError("function", `unknown function ${problem.ref}(…)${guess}`, problem.span);
}

/** What binding the sheet's functions needs from the sheet. */
export interface FunctionSheet {
  resolve(nameOrAddress: string): string | undefined;
  definitionAt(address: string): UserFunction | null;
}

/** The sheet's functions by name, with their bodies' names resolved by the sheet like any cell's. */
export function sheetFunctionBinder(sheet: FunctionSheet, lookup: BoundFunction["lookup"]): BoundFunction["userFunction"] {
  const userFunction = (name: string): BoundFunction => {
    const address = sheet.resolve(name);
    const definition = address === undefined ? null : sheet.definitionAt(address);
    if (definition === null) throw notAFunctionError(name);
    return { definition, lookup, userFunction };
  };
  return userFunction;
}

/** A user function as the formula editor lists it. */
export interface UserFunctionInfo {
  readonly name: string;
  readonly signature: string;
  readonly address: string;
}

export function userFunctionsOf(entries: Iterable<CellEntry>): UserFunctionInfo[] {
  const out: UserFunctionInfo[] = [];
  for (const e of entries) {
    const def = e.compiled?.definition;
    if (def) out.push({ name: def.name, signature: def.signature, address: e.address });
  }
  return out;
}
