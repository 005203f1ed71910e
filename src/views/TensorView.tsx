import { Match, Switch, type JSX } from "solid-js";
import type { TensorPreview, ViewKind } from "../../cells/index.ts";
import { BarsView } from "./BarsView.tsx";
import { ClassesView } from "./ClassesView.tsx";
import { ConfusionView } from "./ConfusionView.tsx";
import { FeatureMapsView } from "./FeatureMapsView.tsx";
import { viewFits } from "./describe.ts";
import { GeometricView } from "./GeometricView.tsx";
import { HeatmapView } from "./HeatmapView.tsx";
import { ImageGridView } from "./ImageGridView.tsx";
import { LineView } from "./LineView.tsx";
import { NumberView } from "./NumberView.tsx";
import { ScatterView } from "./ScatterView.tsx";
import { SummaryView } from "./SummaryView.tsx";
import { ValuesView } from "./ValuesView.tsx";
import { TopClassesView } from "./TopClassesView.tsx";
import type { ViewSize } from "./types.ts";
import "./views.css";

export interface TensorViewProps {
  readonly preview: TensorPreview;
  readonly kind: ViewKind;
  /** "cell" (about 220 × 120, inside a grid cell) or "large" (about 600 × 400, a detail panel). */
  readonly size?: ViewSize;
  /** Prefix for the view's aria-label, e.g. the cell's name. */
  readonly label?: string;
}

/**
 * Draw a preview with the view of the given kind. A kind the preview has no data for (say a
 * heatmap chosen for what is now a 3-d tensor) falls back to the summary.
 */
export function TensorView(props: TensorViewProps): JSX.Element {
  const size = (): ViewSize => props.size ?? "cell";
  const kind = (): ViewKind => (viewFits(props.kind, props.preview) ? props.kind : "summary");
  const common = {
    get preview() {
      return props.preview;
    },
    get size() {
      return size();
    },
    get label() {
      return props.label;
    },
  };
  return (
    <Switch fallback={<SummaryView {...common} />}>
      <Match when={kind() === "number"}>
        <NumberView {...common} />
      </Match>
      <Match when={kind() === "values"}>
        <ValuesView {...common} />
      </Match>
      <Match when={kind() === "classes"}>
        <ClassesView {...common} />
      </Match>
      <Match when={kind() === "columns"}>
        <ImageGridView {...common} source="columns" />
      </Match>
      <Match when={kind() === "bars"}>
        <BarsView {...common} />
      </Match>
      <Match when={kind() === "heatmap"}>
        <HeatmapView {...common} />
      </Match>
      <Match when={kind() === "images"}>
        <ImageGridView {...common} />
      </Match>
      <Match when={kind() === "scatter"}>
        <ScatterView {...common} />
      </Match>
      <Match when={kind() === "geometric"}>
        <GeometricView {...common} />
      </Match>
      <Match when={kind() === "maps"}>
        <FeatureMapsView {...common} />
      </Match>
      <Match when={kind() === "confusion"}>
        <ConfusionView {...common} />
      </Match>
      <Match when={kind() === "top"}>
        <TopClassesView {...common} />
      </Match>
      <Match when={kind() === "line"}>
        <LineView {...common} />
      </Match>
    </Switch>
  );
}
