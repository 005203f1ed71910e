// Where the sheet's dependency view draws each cell: layers by dependency depth, top to bottom,
// ordered within a layer to keep arrows from crossing. Pure geometry, no DOM.

/** A cell as the layout sees it: its address and the addresses it reads. */
export interface DependencyNodeInput {
  readonly address: string;
  readonly deps: readonly string[];
}

export interface PlacedNode {
  readonly address: string;
  readonly layer: number;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

/** An arrow from a cell to one that reads it, between the two nodes' facing edges. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface DependencyLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 104;
export const NODE_HEIGHT = 46;
const GAP_X = 10;
const GAP_Y = 34;
const MARGIN = 8;
const ORDERING_SWEEPS = 4;

/** Lay the cells out; dependencies on cells that are not in `nodes` are left out. */
export function layoutDependencies(nodes: readonly DependencyNodeInput[]): DependencyLayout {
  const known = new Set(nodes.map((n) => n.address));
  const deps = new Map(nodes.map((n) => [n.address, n.deps.filter((d) => known.has(d) && d !== n.address)]));
  const layers = assignLayers(nodes.map((n) => n.address), deps);
  const rows = orderLayers(layers, deps);
  const width = Math.max(...rows.map((r) => rowWidth(r.length)), 0) + 2 * MARGIN;
  const placed = new Map<string, PlacedNode>();
  rows.forEach((row, layer) => {
    const left = (width - rowWidth(row.length)) / 2;
    row.forEach((address, i) => placed.set(address, { address, layer, x: left + i * (NODE_WIDTH + GAP_X), y: MARGIN + layer * (NODE_HEIGHT + GAP_Y) }));
  });
  const edges: PlacedEdge[] = [];
  for (const n of nodes) {
    const to = placed.get(n.address)!;
    for (const d of deps.get(n.address)!) {
      const from = placed.get(d)!;
      edges.push({ from: d, to: n.address, x1: from.x + NODE_WIDTH / 2, y1: from.y + NODE_HEIGHT, x2: to.x + NODE_WIDTH / 2, y2: to.y });
    }
  }
  const height = rows.length === 0 ? 0 : rows.length * NODE_HEIGHT + (rows.length - 1) * GAP_Y + 2 * MARGIN;
  return { nodes: [...placed.values()], edges, width, height };
}

function rowWidth(count: number): number {
  return count === 0 ? 0 : count * NODE_WIDTH + (count - 1) * GAP_X;
}

/**
 * Longest-path layering: a cell sits one layer below its deepest dependency. A cell that reads
 * nothing (data, params) then moves down to just above its first reader, so inputs sit next to
 * where they are used. Arrows back along a cycle are ignored for depth.
 */
export function assignLayers(addresses: readonly string[], deps: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (a: string): number => {
    const known = layer.get(a);
    if (known !== undefined) return known;
    visiting.add(a);
    let d = 0;
    for (const dep of deps.get(a) ?? []) if (!visiting.has(dep)) d = Math.max(d, depth(dep) + 1);
    visiting.delete(a);
    layer.set(a, d);
    return d;
  };
  for (const a of addresses) depth(a);
  const readers = new Map<string, number[]>();
  for (const a of addresses) for (const d of deps.get(a) ?? []) readers.set(d, [...(readers.get(d) ?? []), layer.get(a)!]);
  for (const a of addresses) {
    const below = readers.get(a);
    if ((deps.get(a) ?? []).length === 0 && below) layer.set(a, Math.max(0, Math.min(...below) - 1));
  }
  return layer;
}

/** Rows of addresses per layer, reordered by barycentres (the mean position of each cell's neighbours), sweeping down then up. */
function orderLayers(layer: ReadonlyMap<string, number>, deps: ReadonlyMap<string, readonly string[]>): string[][] {
  const count = layer.size === 0 ? 0 : Math.max(...layer.values()) + 1;
  const rows: string[][] = Array.from({ length: count }, () => []);
  for (const [a, l] of [...layer].sort(([a], [b]) => compareAddresses(a, b))) rows[l]!.push(a);
  const readers = new Map<string, string[]>();
  for (const [a, ds] of deps) for (const d of ds) readers.set(d, [...(readers.get(d) ?? []), a]);
  const centre = (a: string, position: ReadonlyMap<string, number>) => position.get(a)!;
  for (let sweep = 0; sweep < ORDERING_SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? rows.map((_, i) => i) : rows.map((_, i) => rows.length - 1 - i);
    for (const i of order) {
      const position = centres(rows);
      const neighbours = (a: string) => (down ? deps.get(a) ?? [] : readers.get(a) ?? []);
      const key = (a: string) => {
        const ns = neighbours(a);
        return ns.length === 0 ? centre(a, position) : ns.reduce((s, n) => s + centre(n, position), 0) / ns.length;
      };
      const keys = new Map(rows[i]!.map((a) => [a, key(a)]));
      // A stable sort keeps cells with equal barycentres in their current order.
      rows[i]!.sort((a, b) => keys.get(a)! - keys.get(b)!);
    }
  }
  return rows;
}

/** Each cell's horizontal centre with its row centred on the widest row. */
function centres(rows: readonly (readonly string[])[]): Map<string, number> {
  const widest = Math.max(...rows.map((r) => rowWidth(r.length)), 0);
  const out = new Map<string, number>();
  for (const row of rows) {
    const left = (widest - rowWidth(row.length)) / 2;
    row.forEach((a, i) => out.set(a, left + i * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2));
  }
  return out;
}

/** By column, then by row (A1, A2, …, B1): a first order that follows the grid. */
export function compareAddresses(a: string, b: string): number {
  const [, ca = "", ra = "0"] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, cb = "", rb = "0"] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return ca.length - cb.length || ca.localeCompare(cb) || Number(ra) - Number(rb) || a.localeCompare(b);
}
