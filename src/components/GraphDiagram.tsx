import { For } from "solid-js";
import type { ComputationGraph } from "../worker/protocol.ts";
import { NODE_HEIGHT, NODE_WIDTH, layoutGraph } from "./graph-layout.ts";

/** The computation graph drawn as the chapter draws it: inputs left, ops in between, the cell right. */
export function GraphDiagram(props: { readonly graph: ComputationGraph }) {
  const layout = () => layoutGraph(props.graph.nodes);
  return (
    <div class="graph-diagram" data-testid="graph-diagram">
      <svg
        width={layout().width + 2}
        height={layout().height + 2}
        viewBox={`-1 -1 ${layout().width + 2} ${layout().height + 2}`}
        role="img"
        aria-label={`computation graph with ${props.graph.nodes.length} nodes`}
      >
        <defs>
          <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="#9aa3b2" />
          </marker>
        </defs>
        <For each={layout().edges}>
          {(e) => (
            <line
              x1={e.from.x + NODE_WIDTH}
              y1={e.from.y + NODE_HEIGHT / 2}
              x2={e.to.x}
              y2={e.to.y + NODE_HEIGHT / 2}
              stroke="#9aa3b2"
              marker-end="url(#graph-arrow)"
            />
          )}
        </For>
        <For each={layout().nodes}>
          {(p) => (
            <g transform={`translate(${p.x},${p.y})`}>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="6" class={p.node.cell ? "graph-node graph-node-cell" : "graph-node"} />
              <text x="8" y="15" class="graph-op">{p.node.cell ?? p.node.op} <tspan class="graph-shape">[{p.node.shape.join(", ")}]</tspan></text>
              <text x="8" y="32" class="graph-value">{clip(p.node.value)}</text>
              <text x="8" y="48" class="graph-grad">∂ {clip(p.node.gradient ?? "")}</text>
            </g>
          )}
        </For>
      </svg>
    </div>
  );
}

function clip(s: string): string {
  return s.length > 26 ? `${s.slice(0, 25)}…` : s;
}
