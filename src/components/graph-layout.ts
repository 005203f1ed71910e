import type { GraphNodeView } from "../worker/protocol.ts";
import { FIT_MAX_SCALE, FIT_PADDING, type Extent } from "./graph-viewport.ts";

export interface PlacedNode {
  readonly node: GraphNodeView;
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly from: PlacedNode;
  readonly to: PlacedNode;
  /** Where the edge leaves `from` and enters `to`, in layout coordinates. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** "right": inputs on the left, as the chapter draws it; "down": inputs on top, for narrow panels. */
export type GraphDirection = "right" | "down";

export interface GraphLayout {
  readonly direction: GraphDirection;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 170;
export const NODE_HEIGHT = 58;
/** Between ranks (columns going right, rows going down) and between nodes of one rank. */
const RANK_GAP = { right: 40, down: 30 } as const;
const SIBLING_GAP = { right: 14, down: 20 } as const;

/**
 * Each op one rank after its deepest input; each leaf (an input or param) one rank before its first
 * consumer, so it sits beside the op that reads it instead of far back at rank 0. Nodes come in
 * topological order.
 */
export function graphRanks(nodes: readonly GraphNodeView[]): Map<number, number> {
  const rank = new Map<number, number>();
  for (const n of nodes) rank.set(n.id, n.inputs.length === 0 ? 0 : Math.max(...n.inputs.map((i) => rank.get(i) ?? 0)) + 1);
  for (const n of nodes) {
    if (n.inputs.length > 0) continue;
    const consumers = nodes.filter((m) => m.inputs.includes(n.id)).map((m) => rank.get(m.id)!);
    if (consumers.length > 0) rank.set(n.id, Math.max(0, Math.min(...consumers) - 1));
  }
  return rank;
}

export function layoutGraph(nodes: readonly GraphNodeView[], direction: GraphDirection = "right"): GraphLayout {
  const rank = graphRanks(nodes);
  const slots = new Map<number, number>();
  const placed = new Map<number, PlacedNode>();
  const rankStep = (direction === "right" ? NODE_WIDTH : NODE_HEIGHT) + RANK_GAP[direction];
  const slotStep = (direction === "right" ? NODE_HEIGHT : NODE_WIDTH) + SIBLING_GAP[direction];
  for (const n of nodes) {
    const r = rank.get(n.id)!;
    const slot = slots.get(r) ?? 0;
    slots.set(r, slot + 1);
    const [along, across] = [r * rankStep, slot * slotStep];
    placed.set(n.id, direction === "right" ? { node: n, x: along, y: across } : { node: n, x: across, y: along });
  }
  const edges = nodes.flatMap((n) =>
    n.inputs.filter((i) => placed.has(i)).map((i) => edgeBetween(placed.get(i)!, placed.get(n.id)!, direction)),
  );
  const ranks = Math.max(0, ...rank.values()) + 1;
  const widest = Math.max(1, ...slots.values());
  const length = ranks * rankStep - RANK_GAP[direction];
  const breadth = widest * slotStep - SIBLING_GAP[direction];
  return { direction, nodes: [...placed.values()], edges, width: direction === "right" ? length : breadth, height: direction === "right" ? breadth : length };
}

function edgeBetween(from: PlacedNode, to: PlacedNode, direction: GraphDirection): PlacedEdge {
  return direction === "right"
    ? { from, to, x1: from.x + NODE_WIDTH, y1: from.y + NODE_HEIGHT / 2, x2: to.x, y2: to.y + NODE_HEIGHT / 2 }
    : { from, to, x1: from.x + NODE_WIDTH / 2, y1: from.y + NODE_HEIGHT, x2: to.x + NODE_WIDTH / 2, y2: to.y };
}

/** The scale at which `content` fits a panel `width` wide and at most `maxHeight` tall. */
export function fitScale(content: Extent, width: number, maxHeight: number, padding = FIT_PADDING): number {
  return Math.min(FIT_MAX_SCALE, (width - 2 * padding) / Math.max(1, content.width), (maxHeight - 2 * padding) / Math.max(1, content.height));
}

/**
 * The layout that can be drawn larger in a panel `width` wide and up to `maxHeight` tall: left to
 * right (the chapter's figure) unless going down is clearly (over 10%) more legible.
 */
export function chooseGraphLayout(nodes: readonly GraphNodeView[], width: number, maxHeight: number): GraphLayout {
  const right = layoutGraph(nodes, "right");
  const down = layoutGraph(nodes, "down");
  return fitScale(down, width, maxHeight) > 1.1 * fitScale(right, width, maxHeight) ? down : right;
}
