import { describe, expect, it } from "vitest";
import { NODE_HEIGHT, NODE_WIDTH, assignLayers, layoutDependencies, type DependencyLayout, type DependencyNodeInput } from "../../../src/components/dependency-layout.ts";

const node = (address: string, ...deps: string[]): DependencyNodeInput => ({ address, deps });

function placed(layout: DependencyLayout, address: string) {
  const n = layout.nodes.find((p) => p.address === address);
  if (!n) throw new Error(`no node ${address}`);
  return n;
}

/** Pairs of edges between the same two layers whose ends swap sides. */
function crossings(layout: DependencyLayout): number {
  let count = 0;
  const edges = layout.edges;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i]!;
      const b = edges[j]!;
      if (a.y1 !== b.y1 || a.y2 !== b.y2) continue;
      if ((a.x1 - b.x1) * (a.x2 - b.x2) < 0) count++;
    }
  }
  return count;
}

describe("dependency layout", () => {
  it("layers cells by longest path, with inputs just above their first reader", () => {
    const deps = new Map([["A1", []], ["A2", ["A1"]], ["A3", ["A2", "B1"]], ["B1", []], ["C1", []]]);
    const layers = assignLayers(["A1", "A2", "A3", "B1", "C1"], deps);
    expect(Object.fromEntries(layers)).toEqual({ A1: 0, A2: 1, A3: 2, B1: 1, C1: 0 });
  });

  it("places the first-look network's cells in six layers, arrows pointing down", () => {
    const layout = layoutDependencies([
      node("A1"), node("A2"), node("A3"), node("A4"), node("A5", "A1"), node("A6", "A3"),
      node("B1"), node("B2"), node("B3"), node("B4"),
      node("C1", "A5", "B1", "B2"), node("C2", "C1", "B3", "B4"), node("C3", "A2", "C2"),
      node("C4", "A6", "B1", "B2", "B3", "B4"), node("C5", "A4", "C4"),
      node("D1", "C3", "B1", "B2", "B3", "B4", "A5", "A2", "C5"),
    ]);
    const layerOf = (a: string) => placed(layout, a).layer;
    expect(["A1", "A3", "A5", "B1", "C1", "C2", "C3", "D1"].map(layerOf)).toEqual([0, 0, 1, 1, 2, 3, 4, 5]);
    expect(layout.edges).toHaveLength(25);
    for (const e of layout.edges) expect(e.y2, `${e.from} → ${e.to}`).toBeGreaterThan(e.y1);
    expect(layout.height).toBe(6 * NODE_HEIGHT + 5 * 34 + 16);
    // No two nodes overlap, and all lie inside the drawing.
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      for (const b of layout.nodes) if (a !== b && a.y === b.y) expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
    }
  });

  it("reorders a layer to undo crossings the grid order would make", () => {
    // In grid order A2 sits left of B2, but A2 reads B1 (right) and B2 reads A1 (left).
    const layout = layoutDependencies([node("A1"), node("B1"), node("A2", "B1"), node("B2", "A1")]);
    expect(placed(layout, "B2").x).toBeLessThan(placed(layout, "A2").x);
    expect(crossings(layout)).toBe(0);
  });

  it("joins each arrow from the bottom of the cell read to the top of its reader", () => {
    const layout = layoutDependencies([node("A1"), node("A2", "A1")]);
    const [a1, a2] = [placed(layout, "A1"), placed(layout, "A2")];
    expect(layout.edges).toEqual([{ from: "A1", to: "A2", x1: a1.x + NODE_WIDTH / 2, y1: a1.y + NODE_HEIGHT, x2: a2.x + NODE_WIDTH / 2, y2: a2.y }]);
    expect(layout.width).toBe(NODE_WIDTH + 16);
  });

  it("lays out a cycle without looping and leaves out references to cells that are not there", () => {
    const layout = layoutDependencies([node("A1", "A2"), node("A2", "A1"), node("A3", "Z9", "A3")]);
    expect(layout.nodes.map((n) => n.address).sort()).toEqual(["A1", "A2", "A3"]);
    expect(layout.edges.map((e) => `${e.from}→${e.to}`).sort()).toEqual(["A1→A2", "A2→A1"]);
  });

  it("draws nothing for an empty sheet", () => {
    expect(layoutDependencies([])).toEqual({ nodes: [], edges: [], width: 16, height: 0 });
  });
});
