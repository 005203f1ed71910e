import { Show, createMemo, createSignal } from "solid-js";
import { defaultView, sketchShapeOf, type TensorPreview, type ViewKind } from "../../cells/index.ts";
import { SketchPad } from "./SketchPad.tsx";
import { TensorView } from "../views/TensorView.tsx";
import { NonFiniteBadge } from "../views/NonFiniteBadge.tsx";
import type { CellView } from "../worker/protocol.ts";
import type { Workbook } from "../state/workbook.ts";
import { TrainingPanel } from "../training/TrainingPanel.tsx";

export interface GridCellProps {
  readonly workbook: Workbook;
  readonly address: string;
  readonly cell: CellView | undefined;
  /** The selected cell, the one the keys act on. */
  readonly selected: boolean;
  /** In the selected range (a lone selected cell is a range of one). */
  readonly inRange: boolean;
  /** Its place in the grid (row and column, with spans) and the height its view may take. */
  readonly style?: Record<string, string>;
  /** Tall enough (a span of several rows) for the full training panel: chart with axes, metrics by epoch. */
  readonly roomy?: boolean;
  /** Select this cell; `extend` (Shift+click) selects the range from the anchor to it. */
  readonly onSelect: (extend: boolean) => void;
  readonly onEdit: () => void;
}

/** Which tensor the cell shows (its value, or its gradient twin when flipped) and the view kind for it. */
function createCellPreview(props: GridCellProps) {
  const [showGradient, setShowGradient] = createSignal(false);
  const preview = createMemo(() => (showGradient() && props.cell?.adjoint ? props.cell.adjoint : (props.cell?.preview ?? null)));
  const kind = createMemo<ViewKind | null>(() => {
    const p = preview();
    return p ? defaultView(p, props.cell?.isTraining ?? false) : null;
  });
  // The worker computes the adjoint only for cells whose twin is showing.
  const toggleGradient = () => {
    const on = !showGradient();
    setShowGradient(on);
    props.workbook.client.send({ type: "showGradient", address: props.address, on });
  };
  return { showGradient, toggleGradient, preview, kind };
}

/** The cell's head row: name, shape, non-finite badge, the gradient flip and the evaluating spinner. */
function GridCellHead(props: {
  readonly cell: CellView;
  readonly preview: TensorPreview | null;
  readonly showGradient: boolean;
  readonly onToggleGradient: () => void;
}) {
  return (
    <div class="gc-head">
      <span class="gc-name" data-testid="cell-name">{props.cell.name ?? props.cell.address}</span>
      <Show when={props.cell.shape}>{(shape) => <span class="gc-shape" data-testid="cell-shape">[{shape().join(", ")}]</span>}</Show>
      <NonFiniteBadge summary={props.preview?.summary} />
      <Show when={props.cell.adjointAvailable}>
        <button
          type="button"
          class="gc-twin"
          classList={{ "gc-twin-on": props.showGradient }}
          aria-pressed={props.showGradient}
          tabIndex={-1}
          title="Show ∂objective/∂cell, the gradient twin"
          onMouseDown={(e) => e.stopPropagation()}
          onClick={() => props.onToggleGradient()}
        >
          ∂
        </button>
      </Show>
      <Show when={props.cell.pending}>
        <span class="gc-spinner" role="status" aria-label="evaluating" data-testid="cell-pending" />
      </Show>
    </div>
  );
}

/** One grid cell: its name, shape and value (or error), with a flip to its gradient twin. */
export function GridCell(props: GridCellProps) {
  const { showGradient, toggleGradient, preview, kind } = createCellPreview(props);
  // A sketch cell is its drawing pad; its gradient twin still shows as a view.
  const sketchShape = createMemo(() => (props.cell && !showGradient() ? sketchShapeOf(props.cell.source) : null));
  return (
    <div
      id={`cell-${props.address}`}
      role="gridcell"
      aria-selected={props.inRange}
      // A filled cell is named by what it shows (name, shape, values or error), as a spreadsheet's
      // cells are; its row and column headers say where it is.
      aria-label={props.cell ? undefined : `${props.address}, empty`}
      class="gc"
      style={props.style}
      classList={{ "gc-selected": props.selected, "gc-in-range": props.inRange && !props.selected, "gc-empty": !props.cell, "gc-failed": !!props.cell?.error, "gc-pending": !!props.cell?.pending }}
      data-testid={`cell-${props.address}`}
      data-address={props.address}
      data-evaluations={props.cell?.evaluations ?? 0}
      onMouseDown={(e) => {
        // Shift+click extends the selection; without this the browser would select text instead.
        if (e.shiftKey) e.preventDefault();
        props.onSelect(e.shiftKey);
      }}
      onDblClick={() => props.onEdit()}
    >
      <Show when={props.cell}>
        {(cell) => (
          <>
            <GridCellHead cell={cell()} preview={preview()} showGradient={showGradient()} onToggleGradient={toggleGradient} />
            <Show when={cell().error}>
              {(error) => (
                <div class="gc-error" data-testid="cell-error">
                  <span class="gc-error-kind">{error().kind}</span> {error().message}
                </div>
              )}
            </Show>
            <Show when={!cell().error && cell().notes.length > 0}>
              <div class="gc-notes" data-testid="cell-notes" title={cell().notes.join(" ")}>{cell().notes.join(" ")}</div>
            </Show>
            <Show when={!cell().error && cell().isTraining}>
              <TrainingPanel
                client={props.workbook.training}
                compact={!props.roomy}
                inGrid
                runKey={props.workbook.runKey(cell().name ?? cell().address)}
                address={cell().address}
                source={cell().source}
                getDocument={() => props.workbook.client.exportDocument(true)}
                sheetChanged={props.workbook.sheetChanged()}
                readOnly={props.workbook.readOnly[0]() !== null}
                idleView={preview() && kind() ? <TensorView preview={preview()!} kind={kind()!} size="cell" /> : undefined}
              />
            </Show>
            <Show when={!cell().error && sketchShape()}>
              {(shape) => (
                <div class="gc-view">
                  <SketchPad workbook={props.workbook} address={cell().address} name={cell().name ?? cell().address} shape={shape()} size="cell" />
                </div>
              )}
            </Show>
            <Show when={!cell().error && !cell().isTraining && !sketchShape() && preview() && kind()}>
              <div class="gc-view" classList={{ "gc-view-gradient": showGradient() }}>
                <TensorView preview={preview()!} kind={kind()!} size="cell" />
              </div>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

