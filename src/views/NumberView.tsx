import { Show, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import type { ViewProps } from "./types.ts";

/** A single value, formatted, in large monospace. */
export function NumberView(props: ViewProps): JSX.Element {
  const value = () => props.preview.values?.[0] ?? props.preview.summary.mean;
  const text = () => formatNumber(value());
  return (
    <figure
      class={`tv tv-${props.size} tv-number`}
      data-testid="view-number"
      aria-label={viewAriaLabel("number", props.preview, props.label)}
    >
      <div class="tv-plot tv-number-box">
        <output class="tv-number-value" classList={{ "tv-bad": !Number.isFinite(value()) }} title={String(value())} data-testid="number-value">
          {text()}
        </output>
      </div>
      <Show when={props.size === "large" && props.preview.shape.length > 0}>
        <figcaption class="tv-caption">shape [{props.preview.shape.join(", ")}]</figcaption>
      </Show>
    </figure>
  );
}
