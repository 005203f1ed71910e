import { isAddress } from "./address.ts";
import { cycleRoutes, type CycleRoute } from "./cycles.ts";
import type { Span } from "./errors.ts";
import { closest, editDistance } from "./spelling.ts";

/** What the dependency analysis needs to know about one cell. */
export interface CellNode {
  readonly address: string;
  readonly name: string | null;
  readonly refs: ReadonlyMap<string, Span | null>;
}

export type RefProblem =
  /** `suggestion`: the defined name closest to a misspelt one, for "did you mean …?". */
  | { readonly kind: "unknown"; readonly ref: string; readonly span: Span | null; readonly suggestion: string | null }
  | { readonly kind: "ambiguous"; readonly ref: string; readonly span: Span | null; readonly addresses: readonly string[] };

/** The sheet's dependency structure, rebuilt from scratch on every structural change (it is cheap). */
export interface DependencyGraph {
  /** Cell name → addresses defining it (more than one is a duplicate). */
  readonly definitions: ReadonlyMap<string, readonly string[]>;
  /** Address → addresses it depends on (resolved references only). */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly problems: ReadonlyMap<string, readonly RefProblem[]>;
  /** Address → how it refers back to itself, for cells on a cycle. */
  readonly cycles: ReadonlyMap<string, CycleRoute>;
  /** Every address, dependencies before dependents; cells on cycles come last. */
  readonly order: readonly string[];
}

export function buildGraph(nodes: readonly CellNode[]): DependencyGraph {
  const definitions = new Map<string, string[]>();
  const byAddress = new Map(nodes.map((n) => [n.address, n]));
  for (const n of nodes) {
    if (n.name !== null) definitions.set(n.name, [...(definitions.get(n.name) ?? []), n.address]);
  }
  const deps = new Map<string, string[]>();
  const problems = new Map<string, RefProblem[]>();
  for (const n of nodes) {
    const resolved: string[] = [];
    const issues: RefProblem[] = [];
    for (const [ref, span] of n.refs) {
      const defs = definitions.get(ref);
      if (defs && defs.length === 1) resolved.push(defs[0]!);
      else if (defs && defs.length > 1) issues.push({ kind: "ambiguous", ref, span, addresses: defs });
      // An anonymous cell is referred to by its address.
      else if (isAddress(ref) && byAddress.get(ref)?.name === null) resolved.push(ref);
      else issues.push({ kind: "unknown", ref, span, suggestion: nearName(ref, definitions) });
    }
    deps.set(n.address, [...new Set(resolved)]);
    if (issues.length > 0) problems.set(n.address, issues);
  }
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.address, []]));
  for (const [address, ds] of deps) for (const d of ds) dependents.get(d)!.push(address);

  const keyOf = (a: string) => byAddress.get(a)?.name ?? a;
  const cycles = findCycles(nodes.map((n) => n.address), deps, dependents, keyOf);
  return { definitions, deps, dependents, problems, cycles, order: topologicalOrder(nodes.map((n) => n.address), deps, dependents) };
}

/**
 * The defined name a misspelt reference most likely meant. Short names are close to every other
 * short name, so they get a tighter bound: `x` suggests only `X`, and `lr` never suggests `W1`.
 */
function nearName(ref: string, definitions: ReadonlyMap<string, readonly string[]>): string | null {
  const guess = closest(ref, [...definitions.keys()]);
  if (guess === null) return null;
  const bound = ref.length <= 1 ? 0 : ref.length <= 3 ? 1 : 2;
  return editDistance(ref.toLowerCase(), guess.toLowerCase()) <= bound ? guess : null;
}

/** Kahn's algorithm; whatever is left (cycles and what hangs off them) is appended in input order. */
function topologicalOrder(addresses: readonly string[], deps: ReadonlyMap<string, readonly string[]>, dependents: ReadonlyMap<string, readonly string[]>): string[] {
  const pending = new Map(addresses.map((a) => [a, deps.get(a)!.length]));
  const ready = addresses.filter((a) => pending.get(a) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const a = ready.pop()!;
    order.push(a);
    for (const d of dependents.get(a)!) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  const placed = new Set(order);
  for (const a of addresses) if (!placed.has(a)) order.push(a);
  return order;
}

/** Tarjan's strongly connected components; each cell on a cycle gets a route back to itself. */
function findCycles(
  addresses: readonly string[],
  deps: ReadonlyMap<string, readonly string[]>,
  dependents: ReadonlyMap<string, readonly string[]>,
  keyOf: (a: string) => string,
): Map<string, CycleRoute> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles = new Map<string, CycleRoute>();
  let counter = 0;

  const strongConnect = (root: string) => {
    // Iterative, so a 10,000-cell chain cannot overflow the call stack.
    const work: { a: string; i: number }[] = [{ a: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const ds = deps.get(frame.a)!;
      if (frame.i < ds.length) {
        const d = ds[frame.i++]!;
        if (!index.has(d)) {
          index.set(d, counter);
          low.set(d, counter++);
          stack.push(d);
          onStack.add(d);
          work.push({ a: d, i: 0 });
        } else if (onStack.has(d)) low.set(frame.a, Math.min(low.get(frame.a)!, index.get(d)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.a;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.a)!));
      }
      if (low.get(frame.a) === index.get(frame.a)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.a);
        const selfLoop = component.length === 1 && deps.get(frame.a)!.includes(frame.a);
        if (component.length > 1 || selfLoop) {
          for (const [a, route] of cycleRoutes(component, frame.a, deps, dependents, keyOf)) cycles.set(a, route);
        }
      }
    }
  };
  for (const a of addresses) if (!index.has(a)) strongConnect(a);
  return cycles;
}
