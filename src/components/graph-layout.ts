import type { GraphNodeView } from "../worker/protocol.ts";

export interface PlacedNode {
  readonly node: GraphNodeView;
  readonly x: number;
  readonly y: number;
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly { readonly from: PlacedNode; readonly to: PlacedNode }[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 170;
export const NODE_HEIGHT = 58;
const COLUMN_GAP = 40;
const ROW_GAP = 14;

/**
 * Columns by depth, inputs on the left and the cell on the right, like the chapter's figure:
 * each node sits one column right of its deepest input. Nodes come in topological order.
 */
export function layoutGraph(nodes: readonly GraphNodeView[]): GraphLayout {
  const depth = new Map<number, number>();
  for (const n of nodes) depth.set(n.id, n.inputs.length === 0 ? 0 : Math.max(...n.inputs.map((i) => depth.get(i) ?? 0)) + 1);
  const rows = new Map<number, number>();
  const placed = new Map<number, PlacedNode>();
  for (const n of nodes) {
    const d = depth.get(n.id)!;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    placed.set(n.id, { node: n, x: d * (NODE_WIDTH + COLUMN_GAP), y: row * (NODE_HEIGHT + ROW_GAP) });
  }
  const edges = nodes.flatMap((n) => n.inputs.filter((i) => placed.has(i)).map((i) => ({ from: placed.get(i)!, to: placed.get(n.id)! })));
  const columns = Math.max(0, ...depth.values()) + 1;
  const tallest = Math.max(1, ...rows.values());
  return {
    nodes: [...placed.values()],
    edges,
    width: columns * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
    height: tallest * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
  };
}
