import { describe, expect, it } from "vitest";
import { layoutGraph } from "../../src/components/graph-layout.ts";
import type { GraphNodeView } from "../../src/worker/protocol.ts";

const node = (id: number, inputs: number[], cell: string | null = null): GraphNodeView => ({ id, op: "op", cell, inputs, shape: [], value: "", gradient: null });

describe("computation graph layout", () => {
  it("puts each node one column right of its deepest input, inputs first", () => {
    // x, W → dot → add(·, b) → relu
    const layout = layoutGraph([node(0, [], "x"), node(1, [], "W"), node(2, [0, 1]), node(3, [], "b"), node(4, [2, 3]), node(5, [4], "h")]);
    const column = (id: number) => layout.nodes.find((p) => p.node.id === id)!.x;
    expect(column(0)).toBe(column(1));
    expect(column(3)).toBe(column(0));
    expect(column(2)).toBeGreaterThan(column(0));
    expect(column(4)).toBeGreaterThan(column(2));
    expect(column(5)).toBeGreaterThan(column(4));
    expect(layout.edges).toHaveLength(5);
    const ys = layout.nodes.filter((p) => p.x === column(0)).map((p) => p.y);
    expect(new Set(ys).size).toBe(ys.length);
  });
});
