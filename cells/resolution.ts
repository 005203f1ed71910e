import type { CellResult } from "./cell-entry.ts";
import { CellError } from "./errors.ts";
import type { DependencyGraph, RefProblem } from "./graph.ts";

/**
 * Why a cell cannot be evaluated as the graph stands (its name defined twice, a cycle, an
 * unresolved reference, a failed dependency), or null when it can.
 */
export function resolutionError(
  graph: DependencyGraph,
  address: string,
  cell: { readonly name: string | null; readonly nameSpan: CellError["span"] },
  resultAt: (address: string) => CellResult,
): CellError | null {
  const name = cell.name;
  const defs = name === null ? [] : graph.definitions.get(name)!;
  if (defs.length > 1) {
    return new CellError("duplicate", `${name} is defined more than once: in ${defs.join(" and ")}. Rename one of them.`, cell.nameSpan);
  }
  const cycle = graph.cycles.get(address);
  if (cycle) return new CellError("cycle", `circular reference: ${cycle.text}`);
  const problem = graph.problems.get(address)?.[0];
  if (problem) return refError(problem);
  for (const dep of graph.deps.get(address)!) {
    const upstream = resultAt(dep);
    // A function definition has no value of its own, and is ready when it has no error.
    if (upstream.error !== null || (upstream.value === null && upstream.definesFunction === null)) {
      const key = upstream.name ?? dep;
      return new CellError("upstream", `depends on ${key}, which failed${upstream.error ? `: ${upstream.error.message}` : ""}`);
    }
  }
  return null;
}

function refError(p: RefProblem): CellError {
  if (p.kind === "ambiguous") {
    return new CellError("name", `${p.ref} is defined more than once (${p.addresses.join(", ")}); rename one of them`, p.span);
  }
  const guess = p.suggestion === null ? "" : ` — did you mean ${p.suggestion}?`;
  return new CellError("name", `unknown name ${p.ref}: no cell defines it${guess}`, p.span);
}

/** Every address reachable from `start` along `edges` (not counting start itself unless on a cycle). */
export function reachable(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
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

/** Whether a cell's names resolve alike in both graphs: same dependencies, problems, cycle and duplicate count. */
export function sameResolution(a: DependencyGraph, b: DependencyGraph, address: string, name: string | null): boolean {
  const pa = a.problems.get(address);
  const pb = b.problems.get(address);
  return sameList(a.deps.get(address), b.deps.get(address))
    && a.cycles.get(address)?.text === b.cycles.get(address)?.text
    && (pa === undefined) === (pb === undefined)
    && (pa === undefined || (pa.length === pb!.length && pa.every((p, i) => sameProblem(p, pb![i]!))))
    && (name === null || (a.definitions.get(name)?.length ?? 0) === (b.definitions.get(name)?.length ?? 0));
}

/** Same kind and name, and for an unknown name the same suggestion (a new cell can make a better one). */
function sameProblem(a: RefProblem, b: RefProblem): boolean {
  return a.kind === b.kind && a.ref === b.ref && (a.kind !== "unknown" || b.kind !== "unknown" || a.suggestion === b.suggestion);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
