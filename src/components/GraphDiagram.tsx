import { For, createEffect, createMemo, createSignal, on } from "solid-js";
import type { ComputationGraph, GraphNodeView } from "../worker/protocol.ts";
import { useBoxSize } from "../views/useBoxSize.ts";
import { NODE_HEIGHT, NODE_WIDTH, chooseGraphLayout } from "./graph-layout.ts";
import { ZOOM_STEP, graphGestures } from "./graph-gestures.ts";
import { fitTransform, panelHeight, transformAttribute, zoomAround, type ViewTransform } from "./graph-viewport.ts";

/** The panel grows with the graph up to this height; past it the graph is shrunk to fit, or zoomed and panned. */
const MAX_PANEL_HEIGHT = 560;
const MIN_PANEL_HEIGHT = 140;

/**
 * The computation graph drawn as the chapter draws it: inputs left, ops in between, the cell right.
 * It opens fitted to its panel; wheel or pinch zooms, drag pans, and the +/−/fit buttons or the
 * keys + − 0 and arrows do the same from the keyboard. Each node's full text is its tooltip.
 */
export function GraphDiagram(props: { readonly graph: ComputationGraph }) {
  const box = useBoxSize(() => ({ width: 380, height: 200 }));
  const layout = createMemo(() => chooseGraphLayout(props.graph.nodes, box.size().width, MAX_PANEL_HEIGHT));
  const height = () => panelHeight(layout(), box.size().width, MIN_PANEL_HEIGHT, MAX_PANEL_HEIGHT);
  const view = () => ({ width: box.size().width, height: height() });
  const [transform, setTransform] = createSignal<ViewTransform>({ x: 0, y: 0, k: 1 });
  const fit = () => setTransform(fitTransform(layout(), view()));
  // A new graph or a resized panel starts from the fitted view.
  createEffect(on([layout, () => view().width, () => view().height], fit));

  const centre = () => ({ x: view().width / 2, y: view().height / 2 });
  const zoom = (factor: number) => setTransform(zoomAround(transform(), factor, centre()));
  const gestures = graphGestures({ transform, setTransform, fit, centre });

  return (
    <div class="graph-diagram" data-testid="graph-diagram" data-direction={layout().direction}>
      <div class="graph-controls" role="toolbar" aria-label="Zoom the computation graph">
        <button type="button" aria-label="Zoom in" title="Zoom in (+)" data-testid="graph-zoom-in" onClick={() => zoom(ZOOM_STEP)}>+</button>
        <button type="button" aria-label="Zoom out" title="Zoom out (−)" data-testid="graph-zoom-out" onClick={() => zoom(1 / ZOOM_STEP)}>−</button>
        <button type="button" aria-label="Fit the graph to the panel" title="Fit (0)" data-testid="graph-fit" onClick={fit}>Fit</button>
        <span class="graph-scale muted" data-testid="graph-scale">{Math.round(transform().k * 100)}%</span>
      </div>
      <div class="graph-viewport" ref={box.ref} style={{ height: `${height()}px` }}>
        <svg
          width={view().width}
          height={view().height}
          tabindex="0"
          role="img"
          aria-label={`computation graph with ${props.graph.nodes.length} nodes; drag or use the arrow keys to pan, + and − to zoom, 0 to fit`}
          onWheel={gestures.onWheel}
          onPointerDown={gestures.onPointerDown}
          onPointerMove={gestures.onPointerMove}
          onPointerUp={gestures.onPointerUp}
          onPointerCancel={gestures.onPointerCancel}
          onKeyDown={gestures.onKeyDown}
        >
          <defs>
            <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" class="graph-arrowhead" />
            </marker>
          </defs>
          <g transform={transformAttribute(transform())} data-testid="graph-content">
            <For each={layout().edges}>
              {(e) => <line class="graph-edge" x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} marker-end="url(#graph-arrow)" />}
            </For>
            <For each={layout().nodes}>
              {(p) => (
                <g transform={`translate(${p.x},${p.y})`} class="graph-node-group" data-testid="graph-node">
                  <title>{nodeTitle(p.node)}</title>
                  <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="6" class={p.node.cell ? "graph-node graph-node-cell" : "graph-node"} />
                  <text x="8" y="15" class="graph-op">{clip(p.node.cell ?? p.node.op, 12)} <tspan class="graph-shape">{clip(`[${p.node.shape.join(", ")}]`, 14)}</tspan></text>
                  <text x="8" y="32" class="graph-value">{clip(p.node.value, 26)}</text>
                  <text x="8" y="48" class="graph-grad">∂ {clip(p.node.gradient ?? "", 24)}</text>
                </g>
              )}
            </For>
          </g>
        </svg>
      </div>
    </div>
  );
}

/** A node's full text, shown on hover where the drawn text is cut. */
export function nodeTitle(n: GraphNodeView): string {
  const head = n.cell ? `${n.cell} = ${n.op}` : n.op;
  return `${head} [${n.shape.join(", ")}]\nvalue ${n.value}\n∂ ${n.gradient ?? "—"}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
