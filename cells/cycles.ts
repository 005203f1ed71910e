/**
 * Circular references, reported in time linear in the size of each strongly connected component.
 *
 * One cycle through the component's root is found once (the "base" cycle). A cell on it reports
 * a rotation of that cycle. A cell off it reports the closed walk cell → … → base cycle → … → cell,
 * from one breadth-first search towards the base cycle and one away from it. Nothing is copied per
 * cell: a route is a few numbers into shared structures, and its text shows only the first and
 * last few cells of long routes, so 10,000 cells on one cycle cost 10,000 small objects.
 */

/** How a cell reaches itself again along its dependencies. */
export interface CycleRoute {
  /** References along the route: a → b → a has 2, a self-reference 1. */
  readonly length: number;
  /** "a → c → b → a"; long routes keep their first and last few cells around "…" and give their length. */
  readonly text: string;
}

/** Routes up to this many references are written out in full; longer ones show this many at each end. */
const SHOWN_AT_EACH_END = 5;

type Edges = ReadonlyMap<string, readonly string[]>;

/**
 * Every member's route. `component` is one strongly connected component (more than one cell, or a
 * cell that refers to itself), `root` one of its cells; `deps` point from a cell to what it reads.
 */
export function cycleRoutes(
  component: readonly string[],
  root: string,
  deps: Edges,
  dependents: Edges,
  keyOf: (address: string) => string,
): Map<string, CycleRoute> {
  const members = new Set(component);
  const base = shortestCycleThrough(root, members, deps);
  const position = new Map(base.map((a, i) => [a, i]));
  const routes = new Map<string, CycleRoute>();
  for (const a of base) routes.set(a, new Route(base.length, (i) => base[(position.get(a)! + i) % base.length]!, keyOf));
  if (routes.size === members.size) return routes;

  // Off the base cycle: a way into it (following deps) and a way back out (following dependents).
  const into = searchFrom(base, members, dependents);
  const outOf = searchFrom(base, members, deps);
  for (const a of component) {
    if (position.has(a)) continue;
    const inward = into.get(a)!;
    const outward = outOf.get(a)!;
    const arc = (position.get(outward.base)! - position.get(inward.base)! + base.length) % base.length;
    const length = inward.depth + arc + outward.depth;
    const at = (i: number): string => {
      if (i < inward.depth) return inward.chainNodeAt(i, a, into);
      const j = i - inward.depth;
      if (j <= arc) return base[(position.get(inward.base)! + j) % base.length]!;
      return outward.treeNodeAt(j - arc, a, outOf);
    };
    routes.set(a, new Route(length, at, keyOf));
  }
  return routes;
}

class Route implements CycleRoute {
  private shown: string | null = null;
  constructor(
    readonly length: number,
    /** The address `i` references along the route, 0 ≤ i ≤ length; cheap near either end. */
    private readonly at: (i: number) => string,
    private readonly keyOf: (address: string) => string,
  ) {}

  get text(): string {
    this.shown ??= this.write();
    return this.shown;
  }

  private write(): string {
    const key = (i: number) => this.keyOf(this.at(i));
    const n = this.length;
    if (n <= 2 * SHOWN_AT_EACH_END) return Array.from({ length: n + 1 }, (_, i) => key(i)).join(" → ");
    const head = Array.from({ length: SHOWN_AT_EACH_END }, (_, i) => key(i));
    const tail = Array.from({ length: SHOWN_AT_EACH_END }, (_, i) => key(n - SHOWN_AT_EACH_END + 1 + i));
    return `${[...head, "…", ...tail].join(" → ")} (${n.toLocaleString("en-US")} cells)`;
  }
}

/** A shortest cycle through `start` inside `members`, as the cells in order without repeating start. */
function shortestCycleThrough(start: string, members: ReadonlySet<string>, deps: Edges): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const a = queue[q]!;
    for (const d of deps.get(a)!) {
      if (!members.has(d)) continue;
      if (d === start) {
        const back: string[] = [];
        for (let p = a; p !== start; p = previous.get(p)!) back.push(p);
        return [start, ...back.reverse()];
      }
      if (!previous.has(d)) {
        previous.set(d, a);
        queue.push(d);
      }
    }
  }
  return [start];
}

/** Where a breadth-first search from the base cycle met a cell: its parent and distance. */
class Reach {
  constructor(
    /** The base-cycle cell this search reached the cell from. */
    readonly base: string,
    /** The neighbour one step nearer the base cycle (null on it). */
    readonly parent: string | null,
    readonly depth: number,
    /** The cells at distance 1..min(depth, SHOWN_AT_EACH_END) on the way out, nearest first; shared by deeper cells. */
    readonly nearBase: readonly string[],
  ) {}

  /**
   * Searched along dependents: the chain from the cell into the base cycle, cell first.
   * Node `i` (0 = the cell itself) of that chain, for i near either end.
   */
  chainNodeAt(i: number, self: string, reach: ReadonlyMap<string, Reach>): string {
    const fromBase = this.depth - i; // 1 = the cell just before the base cycle
    if (fromBase <= this.nearBase.length) return this.nearBase[fromBase - 1]!;
    let a = self;
    for (let k = 0; k < i; k++) a = reach.get(a)!.parent!;
    return a;
  }

  /**
   * Searched along deps: the path out of the base cycle to the cell. Node `j` of it (1 = the
   * first cell after the base cycle, depth = the cell itself), for j near either end.
   */
  treeNodeAt(j: number, self: string, reach: ReadonlyMap<string, Reach>): string {
    if (j <= this.nearBase.length) return this.nearBase[j - 1]!;
    let a = self;
    for (let k = this.depth; k > j; k--) a = reach.get(a)!.parent!;
    return a;
  }
}

/** Breadth-first search inside `members` from every cell of `base` at once, along `edges`. */
function searchFrom(base: readonly string[], members: ReadonlySet<string>, edges: Edges): Map<string, Reach> {
  const reach = new Map<string, Reach>(base.map((a) => [a, new Reach(a, null, 0, [])]));
  const queue = [...base];
  for (let q = 0; q < queue.length; q++) {
    const a = queue[q]!;
    const from = reach.get(a)!;
    for (const d of edges.get(a) ?? []) {
      if (!members.has(d) || reach.has(d)) continue;
      const depth = from.depth + 1;
      const nearBase = depth <= SHOWN_AT_EACH_END ? [...from.nearBase, d] : from.nearBase;
      reach.set(d, new Reach(from.base, a, depth, nearBase));
      queue.push(d);
    }
  }
  return reach;
}
