import { For, Show, createEffect, createMemo, createSignal, createUniqueId } from "solid-js";
import type { Workbook } from "../state/workbook.ts";
import type { CellView } from "../worker/protocol.ts";
import { NODE_HEIGHT, NODE_WIDTH, compareAddresses, layoutDependencies, type DependencyLayout, type PlacedEdge } from "./dependency-layout.ts";
import { NO_RERUNS, evaluationBaseline, formatMs, rerunLegend, rerunsSince, type Reruns } from "./dependency-reruns.ts";
import "./dependency-view.css";

/** Past this the diagram scrolls instead of shrinking further, so its labels stay readable. */
const MIN_SCALE = 0.7;

/**
 * The "Dependencies" toggle and, while open, the whole sheet as a diagram: cells are nodes,
 * references arrows. Which cells re-ran is tracked while closed too, so opening it after an
 * edit still shows what that edit cost.
 */
export function DependencyPanel(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [open, setOpen] = createSignal(false);
  const reruns = trackReruns(wb);
  const id = createUniqueId();
  return (
    <div class="dv-panel">
      <button
        type="button"
        class="dv-toggle"
        data-testid="dependency-toggle"
        aria-expanded={open()}
        aria-controls={`dv-${id}`}
        onClick={() => setOpen(!open())}
      >
        Dependencies
      </button>
      <Show when={open()}>
        <DependencyView id={`dv-${id}`} cells={Object.values(wb.client.state.cells)} reruns={reruns()} onSelect={(a) => wb.selected[1](a)} />
      </Show>
    </div>
  );
}

/** The cells that re-ran in the last pass: compared, each time the sheet settles, with the counts when it last settled. */
function trackReruns(wb: Workbook): () => Reruns {
  const [reruns, setReruns] = createSignal<Reruns>(NO_RERUNS);
  let baseline = new Map<string, number>();
  createEffect(() => {
    const cells = Object.values(wb.client.state.cells).map((c) => ({ address: c.address, evaluations: c.evaluations, ms: c.ms }));
    if (wb.client.state.evaluating) return;
    const ran = rerunsSince(baseline, cells);
    if (ran.addresses.length === 0) return;
    baseline = evaluationBaseline(cells);
    setReruns(ran);
  });
  return reruns;
}

function DependencyView(props: { id: string; cells: readonly CellView[]; reruns: Reruns; onSelect: (address: string) => void }) {
  const layout = createMemo(() => layoutDependencies(props.cells));
  const byAddress = createMemo(() => new Map(props.cells.map((c) => [c.address, c])));
  const reran = createMemo(() => new Set(props.reruns.addresses.filter((a) => byAddress().has(a))));
  const label = (a: string) => byAddress().get(a)?.name ?? a;
  const failing = () => props.cells.filter((c) => c.error !== null).length;
  const summary = () =>
    `Dependency diagram of ${props.cells.length} cells and ${layout().edges.length} references; ${rerunLegend(props.reruns)}` +
    (failing() > 0 ? `; ${failing()} in error` : "");
  const marker = `dv-arrow-${props.id}`;
  return (
    <section class="dv-view" id={props.id} data-testid="dependency-view" aria-label="Dependencies between cells">
      <Legend reruns={props.reruns} />
      {/* Focusable so the keyboard can scroll a diagram wider or taller than the panel. */}
      <div class="dv-scroller" tabindex="0" role="group" aria-label="Dependency diagram, scrollable">
        <svg
          role="img"
          aria-label={summary()}
          width={layout().width}
          height={layout().height}
          viewBox={`0 0 ${layout().width} ${layout().height}`}
          style={{ "min-width": `${Math.round(layout().width * MIN_SCALE)}px` }}
          data-testid="dependency-diagram"
        >
          <defs>
            <marker id={marker} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" class="dv-arrowhead" />
            </marker>
          </defs>
          <For each={layout().edges}>
            {(e) => <Edge edge={e} marker={marker} reran={reran().has(e.from) && reran().has(e.to)} label={label} />}
          </For>
          <For each={layout().nodes}>
            {(n) => <Node cell={byAddress().get(n.address)!} x={n.x} y={n.y} reran={reran().has(n.address)} onSelect={props.onSelect} />}
          </For>
        </svg>
      </div>
      <DependentsList layout={layout()} label={label} />
    </section>
  );
}

function Legend(props: { reruns: Reruns }) {
  return (
    <div class="dv-legend" data-testid="dependency-legend">
      <p>
        <span class="dv-swatch dv-swatch-reran" aria-hidden="true" />
        <span data-testid="dependency-reruns">{rerunLegend(props.reruns)}</span>
        <span class="dv-swatch dv-swatch-error" aria-hidden="true" /> error
      </p>
      <p class="muted">Arrows run from a cell to the cells that read it. Click a cell to select it.</p>
    </div>
  );
}

function Edge(props: { edge: PlacedEdge; marker: string; reran: boolean; label: (a: string) => string }) {
  const path = () => {
    const { x1, y1, x2, y2 } = props.edge;
    const bend = Math.max(16, Math.abs(y2 - y1) / 2);
    // An arrow back up (along a cycle) bends out and in the same way, so it stays visible.
    return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
  };
  return (
    <path
      class="dv-edge"
      classList={{ "dv-edge-reran": props.reran }}
      d={path()}
      marker-end={`url(#${props.marker})`}
      data-testid="dependency-edge"
      data-from={props.edge.from}
      data-to={props.edge.to}
      data-from-name={props.label(props.edge.from)}
      data-to-name={props.label(props.edge.to)}
    />
  );
}

function Node(props: { cell: CellView; x: number; y: number; reran: boolean; onSelect: (address: string) => void }) {
  const c = () => props.cell;
  const shape = () => (c().shape ? `[${c().shape!.join(", ")}]` : "");
  return (
    <g
      class="dv-node"
      classList={{ "dv-node-reran": props.reran, "dv-node-error": c().error !== null, "dv-node-pending": c().pending }}
      transform={`translate(${props.x},${props.y})`}
      data-testid={`dependency-node-${c().address}`}
      data-address={c().address}
      data-name={c().name ?? ""}
      data-reran={String(props.reran)}
      data-error={String(c().error !== null)}
      onClick={() => props.onSelect(c().address)}
    >
      <title>{`${c().name ?? c().address} (${c().address})${c().error ? ` — ${c().error!.kind}: ${c().error!.message}` : props.reran ? ` — ${rerunTitle(c())}` : ""}`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="5" />
      <text x="6" y="14" class="dv-name">{clip(c().name ?? c().address, 15)}</text>
      <text x="6" y="27" class="dv-meta">{clip(`${c().address} ${shape()}`, 19)}</text>
      <Show when={c().error} fallback={<Show when={props.reran}><text x="6" y="40" class="dv-ms" data-testid="dependency-ms">↻ {formatMs(c().ms)}{c().reused > 0 ? `, ${c().reused} reused` : ""}</text></Show>}>
        <text x="6" y="40" class="dv-error-text">⚠ {c().error!.kind}</text>
      </Show>
    </g>
  );
}

/** "re-ran in 17 ms, reusing 1 sub-expression whose inputs had not changed". */
function rerunTitle(c: CellView): string {
  const reused = c.reused === 0 ? "" : `, reusing ${c.reused} sub-expression${c.reused === 1 ? "" : "s"} whose inputs had not changed`;
  return `re-ran in ${formatMs(c.ms)}${reused}`;
}

/** The diagram in words for screen readers: each cell and the cells that read it, in grid order. */
function DependentsList(props: { layout: DependencyLayout; label: (a: string) => string }) {
  const readers = createMemo(() => {
    const out = new Map<string, string[]>(props.layout.nodes.map((n) => n.address).sort(compareAddresses).map((a) => [a, []]));
    for (const e of props.layout.edges) out.get(e.from)?.push(e.to);
    return [...out].map(([a, to]) => [a, to.sort(compareAddresses).map(props.label)] as const);
  });
  return (
    <ul class="sr-only" data-testid="dependency-list">
      <For each={readers()}>
        {([address, to]) => <li>{`${props.label(address)} (${address}) → ${to.length > 0 ? to.join(", ") : "no cell reads it"}`}</li>}
      </For>
    </ul>
  );
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
