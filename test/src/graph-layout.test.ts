import { describe, expect, it } from "vitest";
import { NODE_HEIGHT, NODE_WIDTH, chooseGraphLayout, fitScale, layoutGraph } from "../../src/components/graph-layout.ts";
import type { GraphNodeView } from "../../src/worker/protocol.ts";

const node = (id: number, inputs: number[], cell: string | null = null): GraphNodeView => ({ id, op: "op", cell, inputs, shape: [], value: "", gradient: null });

// x, W → dot → add(·, b) → relu = h
const MLP_LAYER = [node(0, [], "x"), node(1, [], "W"), node(2, [0, 1]), node(3, [], "b"), node(4, [2, 3]), node(5, [4], "h")];

// A chain of 8 ops, each also reading a leaf of its own: long and thin, like softmax(dot(relu(dot(x, W1) + b1), W2) + b2).
const CHAIN = [node(0, [], "x")];
for (let k = 1; k <= 8; k++) CHAIN.push(node(2 * k - 1, [], `p${k}`), node(2 * k, [2 * k - 2, 2 * k - 1]));

describe("computation graph layout", () => {
  it("puts each op one column right of its deepest input, and each leaf just before its reader", () => {
    const layout = layoutGraph(MLP_LAYER);
    const column = (id: number) => layout.nodes.find((p) => p.node.id === id)!.x;
    expect([0, 1, 2, 3, 4, 5].map(column)).toEqual([0, 0, 210, 210, 420, 630]);
    expect(layout.edges).toHaveLength(5);
    const ys = layout.nodes.filter((p) => p.x === column(0)).map((p) => p.y);
    expect(ys).toEqual([0, 72]);
    expect([layout.width, layout.height]).toEqual([4 * NODE_WIDTH + 3 * 40, 2 * NODE_HEIGHT + 14]);
    // Edges leave the right side of the input and enter the left side of the op.
    const dot = layout.edges.find((e) => e.from.node.id === 0)!;
    expect([dot.x1, dot.y1, dot.x2, dot.y2]).toEqual([NODE_WIDTH, NODE_HEIGHT / 2, 210, NODE_HEIGHT / 2]);
  });

  it("going down, ranks are rows and edges run bottom to top", () => {
    const layout = layoutGraph(MLP_LAYER, "down");
    const at = (id: number) => { const p = layout.nodes.find((q) => q.node.id === id)!; return [p.x, p.y]; };
    expect([0, 1, 2, 3, 4, 5].map(at)).toEqual([[0, 0], [190, 0], [0, 88], [190, 88], [0, 176], [0, 264]]);
    const e = layout.edges.find((q) => q.from.node.id === 4)!;
    expect([e.x1, e.y1, e.x2, e.y2]).toEqual([NODE_WIDTH / 2, 176 + NODE_HEIGHT, NODE_WIDTH / 2, 264]);
    expect([layout.width, layout.height]).toEqual([2 * NODE_WIDTH + 20, 4 * NODE_HEIGHT + 3 * 30]);
  });

  it("chooses going down for a long chain in a narrow panel, and the chapter's left-to-right otherwise", () => {
    const narrow = chooseGraphLayout(CHAIN, 380, 640);
    expect(narrow.direction).toBe("down");
    expect(fitScale(narrow, 380, 640)).toBeGreaterThan(2 * fitScale(layoutGraph(CHAIN, "right"), 380, 640));
    expect(chooseGraphLayout(MLP_LAYER, 900, 640).direction).toBe("right");
    expect(fitScale({ width: 170, height: 58 }, 400, 400)).toBe(1);
  });
});
