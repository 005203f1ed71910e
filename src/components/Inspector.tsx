import { For, Show, createEffect, createMemo, createSignal, on } from "solid-js";
import { availableViews, defaultView, sketchShapeOf, type ViewKind } from "../../cells/index.ts";
import { SketchPad } from "./SketchPad.tsx";
import type { Workbook } from "../state/workbook.ts";
import { TensorView } from "../views/TensorView.tsx";
import { NonFiniteBadge } from "../views/NonFiniteBadge.tsx";
import { ViewSwitcher } from "../views/ViewSwitcher.tsx";
import type { CellView, ComputationGraph } from "../worker/protocol.ts";
import { TrainingPanel } from "../training/TrainingPanel.tsx";
import { GraphDiagram } from "./GraphDiagram.tsx";
import { DependencyPanel } from "./DependencyView.tsx";
import { CellDownloads } from "./CellDownloads.tsx";
import { ValueTable } from "./ValueTable.tsx";

/** The selected cell in detail: a large view with a view switcher, its note, and its computation graph. */
export function Inspector(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const state = createInspectorState(wb);
  return (
    <aside class="inspector" aria-label="Cell details" data-testid="inspector">
      <DependencyPanel workbook={wb} />
      <Show when={state.cell()} fallback={<p class="muted">Select a cell to see it in detail. Type to create one.</p>}>
        {(c) => (
          <>
            <h2>
              {c().name ?? c().address} <span class="muted">{c().address}</span>
              <Show when={c().shape}>{(s) => <span class="gc-shape">[{s().join(", ")}]</span>}</Show>
              <NonFiniteBadge summary={state.preview()?.summary} />
            </h2>
            <Show when={c().note}><p class="note">{c().note}</p></Show>
            <Show when={c().error}>{(e) => <p class="gc-error" role="alert">{e().kind}: {e().message}</p>}</Show>
            <Show when={!c().error && c().notes.length > 0}><p class="gc-notes" data-testid="inspector-notes">{c().notes.join(" ")}</p></Show>
            <Show when={c().isTraining && !c().error}>
              <TrainingPanel
                client={wb.training}
                runKey={wb.runKey(c().name ?? c().address)}
                address={c().address}
                source={c().source}
                getDocument={() => wb.client.exportDocument(true)}
                sheetChanged={wb.sheetChanged()}
                readOnly={wb.readOnly[0]() !== null}
              />
            </Show>
            <Show when={!c().error && sketchShapeOf(c().source)}>
              {(shape) => <SketchPad workbook={wb} address={c().address} name={c().name ?? c().address} shape={shape()} size="large" />}
            </Show>
            <Show when={state.preview() && state.kind() && !c().isTraining}>
              <ValueViews workbook={wb} cell={c()} state={state} />
            </Show>
            <div class="inspector-meta muted">
              evaluated {c().evaluations}× · {c().ms.toFixed(1)} ms{c().isParam ? " · param" : ""}
            </div>
            <GraphSection workbook={wb} cell={c()} graph={state.graph()} onGraph={state.setGraph} />
          </>
        )}
      </Show>
    </aside>
  );
}

type InspectorState = ReturnType<typeof createInspectorState>;

/** What the inspector shows of the selected cell: which view, the cell or its gradient twin, the graph, the values table. */
function createInspectorState(wb: Workbook) {
  const cell = createMemo(() => wb.client.state.cells[wb.selected[0]()]);
  const [chosen, setChosen] = createSignal<ViewKind | null>(null);
  const [gradient, setGradient] = createSignal(false);
  const [graph, setGraph] = createSignal<ComputationGraph | null>(null);
  // Stays open from cell to cell: reading values is often a tour of several cells.
  const [valuesTable, setValuesTable] = createSignal(false);
  createEffect(on(() => wb.selected[0](), () => {
    setChosen(null);
    setGraph(null);
    setGradient(false);
  }));
  const preview = createMemo(() => (gradient() ? cell()?.adjoint : cell()?.preview) ?? null);
  const kind = createMemo(() => {
    const p = preview();
    if (!p) return null;
    const options = availableViews(p, cell()?.isTraining ?? false);
    const c = chosen();
    return c && options.includes(c) ? c : defaultView(p, cell()?.isTraining ?? false);
  });
  return { cell, setChosen, gradient, setGradient, graph, setGraph, valuesTable, setValuesTable, preview, kind };
}

/** The large view of a cell (or its gradient twin), its switches, and the table of its values. */
function ValueViews(props: { workbook: Workbook; cell: CellView; state: InspectorState }) {
  const wb = props.workbook;
  const s = props.state;
  const name = () => props.cell.name ?? props.cell.address;
  return (
    <>
      <div class="inspector-controls">
        <ViewSwitcher preview={s.preview()!} value={s.kind()!} isTraining={props.cell.isTraining} onChange={s.setChosen} />
        <Show when={props.cell.adjointAvailable}>
          <label class="check"><input type="checkbox" data-testid="gradient-toggle" checked={s.gradient()} onChange={(e) => {
            const on = e.currentTarget.checked;
            s.setGradient(on);
            wb.client.send({ type: "showGradient", address: props.cell.address, on });
          }} /> gradient twin ∂{wb.client.state.objective}/∂{name()}</label>
        </Show>
        <button type="button" class="vt-toggle" data-testid="show-values-table" aria-pressed={s.valuesTable()} onClick={() => s.setValuesTable(!s.valuesTable())}>Values table</button>
      </div>
      <TensorView preview={s.preview()!} kind={s.kind()!} size="large" />
      <CellDownloads workbook={wb} cell={props.cell} gradient={s.gradient()} kind={s.kind()!} shape={s.preview()!.shape} />
      <Show when={s.valuesTable() && `${props.cell.address} ${s.gradient()}`} keyed>
        <ValueTable
          label={s.gradient() ? `∂${wb.client.state.objective ?? "objective"}/∂${name()}` : name()}
          shape={s.preview()!.shape}
          revision={s.preview()}
          fetchWindow={(request) => wb.client.window(props.cell.address, request, s.gradient())}
        />
      </Show>
    </>
  );
}

function GraphSection(props: { workbook: Workbook; cell: CellView; graph: ComputationGraph | null; onGraph: (g: ComputationGraph | null) => void }) {
  const wb = props.workbook;
  return (
    <>
      <Show when={props.cell.preview && !props.cell.isTraining}>
        <button type="button" data-testid="show-graph" onClick={() => void wb.client.graph(props.cell.address).then(props.onGraph)}>Computation graph</button>
        <ObjectiveToggle workbook={wb} name={props.cell.name ?? props.cell.address} scalar={props.cell.shape?.length === 0} />
      </Show>
      <Show when={props.graph}>
        {(g) => (
          <>
            <GraphDiagram graph={g()} />
            <GraphTable graph={g()} />
          </>
        )}
      </Show>
    </>
  );
}

function ObjectiveToggle(props: { workbook: Workbook; name: string; scalar: boolean }) {
  const wb = props.workbook;
  const isObjective = () => wb.client.state.objective === props.name;
  return (
    <Show when={props.scalar}>
      <button type="button" onClick={() => wb.setObjective(isObjective() ? null : props.name)}>
        {isObjective() ? "Stop showing gradients of this cell" : "Show every cell's gradient of this cell"}
      </button>
    </Show>
  );
}

/** The chapter's computation-graph figure as a table: each op, its inputs, value and gradient. */
function GraphTable(props: { graph: ComputationGraph }) {
  return (
    <table class="graph-table" data-testid="graph">
      <caption>Computation graph (gradients of the sum of this cell)</caption>
      <thead><tr><th>#</th><th>op</th><th>inputs</th><th>shape</th><th>value</th><th>gradient</th></tr></thead>
      <tbody>
        <For each={props.graph.nodes}>
          {(n) => (
            <tr>
              <td>{n.id}</td>
              <td>{n.cell ? <strong>{n.cell}</strong> : n.op}</td>
              <td>{n.inputs.map((i) => `#${i}`).join(", ")}</td>
              <td>[{n.shape.join(", ")}]</td>
              <td class="mono">{n.value}</td>
              <td class="mono">{n.gradient}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
